/** Counts the trigger's reads from the event-stream body, as it makes them (a barrier for "reads on only when…"). */
import type { SseBody } from '../../../../shared/n8n/sse-connection';
import type { Intercept } from './n8n-stand-in';

/**
 * An `intercept` for the n8n stand-in that wraps each response body so every `next()` the trigger
 * calls on it is counted synchronously. A test can then state "no further read happened" at a
 * point all of the trigger's pending work has run (e.g. after a setImmediate), with no wall clock.
 */
export class BodyTap {
	/** `next()` calls on all bodies handed to the trigger so far. */
	pulls = 0;

	readonly intercept: Intercept = async (options, send) => {
		const response = await send(options);
		if (isFullResponse(response) && isBody(response.body))
			return { ...response, body: this.tapped(response.body) };
		return isBody(response) ? this.tapped(response) : response;
	};

	private tapped(body: SseBody): SseBody {
		const count = () => {
			this.pulls += 1;
		};
		return {
			[Symbol.asyncIterator]() {
				const inner = body[Symbol.asyncIterator]();
				return {
					next: async () => {
						count();
						return await inner.next();
					},
					return: async (value?: unknown) =>
						(await inner.return?.(value)) ?? { done: true, value: undefined },
				};
			},
			destroy: (error?: Error) => body.destroy?.(error),
		};
	}
}

function isFullResponse(value: unknown): value is { body: unknown } {
	return typeof value === 'object' && value !== null && 'body' in value;
}

function isBody(value: unknown): value is SseBody {
	return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
