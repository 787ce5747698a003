/** Where a `/workflow/*` call puts media: an index by id, an index by name (created on demand), or the playground. */
import type { Emulator } from '../core/context.js';
import { invalid, notFound } from '../core/errors.js';
import type { IndexRec } from '../core/types.js';
import { createIndex } from './indexes.js';
import { writableIndex } from './lookups.js';

/** index_id XOR index_name (create-or-resolve by name) XOR neither (playground). */
export function destination(
	emu: Emulator,
	indexId: string | undefined,
	indexName: string | undefined,
	create: boolean,
): { index: IndexRec | null; created: boolean } {
	if (indexId && indexName)
		throw invalid('index_name', 'send at most one of index_id and index_name');
	if (indexId) return { index: writableIndex(emu, indexId), created: false };
	if (!indexName) return { index: null, created: false };
	const existing = emu.store.indexes
		.values()
		.find((index) => index.name === indexName && !index.deletion);
	if (existing) return { index: existing, created: false };
	if (!create) throw notFound('index', indexName);
	return { index: createIndex(emu, indexName), created: true };
}
