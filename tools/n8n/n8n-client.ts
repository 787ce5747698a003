export type Auth = 'session' | 'apiKey' | 'none';

export interface RawResponse {
	status: number;
	/** Parsed JSON when the body is JSON, the text otherwise. */
	body: unknown;
	text: string;
}

export class N8nHttpError extends Error {
	constructor(
		readonly method: string,
		readonly path: string,
		readonly status: number,
		readonly bodyText: string,
	) {
		super(`${method} ${path} -> ${status}: ${bodyText.slice(0, 500)}`);
	}
}

/**
 * Talks to one n8n over HTTP: the internal `/rest` API with the owner's session cookie (what
 * the editor uses) and the public `/api/v1` API with an API key. Never logs either secret.
 */
export class N8nClient {
	private sessionCookie = '';

	apiKey = '';

	constructor(readonly origin: string) {}

	get cookie(): string {
		return this.sessionCookie;
	}

	async raw(
		method: string,
		path: string,
		options: { body?: unknown; auth?: Auth } = {},
	): Promise<RawResponse> {
		const headers: Record<string, string> = { accept: 'application/json' };
		if (options.body !== undefined) headers['content-type'] = 'application/json';
		const auth = options.auth ?? 'session';
		if (auth === 'session' && this.sessionCookie) headers.cookie = this.sessionCookie;
		if (auth === 'apiKey') headers['x-n8n-api-key'] = this.apiKey;
		const res = await fetch(`${this.origin}${path}`, {
			method,
			headers,
			body: options.body === undefined ? undefined : JSON.stringify(options.body),
			signal: AbortSignal.timeout(60_000),
		});
		for (const setCookie of res.headers.getSetCookie()) {
			if (setCookie.startsWith('n8n-auth=')) this.sessionCookie = setCookie.split(';')[0] ?? '';
		}
		const text = await res.text();
		let body: unknown = text;
		try {
			body = text ? JSON.parse(text) : undefined;
		} catch {
			// Not JSON: keep the text.
		}
		return { status: res.status, body, text };
	}

	private async ok(method: string, path: string, body: unknown, auth: Auth): Promise<unknown> {
		const res = await this.raw(method, path, { body, auth });
		if (res.status < 200 || res.status > 299)
			throw new N8nHttpError(method, path, res.status, res.text);
		return res.body;
	}

	/** Internal API; unwraps n8n's `{ data }` envelope. */
	async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
		const res = (await this.ok(method, `/rest${path}`, body, 'session')) as { data: T } | undefined;
		return res?.data as T;
	}

	/** Public API (`/api/v1`), authenticated with the API key. */
	async api<T>(method: string, path: string, body?: unknown): Promise<T> {
		return (await this.ok(method, `/api/v1${path}`, body, 'apiKey')) as T;
	}
}
