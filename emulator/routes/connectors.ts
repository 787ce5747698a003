import { readFile, rm } from 'node:fs/promises';
import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { invalid } from '../core/errors.js';
import type { MultipartBody } from '../core/multipart.js';
import { created, ok } from '../core/reply.js';
import { route } from '../core/route.js';
import { sha256Hex } from '../core/rng.js';
import type { ConnectorRec, JsonObject } from '../core/types.js';
import { checkEnum, checkString, Fields } from '../core/validation.js';
import { browse } from '../sim/fake-bucket.js';
import { deleted, findConnector } from './lookups.js';
import { field, fieldList } from './uploads.js';

/** Connectors (docs/api/conventions.md#connectors). Secrets are only fingerprinted, never stored raw or returned. */

const SCOPES = ['import', 'export'] as const;
const IMPORT_MODES = ['all', 'new_only'] as const;
const CREDENTIALS_MAX = 64 * 1024;

export function renderConnector(connector: ConnectorRec): JsonObject {
	const { secret_fingerprint: _secret, ...view } = connector;
	return { ...view, scopes: [...connector.scopes] };
}

interface CommonFields {
	name: string;
	scopes: ConnectorRec['scopes'];
	import_mode: ConnectorRec['import_mode'];
	export_base_path: string | null;
}

function commonFromJson(f: Fields): CommonFields {
	const scopes = f.optStrArray('scopes', { min: 1 }) ?? ['import'];
	return {
		name: f.str('name', { min: 1, max: 100 }),
		scopes: [...new Set(scopes.map((s, i) => checkEnum(`scopes[${i}]`, s, SCOPES)))],
		import_mode: f.enumOf('import_mode', IMPORT_MODES, 'all'),
		export_base_path: f.optStr('export_base_path', { max: 1024 }) || null,
	};
}

function newConnector(
	emu: Emulator,
	provider: ConnectorRec['provider'],
	common: CommonFields,
	location: Partial<ConnectorRec>,
	secret: string,
): ConnectorRec {
	const now = emu.nowIso();
	const connector: ConnectorRec = {
		connector_id: emu.ids.next('connector'),
		provider,
		status: 'active',
		...common,
		bucket: null,
		region: null,
		storage_account: null,
		container: null,
		gcp_project_id: null,
		...location,
		created_at: now,
		updated_at: now,
		last_tested_at: null,
		last_test_result: null,
		last_test_error: null,
		secret_fingerprint: sha256Hex(`connector-secret:${secret}`),
	};
	emu.store.connectors.set(connector.connector_id, connector);
	return connector;
}

async function gcsCredentials(body: MultipartBody): Promise<string> {
	const file = body.files.find((f) => f.field === 'credentials_file');
	let text = field(body, 'credentials_file');
	if (file) {
		text = await readFile(file.path, 'utf8');
		await rm(file.path, { force: true });
	}
	if (!text) throw invalid('credentials_file', 'is required (service-account JSON)');
	if (Buffer.byteLength(text) > CREDENTIALS_MAX)
		throw invalid('credentials_file', 'must be at most 64 KiB');
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw invalid('credentials_file', 'must be a JSON service-account key');
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		throw invalid('credentials_file', 'must be a JSON object');
	return text;
}

export function registerConnectorRoutes(router: Router, emu: Emulator): void {
	route(router, emu, { method: 'POST', path: '/connectors/s3', scope: 'write' }, ({ body }) => {
		const f = Fields.body(body);
		const common = commonFromJson(f);
		const bucket = f.str('bucket', { min: 3, max: 63 });
		const region = f.str('region', { min: 1, max: 64 });
		f.str('aws_access_key_id', { min: 1 });
		const secret = f.str('aws_secret_access_key', { min: 1 });
		return created(renderConnector(newConnector(emu, 's3', common, { bucket, region }, secret)));
	});

	route(
		router,
		emu,
		{
			method: 'POST',
			path: '/connectors/gcs',
			scope: 'write',
			body: 'multipart',
			multipart: { maxFileBytes: { credentials_file: CREDENTIALS_MAX } },
		},
		async ({ multipart }) => {
			const body = multipart!;
			const text = (name: string, max: number) => {
				const value = field(body, name);
				if (value === undefined) throw invalid(name, 'is required');
				return checkString(name, value, { min: 1, max });
			};
			const name = text('name', 100);
			const bucket = text('bucket', 222);
			const project = text('gcp_project_id', 100);
			const scopes = fieldList(body, 'scopes');
			const common: CommonFields = {
				name,
				scopes: scopes.length
					? [...new Set(scopes.map((s, i) => checkEnum(`scopes[${i}]`, s, SCOPES)))]
					: ['import'],
				import_mode: field(body, 'import_mode')
					? checkEnum('import_mode', field(body, 'import_mode'), IMPORT_MODES)
					: 'all',
				export_base_path: field(body, 'export_base_path') || null,
			};
			const secret = await gcsCredentials(body);
			return created(
				renderConnector(
					newConnector(emu, 'gcs', common, { bucket, gcp_project_id: project }, secret),
				),
			);
		},
	);

	route(router, emu, { method: 'POST', path: '/connectors/azure', scope: 'write' }, ({ body }) => {
		const f = Fields.body(body);
		const common = commonFromJson(f);
		const storage = f.str('storage_account', { min: 3, max: 24 });
		const container = f.str('container', { min: 3, max: 63 });
		f.str('tenant_id', { min: 1 });
		f.str('client_id', { min: 1 });
		const secret = f.str('client_secret', { min: 1 });
		return created(
			renderConnector(
				newConnector(emu, 'azure', common, { storage_account: storage, container }, secret),
			),
		);
	});

	route(router, emu, { method: 'GET', path: '/connectors', scope: 'read' }, () =>
		ok(emu.store.connectors.newestFirst().map(renderConnector)),
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/connectors/:connector_id', scope: 'read' },
		({ params }) => ok(renderConnector(findConnector(emu, params.connector_id as string))),
	);

	route(
		router,
		emu,
		{ method: 'DELETE', path: '/connectors/:connector_id', scope: 'admin' },
		({ params }) => {
			const connector = findConnector(emu, params.connector_id as string);
			emu.store.connectors.delete(connector.connector_id);
			return ok(deleted('Connector'));
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/connectors/:connector_id/test', scope: 'write', body: 'none' },
		({ params }) => {
			const connector = findConnector(emu, params.connector_id as string);
			const location = connector.bucket ?? connector.container ?? '';
			// Buckets named like "denied" or "fail" simulate missing permissions.
			const denied = /denied|fail/i.test(location);
			connector.last_tested_at = emu.nowIso();
			connector.updated_at = connector.last_tested_at;
			connector.last_test_result = denied ? 'failure' : 'success';
			connector.last_test_error = denied ? `Access denied to ${location}` : null;
			connector.status = denied ? 'failed' : 'active';
			return ok({ success: !denied, error_message: connector.last_test_error });
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/connectors/:connector_id/browse', scope: 'read', idempotency: false },
		({ params, body }) => {
			const connector = findConnector(emu, params.connector_id as string);
			const f = Fields.body(body);
			const files = browse(connector.bucket ?? connector.container ?? connector.connector_id, {
				prefix: f.optStr('prefix', { max: 1024 }) ?? '',
				pattern: f.optStr('pattern', { max: 256 }) || '*',
				recursive: f.bool('recursive', true),
				limit: f.optInt('limit', 1, 10_000),
			});
			return ok(files);
		},
	);
}
