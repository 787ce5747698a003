import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers.js';

describe('exports (docs/api/conventions.md#exports)', () => {
	let t: TestEmulator;
	let seeded: { index_id: string; run_id: string };
	beforeAll(async () => {
		t = await startTestEmulator();
		seeded = t.emu.control.seed.index({ media: 2, segmentsPerMedia: 2 }) as typeof seeded;
	});
	afterAll(() => t.close());

	const finishedExport = async (path: string, body?: unknown) => {
		const created = await t.call('POST', path, {
			body: body ?? {},
			idempotencyKey: `export-${path}-${JSON.stringify(body)}`,
		});
		expect(created.status, created.text).toBe(202);
		expect(Object.keys(created.body).sort()).toEqual(['export_id', 'status']);
		expect((await t.call('GET', `/exports/${created.body.export_id}`)).body.status).toBe('pending');
		t.emu.control.clock.advance(1_000);
		expect((await t.call('GET', `/exports/${created.body.export_id}`)).body.status).toBe(
			'processing',
		);
		t.emu.control.clock.advance(2_000);
		return (await t.call('GET', `/exports/${created.body.export_id}`)).body;
	};

	it('completes an index export and serves the artifact with Content-Length', async () => {
		const record = await finishedExport(`/exports/index/${seeded.index_id}`);
		expect(record).toMatchObject({
			status: 'completed',
			queue_status: 'succeeded',
			destination_type: 'download',
			destination_uri: null,
			destination_connector_id: null,
		});
		expect(record.download_url).toBe(`/api/v2/exports/${record.export_id}/download`);
		const response = await fetch(`${t.emu.baseUrl}/exports/${record.export_id}/download`, {
			headers: { 'x-api-key': t.emu.apiKey },
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('application/json');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
		expect(record.file_size_bytes).toBe(bytes.length);
		const artifact = JSON.parse(bytes.toString('utf8'));
		expect(artifact.results).toHaveLength(4);
		expect(artifact.prompt_runs[0].run_id).toBe(seeded.run_id);
	});

	it('mints single-use, short-lived v1 download URLs usable without auth headers', async () => {
		const record = await finishedExport(`/exports/prompt-run/${seeded.run_id}`);
		const minted = await t.call('POST', `/exports/${record.export_id}/download-url`);
		expect(Object.keys(minted.body).sort()).toEqual([
			'destination_connector_id',
			'destination_type',
			'download_url',
			'export_id',
			'status',
		]);
		const url = new URL(minted.body.download_url);
		expect(url.origin).toBe(t.emu.origin);
		expect([...url.searchParams.keys()]).toEqual(['token']);
		const token = url.searchParams.get('token') as string;
		expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
		expect(token.length).toBeGreaterThanOrEqual(32);
		const first = await fetch(url);
		expect(first.status).toBe(200);
		expect(JSON.parse(await first.text()).export_type).toBe('prompt_run');
		const reused = await fetch(url);
		expect(reused.status).toBe(401);
		const second = new URL(
			(await t.call('POST', `/exports/${record.export_id}/download-url`)).body.download_url,
		);
		t.emu.control.clock.advance(301_000);
		expect((await fetch(second)).status).toBe(401);
		expect((await fetch(`${t.emu.baseUrl}/exports/${record.export_id}/download`)).status).toBe(401);
		const logged = t.emu.control.requests.list({ path: `/exports/${record.export_id}/download` });
		expect(JSON.stringify(logged)).not.toContain(token);
	});

	it('returns download_url null before completion and for connector exports', async () => {
		const created = await t.call('POST', `/exports/index/${seeded.index_id}`);
		const early = await t.call('POST', `/exports/${created.body.export_id}/download-url`);
		expect(early.body.download_url).toBeNull();
		expect((await t.call('GET', `/exports/${created.body.export_id}/download`)).status).toBe(409);
		const connector = await t.call('POST', '/connectors/s3', {
			body: {
				name: 'out',
				bucket: 'export-bucket',
				region: 'eu-west-1',
				aws_access_key_id: 'AKIA',
				aws_secret_access_key: 'shh',
				scopes: ['export'],
				export_base_path: 'vv',
			},
		});
		const record = await finishedExport(`/exports/index/${seeded.index_id}`, {
			destination_connector_id: connector.body.connector_id,
			destination_subpath: 'daily',
		});
		expect(record.destination_type).toBe('connector');
		expect(record.download_url).toBeNull();
		expect(record.destination_uri).toBe(`s3://export-bucket/vv/daily/${record.export_id}.json`);
		expect(record.gcs_uri).toBe(record.destination_uri);
		expect(
			(
				await t.call('POST', `/exports/prompt-run/${seeded.run_id}`, {
					body: { prompt_run_ids: [seeded.run_id] },
				})
			).status,
		).toBe(422);
	});
});
