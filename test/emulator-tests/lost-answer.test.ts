import { afterEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers.js';

/** `lost_answer`: the route runs (the write is applied), then its answer never reaches the client. */
describe('lost-answer fault', () => {
	const running: TestEmulator[] = [];
	const start = async () => {
		const t = await startTestEmulator();
		running.push(t);
		return t;
	};
	afterEach(async () => {
		await Promise.all(running.splice(0).map((t) => t.close()));
	});

	const indexNames = async (t: TestEmulator) =>
		((await t.call('GET', '/indexes')).body as Array<{ name: string }>).map((i) => i.name);

	it('resets the connection after the write was applied; the same key then replays it', async () => {
		const t = await start();
		t.emu.control.faults.add({ kind: 'lost_answer', method: 'POST', path: '/indexes', next: 1 });
		await expect(
			t.call('POST', '/indexes', { body: { name: 'lost-reset' }, idempotencyKey: 'k-reset' }),
		).rejects.toThrow();
		expect(await indexNames(t)).toEqual(['lost-reset']);
		const retry = await t.call('POST', '/indexes', {
			body: { name: 'lost-reset' },
			idempotencyKey: 'k-reset',
		});
		expect(retry.status).toBe(201);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect(await indexNames(t)).toEqual(['lost-reset']);
	});

	it('answers 502 instead of the real answer, the write applied', async () => {
		const t = await start();
		t.emu.control.faults.add({
			kind: 'lost_answer',
			lostAs: 'bad_gateway',
			method: 'POST',
			path: '/indexes',
			next: 1,
		});
		const res = await t.call('POST', '/indexes', { body: { name: 'lost-502' } });
		expect(res.status).toBe(502);
		expect(res.body.error.code).toBe('upstream_bad_gateway');
		expect(await indexNames(t)).toEqual(['lost-502']);
	});

	it('holds the answer past the client deadline, the write applied', async () => {
		const t = await start();
		t.emu.control.faults.add({
			kind: 'lost_answer',
			lostAs: 'timeout',
			latencyMs: 2_000,
			method: 'POST',
			path: '/indexes',
			next: 1,
		});
		const aborted = fetch(`${t.emu.baseUrl}/indexes`, {
			method: 'POST',
			headers: { 'x-api-key': t.emu.apiKey, 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'lost-timeout' }),
			signal: AbortSignal.timeout(300),
		});
		await expect(aborted).rejects.toThrow();
		expect(await indexNames(t)).toEqual(['lost-timeout']);
	});

	it('rejects a timeout rule without latency', async () => {
		const t = await start();
		expect(() => t.emu.control.faults.add({ kind: 'lost_answer', lostAs: 'timeout' })).toThrow(
			/latencyMs/,
		);
	});
});

describe('quota codes on 429 (§5.2, §23.3)', () => {
	it('answers a rate_limit rule with the chosen quota code, the rate quota with its reset time', async () => {
		const t = await startTestEmulator();
		try {
			t.emu.control.faults.add({
				kind: 'rate_limit',
				code: 'llm_daily_budget_exceeded',
				next: 1,
				retryAfterSeconds: 30,
			});
			const budget = await t.call('GET', '/indexes');
			expect(budget.status).toBe(429);
			expect(budget.body.error).toMatchObject({
				code: 'llm_daily_budget_exceeded',
				retry_after: 30,
			});
			t.emu.control.faults.add({
				kind: 'rate_limit',
				code: 'resource_rate_quota_exceeded',
				next: 1,
			});
			const quota = await t.call('GET', '/indexes');
			expect(quota.body.error.code).toBe('resource_rate_quota_exceeded');
			expect(typeof quota.body.error.details.reset_at).toBe('string');
			expect(() =>
				t.emu.control.faults.add({ kind: 'rate_limit', code: 'made_up' as never }),
			).toThrow(/code/);
		} finally {
			await t.close();
		}
	});
});
