import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Emulator } from '../core/context.js';
import type { ExportRec, JsonObject, RunMediaRec, RunRec } from '../core/types.js';
import { renderRun, renderSegmentResult, SEARCHABLE_RUN_STATUSES } from './run-views.js';
import { renderIndex, renderVideo } from './video-views.js';
import { Rng } from '../core/rng.js';

/**
 * Exports: pending/queued --exportStartDelayMs--> processing/running --exportBuildMs-->
 * completed/succeeded (artifact built then) or failed when the target vanished. Download
 * tokens are `v1.<payload>.<mac>`: short-lived (virtual clock) and single-use.
 */

export class ExportSimulator {
	private tokenRng: Rng;
	private readonly macKey: string;

	constructor(private readonly emu: Emulator) {
		this.tokenRng = new Rng(`${emu.seed}:download-tokens`);
		this.macKey = `export-token-key:${emu.seed}`;
	}

	create(input: {
		export_type: ExportRec['export_type'];
		target_id: string;
		destination_connector_id: string | null;
		destination_subpath: string | null;
		result_scope: 'all' | 'matches';
		prompt_run_ids: string[] | null;
	}): ExportRec {
		const now = this.emu.nowIso();
		const connector = input.destination_connector_id
			? this.emu.store.connectors.get(input.destination_connector_id)
			: undefined;
		const record: ExportRec = {
			export_id: this.emu.ids.next('export'),
			export_type: input.export_type,
			target_id: input.target_id,
			status: 'pending',
			queue_status: 'queued',
			attempts: 0,
			max_attempts: 3,
			available_at: now,
			created_at: now,
			updated_at: now,
			started_at: null,
			completed_at: null,
			error_message: null,
			destination_connector_id: input.destination_connector_id,
			destination_base_path: connector?.export_base_path ?? null,
			destination_subpath: input.destination_subpath,
			destination_uri: null,
			result_scope: input.result_scope,
			prompt_run_ids: input.prompt_run_ids,
			artifact: null,
		};
		this.emu.store.exports.set(record.export_id, record);
		this.emu.clock.setTimeout(
			() => this.begin(record.export_id),
			this.emu.config.simulation.exportStartDelayMs,
		);
		return record;
	}

	private begin(exportId: string): void {
		const record = this.emu.store.exports.get(exportId);
		if (!record || record.status !== 'pending') return;
		record.status = 'processing';
		record.queue_status = 'running';
		record.attempts = 1;
		record.started_at = this.emu.nowIso();
		record.updated_at = record.started_at;
		this.emu.clock.setTimeout(
			() => this.complete(exportId),
			this.emu.config.simulation.exportBuildMs,
		);
	}

	private complete(exportId: string): void {
		const { emu } = this;
		const record = emu.store.exports.get(exportId);
		if (!record || record.status !== 'processing') return;
		const now = emu.nowIso();
		record.updated_at = now;
		record.completed_at = now;
		const document = this.buildDocument(record);
		if (!document) {
			record.status = 'failed';
			record.queue_status = 'failed';
			record.error_message = `The ${record.export_type === 'index' ? 'index' : 'prompt run'} to export no longer exists`;
			emu.bus.emit('export.failed', {
				index_id: record.export_type === 'index' ? record.target_id : null,
				payload: this.eventData(record),
			});
			return;
		}
		record.artifact = Buffer.from(JSON.stringify(document, null, 2), 'utf8');
		record.status = 'completed';
		record.queue_status = 'succeeded';
		if (record.destination_connector_id) {
			const connector = emu.store.connectors.get(record.destination_connector_id);
			const scheme =
				connector?.provider === 's3' ? 's3' : connector?.provider === 'azure' ? 'azure' : 'gs';
			const container =
				connector?.bucket ??
				(connector ? `${connector.storage_account}/${connector.container}` : 'unknown');
			const parts = [
				record.destination_base_path,
				record.destination_subpath,
				`${record.export_id}.json`,
			]
				.filter((p): p is string => !!p)
				.map((p) => p.replace(/^\/+|\/+$/g, ''));
			record.destination_uri = `${scheme}://${container}/${parts.join('/')}`;
		}
		emu.bus.emit('export.ready', {
			index_id: record.export_type === 'index' ? record.target_id : null,
			payload: this.eventData(record),
		});
	}

	private eventData(record: ExportRec): JsonObject {
		return {
			export_id: record.export_id,
			status: record.status,
			export_type: record.export_type,
			target_id: record.target_id,
		};
	}

