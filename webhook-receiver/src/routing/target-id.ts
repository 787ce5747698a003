import { createHash } from 'node:crypto';

/**
 * A target's queue key, also its label in logs, metrics and the admin API. Unnamed targets get
 * `origin#hash`: an n8n webhook path (or a token in the query) is a credential, so the URL itself
 * never appears where /metrics or a log shipper could show it. Kept apart from the router so the
 * config schema can use it without the two importing each other.
 */
export function targetId(target: { name?: string | undefined; url: string }): string {
	if (target.name !== undefined) return target.name;
	return `${new URL(target.url).origin}#${createHash('sha256').update(target.url).digest('hex').slice(0, 12)}`;
}
