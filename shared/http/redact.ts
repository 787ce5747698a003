/**
 * Scrubs credentials out of text before it reaches an error message or a log line.
 *
 * Covers what this API hands out or accepts: API keys (`sk_live_…`), bearer tokens/JWTs, webhook
 * secrets (`whsec_…`, plain `secret` fields), download tokens (`?token=…`) and `X-API-Key` header
 * echoes. Callers that know the exact secret values in play (the configured key, a stored webhook
 * secret) pass them too, which also catches values in unexpected formats.
 */

export const REDACTED = '[REDACTED]';

/** Field names whose values are secrets wherever they appear (JSON, query strings, `name: value`). */
const SECRET_NAME =
	'[A-Za-z_-]*(?:secret(?:_access_key)?|password|passwd|token|api[_-]?key|authorization|credentials?(?:_file)?)(?![A-Za-z0-9_])';
const SECRET_NAME_ONLY = new RegExp(`^${SECRET_NAME}$`, 'i');
const NAME_VALUE = new RegExp(
	`(["']?\\b${SECRET_NAME}["']?\\s*[:=]\\s*)(\\[REDACTED\\]|Bearer\\s+[^\\s,;&"']+|"(?:[^"\\\\]|\\\\.)*"|'[^']*'|[^\\s,;&"'}\\]]+)`,
	'gi',
);

const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
	[/\b(sk_(?:live|test))_[A-Za-z0-9]+/g, `$1_${REDACTED}`],
	[/\bwhsec_[A-Za-z0-9+/=_-]+/g, `whsec_${REDACTED}`],
	[/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
	[/\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
	[/\bv1\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, REDACTED],
];

/** Shortest known-secret value replaced verbatim; shorter strings would shred ordinary text. */
const MIN_KNOWN_SECRET_LENGTH = 6;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Returns `text` with every secret replaced by `[REDACTED]`. */
export function redact(text: string, knownSecrets: readonly string[] = []): string {
	let out = text;
	for (const secret of knownSecrets) {
		if (secret.length >= MIN_KNOWN_SECRET_LENGTH) {
			out = out.replace(new RegExp(escapeRegExp(secret), 'g'), REDACTED);
		}
	}
	// Name/value pairs first: the whole value goes, whatever its format (a bearer header included).
	out = out.replace(NAME_VALUE, (_all, prefix: string, value: string) => {
		const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
		return `${prefix}${quote}${REDACTED}${quote}`;
	});
	for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
	return out;
}

/**
 * True for field names such as `secret`, `new_secret`, `aws_secret_access_key`, `X-API-Key`, but
 * not for look-alikes such as `total_tokens` or the error code `authorization_insufficient_scope`.
 */
export function isSecretFieldName(name: string): boolean {
	return SECRET_NAME_ONLY.test(name);
}

const MAX_DEPTH = 12;

/** Keys that echo a submitted value in validation reports (FastAPI `input`, generic `value`). */
const ECHO_KEYS = new Set(['input', 'value']);

/** True when a validation item (`{loc: [...]}` or `{field: "..."}`) is about a secret field. */
function describesSecretField(item: Record<string, unknown>): boolean {
	const loc = item.loc;
	if (Array.isArray(loc) && loc.some((part) => typeof part === 'string' && isSecretFieldName(part)))
		return true;
	return typeof item.field === 'string' && item.field.split('.').some(isSecretFieldName);
}

/**
 * Deep copy of a parsed JSON value with secrets removed: secret-named fields are blanked and all
 * strings pass through `redact`. A validation item about a secret field (`{loc | field, input}`)
 * also loses its echoed `input`/`value`, since FastAPI repeats the offending value there.
 */
export function redactDeep(
	value: unknown,
	knownSecrets: readonly string[] = [],
	depth = 0,
): unknown {
	if (typeof value === 'string') return redact(value, knownSecrets);
	if (typeof value !== 'object' || value === null) return value;
	if (depth >= MAX_DEPTH) return REDACTED;
	if (Array.isArray(value)) return value.map((item) => redactDeep(item, knownSecrets, depth + 1));
	const source = value as Record<string, unknown>;
	const aboutSecret = describesSecretField(source);
	const out: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(source)) {
		const secretField = isSecretFieldName(key) || (aboutSecret && ECHO_KEYS.has(key));
		out[key] =
			secretField && item !== null && typeof item !== 'boolean'
				? REDACTED
				: redactDeep(item, knownSecrets, depth + 1);
	}
	return out;
}

const SECRET_HEADERS = new Set([
	'x-api-key',
	'authorization',
	'proxy-authorization',
	'cookie',
	'set-cookie',
]);

/** Header map safe to log: credential headers blanked, the rest scrubbed like text. */
export function redactHeaders(
	headers: Record<string, string>,
	knownSecrets: readonly string[] = [],
): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redact(value, knownSecrets);
	}
	return out;
}

/** Trims and caps untrusted text (e.g. an HTML error page) so a message stays readable. */
export function truncate(text: string, maxLength: number): string {
	const trimmed = text.trim();
	return trimmed.length <= maxLength ? trimmed : `${trimmed.slice(0, maxLength - 1)}…`;
}
