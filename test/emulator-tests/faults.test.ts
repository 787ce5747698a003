import { afterEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator, waitFor } from './helpers.js';

describe('fault injection', () => {
	const running: TestEmulator[] = [];
	const start = async (seed = 'fault-seed') => {
		const t = await startTestEmulator({ randomSeed: seed });
		running.push(t);
		return t;
	};
	afterEach(async () => {
		await Promise.all(running.splice(0).map((t) => t.close()));
	});

	it('answers the next N matching requests with 429 and Retry-After', async () => {
		const t = await start();
		t.emu.control.faults.add({
			kind: 'rate_limit',
			next: 2,
			retryAfterSeconds: 7,
			method: 'GET',
			path: '/indexes',
		});
		const first = await t.call('GET', '/indexes');
		expect(first.status).toBe(429);
		expect(first.headers.get('retry-after')).toBe('7');
		expect(first.body.error).toMatchObject({ code: 'rate_limit_exceeded', retry_after: 7 });
		expect((await t.call('POST', '/indexes', { body: { name: 'not matched' } })).status).toBe(201);
		expect((await t.call('GET', '/indexes')).status).toBe(429);
		expect((await t.call('GET', '/indexes')).status).toBe(200);
	});

	it('injects 5xx at a rate, identically for the same seed, rules and requests', async () => {
		const sequence = async (seed: string) => {
			const t = await start(seed);
			t.emu.control.faults.set([
				{ kind: 'server_error', rate: 0.5, status: 502, path: '/prompts/**' },
			]);
			const statuses: number[] = [];
			for (let i = 0; i < 30; i++)
				statuses.push((await t.call('GET', `/prompts/prompt_${i}`)).status);
			return statuses;
		};
		const a = await sequence('same');
		const b = await sequence('same');
		expect(a).toEqual(b);
		expect(a.filter((s) => s === 502).length).toBeGreaterThan(5);
		expect(a.filter((s) => s === 404).length).toBeGreaterThan(5);
		expect(await sequence('different')).not.toEqual(a);
	});

	it('resets connections, adds latency, and is switchable through the HTTP control API', async () => {
		const t = await start();
		const control = (method: string, path: string, body?: unknown) =>
			fetch(`${t.emu.origin}/_emulator${path}`, {
				method,
				headers: { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		expect(
			(await control('POST', '/faults/rules', { kind: 'reset', next: 1, path: '/auth/validate' }))
				.status,
		).toBe(201);
		await expect(t.call('GET', '/auth/validate')).rejects.toThrow();
		expect((await t.call('GET', '/auth/validate')).status).toBe(204);
		await control('PUT', '/faults', {
			rules: [
				{ kind: 'latency', latencyMs: 30, next: 1 },
				{ kind: 'server_error', next: 1, status: 504 },
			],
		});
		const slow = await t.call('GET', '/auth/validate');
		expect(slow.status).toBe(504);
		expect(slow.body.error.code).toBe('upstream_timeout');
		const listed = (await (await control('GET', '/faults')).json()) as {
			rules: Array<{ remaining: number }>;
		};
		expect(listed.rules.map((r: { remaining: number }) => r.remaining)).toEqual([0, 0]);
		expect((await control('DELETE', '/faults')).status).toBe(204);
		expect((await t.call('GET', '/auth/validate')).status).toBe(204);
		const log = (await (await control('GET', '/requests?path=/auth/validate')).json()) as Array<{
			headers: Record<string, string>;
		}>;
		expect(log.length).toBeGreaterThanOrEqual(3);
		expect(log[0].headers['x-api-key']).toBe('[redacted]');
		expect(JSON.stringify(log)).not.toContain(t.emu.apiKey);
	});

	it('holds a barrier group until its last request arrived, then lets all of it go', async () => {
		const t = await start();
		t.emu.control.faults.add({ kind: 'barrier', next: 2, method: 'GET', path: '/indexes' });
		let firstSettled = false;
		const first = t.call('GET', '/indexes').finally(() => {
			firstSettled = true;
		});
		await waitFor(() => t.emu.control.requests.list({ path: '/indexes' }).length === 1);
		// Arrived and logged, but held: only the second member of the group releases it.
		expect(firstSettled).toBe(false);
		const second = await t.call('GET', '/indexes');
		expect([(await first).status, second.status]).toEqual([200, 200]);
		// The group is spent: later requests pass at once.
		expect((await t.call('GET', '/indexes')).status).toBe(200);
	});

	it('releases a barrier group that never fills after latencyMs, and refuses groups below 2', async () => {
		const t = await start();
		expect(() => t.emu.control.faults.add({ kind: 'barrier', next: 1 })).toThrow(/next >= 2/);
		t.emu.control.faults.add({ kind: 'barrier', next: 2, latencyMs: 20, path: '/indexes' });
		expect((await t.call('GET', '/indexes')).status).toBe(200);
	});
});
