import type { Rng } from './rng.js';

/** Id prefixes follow the contract's examples (`idx_…`, `vid_…`, `run_…`, `seg_…`, `prompt_…`). */
export const ID_PREFIX = {
	index: 'idx',
	video: 'vid',
	run: 'run',
	segment: 'seg',
	prompt: 'prompt',
	result: 'res',
	connector: 'conn',
	importJob: 'job',
	export: 'exp',
	webhook: 'wh',
	delivery: 'evt',
	attempt: 'att',
	apiKey: 'key',
	marker: 'mrk',
	chatSession: 'chat',
	turn: 'turn',
	retry: 'retry',
	deletion: 'del',
	llmCall: 'llm',
	snapshot: 'snap',
	request: 'req',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

/** Opaque ids from the seeded PRNG: deterministic for a given seed and call order, never sequential-looking. */
export class IdFactory {
	constructor(private readonly rng: Rng) {}

	next(kind: IdKind): string {
		return `${ID_PREFIX[kind]}_${this.rng.hex(20)}`;
	}
}
