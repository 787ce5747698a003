import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrompt, startTestEmulator, waitFor, type TestEmulator } from './helpers.js';
import { SseClient } from './sse-client.js';

/** The rest of the surface: connectors, imports, deletions, media bytes, search, markers, chat, control. */
describe('resource behaviour', () => {
	let t: TestEmulator;
	let seeded: { index_id: string; run_id: string; video_ids: string[]; prompt_id: string };
	beforeAll(async () => {
		t = await startTestEmulator();
		seeded = t.emu.control.seed.index({ media: 3, segmentsPerMedia: 3 }) as typeof seeded;
	});
	afterAll(() => t.close());

	it('keeps connector secrets out of every response and browses a deterministic bucket', async () => {
		const created = await t.call('POST', '/connectors/s3', {
			body: {
				name: 'media',
				bucket: 'media-bucket',
				region: 'us-east-1',
				aws_access_key_id: 'AKIAEXAMPLE',
				aws_secret_access_key: 'super-secret-value',
			},
		});
		expect(created.status).toBe(201);
		expect(created.body.scopes).toEqual(['import']);
		const listed = await t.call('GET', '/connectors');
		expect(JSON.stringify([created.body, listed.body])).not.toContain('super-secret-value');
		const test = await t.call('POST', `/connectors/${created.body.connector_id}/test`);
		expect(test.body).toEqual({ success: true, error_message: null });
		const browse = await t.call('POST', `/connectors/${created.body.connector_id}/browse`, {
			body: { prefix: 'videos/', pattern: '*.mp4', recursive: false },
		});
		expect(browse.body.map((f: { path: string }) => f.path)).toEqual([
			'videos/intro.mp4',
			'videos/corrupt-upload.mp4',
		]);
		const gcs = new FormData();
		gcs.append('name', 'gcs');
		gcs.append('bucket', 'denied-bucket');
		gcs.append('gcp_project_id', 'proj');
		gcs.append(
			'credentials_file',
			new Blob([JSON.stringify({ type: 'service_account', private_key: 'pk' })], {
				type: 'application/json',
			}),
			'sa.json',
		);
		const gcsCreated = await t.call('POST', '/connectors/gcs', { rawBody: gcs });
		expect(gcsCreated.status, gcsCreated.text).toBe(201);
		expect(
			(await t.call('POST', `/connectors/${gcsCreated.body.connector_id}/test`)).body.success,
		).toBe(false);
		expect(JSON.stringify(t.emu.control.requests.list({ path: '/connectors/s3' }))).not.toContain(
			'super-secret-value',
		);
	});

	it('runs an import job to completed with partial failures and skips', async () => {
		const connector = await t.call('POST', '/connectors/azure', {
			body: {
				name: 'az',
				storage_account: 'acct01',
				container: 'media',
				tenant_id: 't',
				client_id: 'c',
				client_secret: 's',
			},
		});
		const index = (await t.call('POST', '/indexes', { body: { name: 'imports' } })).body.index_id;
		const job = await t.call('POST', '/import-jobs', {
			body: { connector_id: connector.body.connector_id, index_id: index },
		});
		expect(job.status).toBe(202);
		expect(job.body.status).toBe('pending');
		t.emu.control.clock.advance(1_000);
		expect((await t.call('GET', `/import-jobs/${job.body.job_id}`)).body.status).toBe('scanning');
		t.emu.control.clock.runAll();
		const done = (await t.call('GET', `/import-jobs/${job.body.job_id}`)).body;
		expect(done.status).toBe('completed');
		expect(done.progress).toMatchObject({ total_files: 12, imported: 9, failed: 1, skipped: 2 });
		expect(done.video_ids).toHaveLength(9);
		expect((await t.call('GET', `/indexes/${index}/videos`)).body.data).toHaveLength(9);
		const again = await t.call('POST', '/import-jobs', {
			body: {
				connector_id: connector.body.connector_id,
				index_id: index,
				import_mode_override: 'new_only',
			},
		});
		t.emu.control.clock.runAll();
		expect((await t.call('GET', `/import-jobs/${again.body.job_id}`)).body.progress.imported).toBe(
			0,
		);
		expect((await t.call('POST', `/import-jobs/${job.body.job_id}/cancel`)).status).toBe(409);
	});

	it('imports URL attachments and retries the failed ones', async () => {
		const job = await t.call('POST', '/workflow/attachments', {
			body: {
				files: [
					{ download_url: 'https://cdn.example.com/a.mp4', file_id: 'a' },
					{ download_url: 'https://cdn.example.com/fail/b.mp4', file_id: 'b' },
				],
			},
		});
		expect(job.status).toBe(202);
		t.emu.control.clock.runAll();
		const done = (await t.call('GET', `/import-jobs/${job.body.job_id}`)).body;
		expect(done.progress).toMatchObject({ imported: 1, failed: 1 });
		const retried = await t.call('POST', `/import-jobs/${job.body.job_id}/retry`);
		expect(retried.status).toBe(202);
		t.emu.control.clock.runAll();
		expect((await t.call('GET', `/import-jobs/${job.body.job_id}`)).body.progress).toMatchObject({
			imported: 2,
			failed: 0,
		});
	});

	it('deletes media durably with observable progress', async () => {
		const video = await t.call('POST', '/videos', {
			body: { title: 'doomed', video_uri: 'gs://b/doomed.mp4', index_id: seeded.index_id },
		});
		const started = await t.call('DELETE', `/videos/${video.body.video_id}`);
		expect(started.status).toBe(202);
		expect(started.body.status).toBe('pending');
		t.emu.control.clock.advance(1_000);
		expect((await t.call('GET', `/videos/${video.body.video_id}/deletion`)).body.status).toBe(
			'in_progress',
		);
		t.emu.control.clock.advance(1_000);
		expect((await t.call('GET', `/videos/${video.body.video_id}/deletion`)).body.status).toBe(
			'deleted',
		);
		expect((await t.call('GET', `/videos/${video.body.video_id}`)).status).toBe(404);
	});

	it('serves real GIF and JPEG bytes', async () => {
		const gif = await fetch(`${t.emu.baseUrl}/videos/${seeded.video_ids[0]}/gif`, {
			headers: { 'x-api-key': t.emu.apiKey },
		});
		expect(gif.headers.get('content-type')).toBe('image/gif');
		expect(
			Buffer.from(await gif.arrayBuffer())
				.subarray(0, 6)
				.toString('ascii'),
		).toBe('GIF89a');
		const segments = await t.call('GET', `/videos/${seeded.video_ids[0]}/segments`);
		expect(segments.body.data).toHaveLength(3);
		const jpeg = await fetch(
			`${t.emu.baseUrl}/videos/segments/${segments.body.data[0].segment_id}/thumbnail`,
			{ headers: { 'x-api-key': t.emu.apiKey } },
		);
		expect(jpeg.headers.get('content-type')).toBe('image/jpeg');
		const bytes = Buffer.from(await jpeg.arrayBuffer());
		expect([bytes[0], bytes[1], bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
	});

	it('ranks text hits by token overlap and filters by metadata', async () => {
		const anyResult = (
			await t.call('GET', `/prompt-runs/${seeded.run_id}/results`, {
				query: { video_id: seeded.video_ids[0] as string },
			})
		).body.data[0];
		const location = anyResult.metadata.scene.location as string;
		const hits = await t.call('POST', `/indexes/${seeded.index_id}/search`, {
			body: { query: `${location} zzzunmatched`, top_k: 5 },
		});
		expect(hits.body.length).toBeGreaterThan(0);
		expect(hits.body[0].similarity_score).toBeGreaterThan(0);
		expect(
			hits.body.every((h: { metadata_text: string }) => h.metadata_text.includes(location)),
		).toBe(true);
		const filtered = await t.call('POST', `/search/filter/${seeded.index_id}`, {
			body: {
				conditions: [
					{ field: 'scene.location', operator: 'equals', value: location, type: 'string' },
				],
				run_ids: [seeded.run_id],
			},
		});
		expect(filtered.body.results.length).toBeGreaterThan(0);
		expect(
			filtered.body.results.every(
				(r: { metadata: { scene: { location: string } } }) =>
					r.metadata.scene.location === location,
			),
		).toBe(true);
		const emotion = await t.call('POST', `/search/filter/${seeded.index_id}`, {
			body: {
				conditions: [{ field: 'scene.people[].emotion', operator: 'is_not_empty', type: 'string' }],
			},
		});
		expect(emotion.status).toBe(200);
		const image = await t.call('POST', `/indexes/${seeded.index_id}/image-search`, {
			body: { image_data: Buffer.from('picture').toString('base64'), top_k: 3 },
		});
		const again = await t.call('POST', `/indexes/${seeded.index_id}/image-search`, {
			body: { image_data: Buffer.from('picture').toString('base64'), top_k: 3 },
		});
		expect(image.body.map((r: { result_id: string }) => r.result_id)).toEqual(
			again.body.map((r: { result_id: string }) => r.result_id),
		);
		const sql = await t.call('POST', `/search/sql/${seeded.index_id}`, {
			body: {
				query: `SELECT video_id, scene_location FROM results WHERE scene_location = '${location}' LIMIT 2`,
			},
		});
		expect(sql.status, sql.text).toBe(200);
		expect(
			sql.body.rows.every((r: { scene_location: string }) => r.scene_location === location),
		).toBe(true);
		expect(
			(await t.call('POST', `/search/sql/${seeded.index_id}/catalog`, { body: {} })).body.tables[0]
				.name,
		).toBe('results');
	});

	it('upserts markers on their target', async () => {
		const first = await t.call('PUT', '/markers', {
			body: { target_type: 'prompt_run', target_id: seeded.run_id, color: 'red', note: 'check' },
		});
		const second = await t.call('PUT', '/markers', {
			body: { target_type: 'prompt_run', target_id: seeded.run_id, color: '#00ff00' },
		});
		expect(second.body.marker_id).toBe(first.body.marker_id);
		expect((await t.call('GET', `/prompt-runs/${seeded.run_id}`)).body.marker.color).toBe(
			'#00ff00',
		);
		expect(
			(await t.call('GET', '/markers', { query: { target_type: 'prompt_run' } })).body,
		).toHaveLength(1);
	});

	it('answers chat turns and replays their SSE events', async () => {
		const session = await t.call('POST', '/chat/sessions', { body: {} });
		const turn = await t.call('POST', `/chat/sessions/${session.body.session_id}/turns`, {
			body: { message: 'people in the kitchen', scope: { index_ids: [seeded.index_id] } },
		});
		expect(turn.status).toBe(201);
		expect(turn.body.turn.status).toBe('completed');
		expect(turn.body.turn.assistant_message.content.length).toBeGreaterThan(0);
		const client = await SseClient.open(
			t.emu.baseUrl,
			`/chat/sessions/${session.body.session_id}/turns/${turn.body.turn.turn_id}/events`,
			{ 'x-api-key': t.emu.apiKey },
		);
		await client.waitForClose();
		expect(client.events[0]!.event).toBe('turn.started');
		expect(client.events.at(-1)!.event).toBe('turn.completed');
	});

	it('prompts: delete in use needs force; test-schema validates sample data', async () => {
		expect((await t.call('DELETE', `/prompts/${seeded.prompt_id}`)).status).toBe(409);
		const check = await t.call('POST', '/prompts/test-schema', {
			body: {
				json_schema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
				sample_data: { n: 'x' },
			},
		});
		expect(check.body.valid).toBe(false);
		expect(check.body.error).toContain('$.n');
		const promptId = await createPrompt(t);
		expect((await t.call('DELETE', `/prompts/${promptId}`)).status).toBe(200);
	});

	it('exposes counts and resets state through control', async () => {
		const counts = t.emu.control.counts();
		expect(counts.indexes).toBeGreaterThan(0);
		const other = await startTestEmulator({ seed: 'demo' });
		try {
			expect(other.emu.control.counts().prompt_runs).toBe(1);
			const reset = await fetch(`${other.emu.origin}/_emulator/reset`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{}',
			});
			expect(reset.status).toBe(200);
			await waitFor(() => other.emu.control.counts().indexes === 0);
			expect((await other.call('GET', '/auth/validate')).status).toBe(204);
		} finally {
			await other.close();
		}
	});
});