	private buildDocument(record: ExportRec): JsonObject | null {
		const { emu } = this;
		let runs: RunRec[];
		let index: JsonObject | null = null;
		let videoIds: string[];
		if (record.export_type === 'index') {
			const rec = emu.store.indexes.get(record.target_id);
			if (!rec || rec.deletion?.status === 'deleted') return null;
			index = renderIndex(emu, rec);
			videoIds = emu.store.listingOf(rec.index_id).all();
			const wanted = record.prompt_run_ids ? new Set(record.prompt_run_ids) : null;
			runs = emu.store
				.runsOfIndex(rec.index_id)
				.all()
				.map((id) => emu.store.runs.get(id))
				.filter(
					(run): run is RunRec =>
						!!run && (wanted ? wanted.has(run.run_id) : SEARCHABLE_RUN_STATUSES.has(run.status)),
				);
		} else {
			const run = emu.store.runs.get(record.target_id);
			if (!run) return null;
			runs = [run];
			videoIds = run.media_order;
		}
		const results: JsonObject[] = [];
		for (const run of runs) {
			for (const videoId of run.media_order) {
				const media = run.media.get(videoId) as RunMediaRec;
				for (const segment of media.segments)
					if (segment.status === 'completed') results.push(renderSegmentResult(emu, run, segment));
			}
		}
		return {
			export_id: record.export_id,
			export_type: record.export_type,
			target_id: record.target_id,
			generated_at: emu.nowIso(),
			result_scope: record.result_scope,
			index,
			videos: videoIds
				.map((id) => emu.store.videos.get(id))
				.filter((v) => v !== undefined)
				.map((v) => renderVideo(emu, v)),
			prompt_runs: runs.map((run) => renderRun(emu, run)),
			results,
		};
	}

	/** Mints a single-use token; the caller builds the URL on the API origin. */
	mintToken(record: ExportRec): string {
		const nonce = this.tokenRng.hex(24);
		const expiresAt = Math.floor(this.emu.now() + this.emu.config.simulation.downloadTokenTtlMs);
		this.emu.store.downloadTokens.set(nonce, {
			export_id: record.export_id,
			expires_at: expiresAt,
			used: false,
		});
		const payload = Buffer.from(
			JSON.stringify({ e: record.export_id, n: nonce, x: expiresAt }),
		).toString('base64url');
		return `v1.${payload}.${this.mac(payload)}`;
	}

	/** Consumes a token for this export; false when malformed, forged, expired, reused or for another export. */
	consumeToken(token: string, exportId: string): boolean {
		const match = /^v1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
		if (!match) return false;
		const [, payload, mac] = match as unknown as [string, string, string];
		const expected = Buffer.from(this.mac(payload));
		const given = Buffer.from(mac);
		if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
		let nonce: unknown;
		try {
			nonce = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { n?: unknown }).n;
		} catch {
			return false;
		}
		const record = typeof nonce === 'string' ? this.emu.store.downloadTokens.get(nonce) : undefined;
		if (
			!record ||
			record.used ||
			record.export_id !== exportId ||
			record.expires_at <= this.emu.now()
		)
			return false;
		record.used = true;
		return true;
	}

	private mac(payload: string): string {
		return createHmac('sha256', this.macKey).update(payload).digest('base64url');
	}
}

export function renderExport(emu: Emulator, record: ExportRec): JsonObject {
	const direct = record.destination_connector_id === null;
	const ready = record.status === 'completed' && record.queue_status === 'succeeded';
	return {
		export_id: record.export_id,
		user_id: emu.userId,
		export_type: record.export_type,
		target_id: record.target_id,
		status: record.status,
		queue_status: record.queue_status,
		attempts: record.attempts,
		max_attempts: record.max_attempts,
		available_at: record.available_at,
		started_at: record.started_at,
		completed_at: record.completed_at,
		updated_at: record.updated_at,
		created_at: record.created_at,
		download_url: ready && direct ? `/api/v2/exports/${record.export_id}/download` : null,
		file_size_bytes: record.artifact?.length ?? null,
		error_message: record.error_message,
		last_error: record.error_message,
		destination_type: direct ? 'download' : 'connector',
		destination_connector_id: record.destination_connector_id,
		destination_base_path: record.destination_base_path,
		destination_subpath: record.destination_subpath,
		destination_uri: direct ? null : record.destination_uri,
		// Per docs/api/conventions.md#exports, a download URL always comes with the export's own gs:// object.
		gcs_uri: direct
			? ready
				? `gs://videovector-exports/${emu.userId}/${record.export_id}.zip`
				: null
			: record.destination_uri,
		export_params: {
			...(record.prompt_run_ids ? { prompt_run_ids: record.prompt_run_ids } : {}),
			...(record.destination_connector_id
				? { destination_connector_id: record.destination_connector_id }
				: {}),
			...(record.destination_base_path
				? { destination_base_path: record.destination_base_path }
				: {}),
			...(record.destination_subpath ? { destination_subpath: record.destination_subpath } : {}),
		},
	};
}
