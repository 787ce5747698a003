import type { RouteConfig } from '../config/schema';
import { compileEventPatterns, type EventMatcher } from './event-pattern';
import { targetId } from './target-id';

/** A destination with its own ordered queue; `id` is its name, or `origin#hash` of its URL (see targetId). */
export interface ForwardTarget {
	id: string;
	url: string;
	headers: Readonly<Record<string, string>>;
	secret?: string;
	/** This target's own forward timeout (real ms); absent = forward.timeoutMs. */
	timeoutMs?: number;
}

interface CompiledRoute {
	matchesEvent: EventMatcher;
	indexIds: ReadonlySet<string> | undefined;
	targetIds: readonly string[];
}

/**
 * Decides which targets an event goes to. Any event type may be stored; only those matching a
 * route are forwarded. A route with an index filter skips events that name no index.
 */
export class Router {
	readonly targets: readonly ForwardTarget[];
	private readonly routes: readonly CompiledRoute[];

	constructor(routes: readonly RouteConfig[]) {
		const targets = new Map<string, ForwardTarget>();
		this.routes = routes.map((route) => {
			for (const target of route.targets) {
				const id = targetId(target);
				if (!targets.has(id)) {
					targets.set(id, {
						id,
						url: target.url,
						headers: target.headers,
						...(target.secret === undefined ? {} : { secret: target.secret }),
						...(target.timeoutMs === undefined ? {} : { timeoutMs: target.timeoutMs }),
					});
				}
			}
			return {
				matchesEvent: compileEventPatterns(route.events),
				indexIds: route.indexIds === undefined ? undefined : new Set(route.indexIds),
				targetIds: route.targets.map(targetId),
			};
		});
		this.targets = [...targets.values()];
	}

	/** Target ids for an event, each once, in configuration order. */
	match(eventType: string, indexId: string | null): string[] {
		const matched = new Set<string>();
		for (const route of this.routes) {
			if (!route.matchesEvent(eventType)) continue;
			if (route.indexIds !== undefined && (indexId === null || !route.indexIds.has(indexId)))
				continue;
			for (const id of route.targetIds) matched.add(id);
		}
		return [...matched];
	}
}
