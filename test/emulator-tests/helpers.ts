import {
	startEmulator,
	type RunningEmulator,
	type StartEmulatorOptions,
} from '../../emulator/app.js';

/** Real HTTP against an in-process emulator on 127.0.0.1 (ephemeral port). */

export interface CallOptions {
	body?: unknown;
	rawBody?: string | Buffer | FormData;
	headers?: Record<string, string>;
	query?: Record<string, string | number | boolean | Array<string | number>>;
	/** API key to send (default: the emulator's demo key); null sends no credential. */
	key?: string | null;
	bearer?: string;
	idempotencyKey?: string;
}

export interface CallResult<T = any> {
	status: number;
	headers: Headers;
	body: T;
	text: string;
}

export interface TestEmulator {
	emu: RunningEmulator;
	call<T = any>(method: string, path: string, options?: CallOptions): Promise<CallResult<T>>;
	close(): Promise<void>;
}

export function buildUrl(base: string, path: string, query: CallOptions['query'] = {}): string {
	const url = new URL(base + path);
	for (const [key, value] of Object.entries(query)) {
		for (const item of Array.isArray(value) ? value : [value])
			url.searchParams.append(key, String(item));
	}
	return url.toString();
}

export async function startTestEmulator(options: StartEmulatorOptions = {}): Promise<TestEmulator> {
	const emu = await startEmulator({ seed: 'empty', clockScale: 0, ...options });
	const call = async <T>(
		method: string,
		path: string,
		opts: CallOptions = {},
	): Promise<CallResult<T>> => {
		const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
		const key = opts.key === undefined ? emu.apiKey : opts.key;
		if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
		else if (key) headers['x-api-key'] = key;
		if (opts.idempotencyKey !== undefined) headers['idempotency-key'] = opts.idempotencyKey;
		let body: string | Buffer | FormData | undefined = opts.rawBody;
		if (opts.body !== undefined) {
			body = JSON.stringify(opts.body);
			headers['content-type'] = 'application/json';
		}
		const response = await fetch(buildUrl(emu.baseUrl, path, opts.query), {
			method,
			headers,
			body,
		});
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			// non-JSON bodies stay as text
		}
		return { status: response.status, headers: response.headers, body: parsed as T, text };
	};
	return { emu, call, close: () => emu.close() };
}

/**
 * Polls until `check` returns a truthy value; for effects that cross a real socket. The limit is a
 * safety net against hangs on a loaded machine, kept under the 30 s test timeout, not a statement
 * about speed.
 */
export async function waitFor<T>(
	check: () => T | Promise<T>,
	timeoutMs = 20_000,
	intervalMs = 10,
): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value as NonNullable<T>;
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

export const SIMPLE_SCHEMA = {
	type: 'object',
	properties: {
		summary: { type: 'string' },
		scene: {
			type: 'object',
			properties: {
				location: { type: 'string' },
				people: {
					type: 'array',
					items: {
						type: 'object',
						properties: { name: { type: 'string' }, emotion: { type: 'string' } },
					},
				},
			},
		},
		tags: { type: 'array', items: { type: 'string' } },
		count: { type: 'integer', minimum: 0, maximum: 9 },
		is_safe: { type: 'boolean' },
	},
};

export async function createPrompt(
	t: TestEmulator,
	extra: Record<string, unknown> = {},
): Promise<string> {
	const res = await t.call('POST', '/prompts', {
		body: {
			name: 'Test prompt',
			prompt_text: 'Describe the segment in detail.',
			json_schema: SIMPLE_SCHEMA,
			...extra,
		},
	});
	if (res.status !== 201) throw new Error(`prompt create failed: ${res.text}`);
	return res.body.prompt_id as string;
}
