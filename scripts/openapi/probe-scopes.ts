/**
 * The API-key scope each endpoint needs, read from the emulator rather than kept in a second
 * hand-written table: the API checks scope before it looks anything up, so a key one rank too low
 * gets `403 authorization_insufficient_scope` on any path, and the lowest scope that does not is
 * the endpoint's scope. Placeholder ids and empty bodies keep every probe free of side effects.
 */
import { startEmulator } from '../../emulator/app';
import type { EndpointSpec } from '../../shared/contract/endpoint-spec';

export const SCOPES = ['search', 'read', 'write', 'admin'] as const;
export type ApiScope = (typeof SCOPES)[number];

async function createKey(baseUrl: string, bearer: string, scope: ApiScope): Promise<string> {
	const response = await fetch(`${baseUrl}/api-keys`, {
		method: 'POST',
		headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
		body: JSON.stringify({ name: `probe-${scope}`, scopes: [scope] }),
	});
	const body = (await response.json()) as { key?: string };
	if (!response.ok || !body.key)
		throw new Error(`could not create a ${scope} key: HTTP ${response.status}`);
	return body.key;
}

async function deniedFor(baseUrl: string, endpoint: EndpointSpec, key: string): Promise<boolean> {
	const path = endpoint.path.replace(/\{([a-z_]+)\}/g, (_m, name: string) => `probe_${name}`);
	const hasBody = ['POST', 'PUT', 'PATCH'].includes(endpoint.method);
	const controller = new AbortController();
	const response = await fetch(baseUrl + path, {
		method: endpoint.method,
		headers: {
			'x-api-key': key,
			accept: 'application/json',
			...(hasBody ? { 'content-type': 'application/json' } : {}),
		},
		body: hasBody ? '{}' : undefined,
		signal: controller.signal,
	});
	// Event streams answer 200 and never end; the status line is all the probe needs.
	if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
		controller.abort();
		return false;
	}
	const text = await response.text();
	return response.status === 403 && text.includes('authorization_insufficient_scope');
}

/** Lowest scope accepted by each API-key endpoint, keyed by `resource.operation`. */
export async function probeScopes(
	endpoints: readonly EndpointSpec[],
): Promise<Map<string, ApiScope>> {
	const emulator = await startEmulator({ seed: 'empty', clockScale: 0 });
	try {
		const keys = new Map<ApiScope, string>();
		for (const scope of SCOPES)
			keys.set(scope, await createKey(emulator.baseUrl, emulator.bearerToken, scope));
		const result = new Map<string, ApiScope>();
		for (const endpoint of endpoints) {
			if (endpoint.auth !== 'api_key') continue;
			const key = `${endpoint.resource}.${endpoint.operation}`;
			for (const scope of SCOPES) {
				if (!(await deniedFor(emulator.baseUrl, endpoint, keys.get(scope) as string))) {
					result.set(key, scope);
					break;
				}
			}
			if (!result.has(key)) throw new Error(`${key}: refused even with an admin key`);
		}
		return result;
	} finally {
		await emulator.close();
	}
}
