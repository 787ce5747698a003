import { createHash } from 'node:crypto';

/**
 * A target's queue key, also its label in logs, metrics and the admin API. Unnamed targets get
 * `target#hash`: an n8n webhook path (or a token in the query) is a credential and an internal host
 * name is reconnaissance, so no part of the URL appears where /metrics or a log shipper could show it. Kept apart from the router so the
 * config schema can use it without the two importing each other.
 */
export function targetId(target: { name?: string | undefined; url: string }): string {
	if (target.name !== undefined) return target.name;
	return `target#${createHash('sha256').update(target.url).digest('hex').slice(0, 12)}`;
}
