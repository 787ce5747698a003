import type { EndpointSpec } from './endpoint-spec';

/** The `{placeholder}` names of a path template, as a string-literal union. */
export type PathParamNames<T extends string> = T extends `${string}{${infer Name}}${infer Rest}`
	? Name | PathParamNames<Rest>
	: never;

/**
 * Exactly the parameters a literal template needs (`{}` when it has none); a template only known
 * as `string` takes any string map and is checked at run time.
 */
export type PathParams<T extends string> = string extends T
	? Record<string, string>
	: [PathParamNames<T>] extends [never]
		? Record<string, never>
		: Record<PathParamNames<T>, string>;

const PLACEHOLDER = /\{([^{}/]+)\}/g;

/**
 * Fills a path template, URL-encoding every value as a single segment.
 *
 * Refuses missing/empty values and the dot segments `.`/`..`: any of them would silently turn
 * `/indexes/{index_id}` into a different endpoint (`/indexes/` = list, `/indexes/..` = parent
 * after URL normalisation), and a DELETE aimed at the wrong route is not recoverable.
 */
export function buildPath<T extends string>(template: T, params: PathParams<T>): string {
	const values = params as Record<string, unknown>;
	const used = new Set<string>();
	const path = template.replace(PLACEHOLDER, (_match, name: string) => {
		used.add(name);
		const value = values[name];
		if (typeof value !== 'string' || value.length === 0) {
			throw new TypeError(`Path parameter "${name}" is required and must be a non-empty string`);
		}
		if (value === '.' || value === '..') {
			throw new TypeError(`Path parameter "${name}" must not be "." or ".."`);
		}
		return encodeURIComponent(value);
	});
	const unknown = Object.keys(values).filter((name) => !used.has(name));
	if (unknown.length > 0) {
		throw new TypeError(`Unknown path parameter(s) for ${template}: ${unknown.join(', ')}`);
	}
	return path;
}

function splitPath(path: string): string[] {
	const withoutQuery = path.split(/[?#]/, 1)[0] ?? '';
	const trimmed = withoutQuery.length > 1 ? withoutQuery.replace(/\/+$/, '') : withoutQuery;
	return trimmed.split('/').slice(1);
}

function isPlaceholder(segment: string): boolean {
	return segment.startsWith('{') && segment.endsWith('}');
}

function safeDecode(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch {
		return undefined;
	}
}

/** Matches a concrete path (query string ignored) against a template; returns decoded params or undefined. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
	const expected = splitPath(template);
	const actual = splitPath(path);
	if (expected.length !== actual.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < expected.length; i++) {
		const want = expected[i] as string;
		const got = actual[i] as string;
		if (isPlaceholder(want)) {
			const decoded = got.length > 0 ? safeDecode(got) : undefined;
			if (decoded === undefined) return undefined;
			params[want.slice(1, -1)] = decoded;
		} else if (want !== got) {
			return undefined;
		}
	}
	return params;
}

/**
 * Router precedence: at the first segment where two templates differ, a literal beats a
 * placeholder (so `/webhooks/events` wins over `/webhooks/{webhook_id}`, route order in docs/api/conventions.md#webhook-endpoints).
 */
function compareSpecificity(a: string, b: string): number {
	const left = splitPath(a);
	const right = splitPath(b);
	for (let i = 0; i < Math.min(left.length, right.length); i++) {
		const aParam = isPlaceholder(left[i] as string);
		const bParam = isPlaceholder(right[i] as string);
		if (aParam !== bParam) return aParam ? 1 : -1;
	}
	return 0;
}

export interface EndpointMatch<K extends string, E extends EndpointSpec = EndpointSpec> {
	key: K;
	endpoint: E;
	params: Record<string, string>;
}

/** Finds the endpoint a method + concrete path would be routed to, most specific template first. */
export function findInTable<T extends Record<string, EndpointSpec>>(
	table: T,
	method: string,
	path: string,
): EndpointMatch<Extract<keyof T, string>, T[keyof T]> | undefined {
	const wanted = method.toUpperCase();
	let best: EndpointMatch<Extract<keyof T, string>, T[keyof T]> | undefined;
	for (const key of Object.keys(table) as Array<Extract<keyof T, string>>) {
		const endpoint = table[key];
		if (endpoint.method !== wanted) continue;
		const params = matchPath(endpoint.path, path);
		if (params === undefined) continue;
		if (best === undefined || compareSpecificity(endpoint.path, best.endpoint.path) < 0) {
			best = { key, endpoint, params };
		}
	}
	return best;
}
