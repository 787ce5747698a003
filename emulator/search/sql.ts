import type { Emulator } from '../core/context.js';
import { invalid } from '../core/errors.js';
import type { JsonObject } from '../core/types.js';
import { segmentMetadata } from '../sim/run-views.js';
import { schemaFieldPaths } from '../sim/schema-values.js';
import type { Candidate } from './candidates.js';
import { resolvePath } from './filter.js';

/**
 * A deliberately tiny read-only SQL surface over one table, `results` (one row per completed
 * segment result in scope). Grammar: SELECT * | col[, col…] FROM results [WHERE col = 'text' |
 * number] [LIMIT n]. Anything else is a 422 naming `query`.
 */

export const TABLE = 'results';
const FIXED_COLUMNS: Array<{ name: string; type: string }> = [
	{ name: 'result_id', type: 'text' },
	{ name: 'run_id', type: 'text' },
	{ name: 'video_id', type: 'text' },
	{ name: 'video_name', type: 'text' },
	{ name: 'segment_id', type: 'text' },
	{ name: 'start_time', type: 'double' },
	{ name: 'end_time', type: 'double' },
	{ name: 'metadata_text', type: 'text' },
];

/** Metadata leaves outside arrays become columns: `scene.location` → `scene_location`. */
function metadataColumns(candidates: Candidate[]): Map<string, string> {
	const columns = new Map<string, string>();
	const seen = new Set<unknown>();
	for (const { run } of candidates) {
		if (seen.has(run.json_schema)) continue;
		seen.add(run.json_schema);
		for (const path of schemaFieldPaths(run.json_schema))
			if (!path.includes('[]')) columns.set(path.replace(/\./g, '_'), path);
	}
	return columns;
}

export function catalog(candidates: Candidate[]): JsonObject {
	const meta = [...metadataColumns(candidates).keys()].map((name) => ({ name, type: 'text' }));
	return {
		// Per docs/api/conventions.md#search, every table carries a runnable default_query.
		tables: [
			{
				name: TABLE,
				description: 'One row per completed segment result of the runs in scope',
				default_query: `SELECT * FROM ${TABLE} LIMIT 50`,
				columns: [...FIXED_COLUMNS, ...meta],
			},
		],
	};
}

const GRAMMAR =
	/^\s*select\s+(\*|[a-z_][a-z0-9_]*(?:\s*,\s*[a-z_][a-z0-9_]*)*)\s+from\s+([a-z_][a-z0-9_]*)(?:\s+where\s+([a-z_][a-z0-9_]*)\s*=\s*('(?:[^']|'')*'|-?\d+(?:\.\d+)?))?(?:\s+limit\s+(\d+))?\s*;?\s*$/i;

export function execute(
	emu: Emulator,
	candidates: Candidate[],
	query: string,
	resultLimit: number,
): JsonObject {
	const match = GRAMMAR.exec(query);
	if (!match)
		throw invalid(
			'query',
			'only SELECT <columns|*> FROM results [WHERE <column> = <value>] [LIMIT <n>] is supported',
		);
	const [, columnList, table, whereColumn, whereLiteral, limitText] = match as unknown as [
		string,
		string,
		string,
		string | undefined,
		string | undefined,
		string | undefined,
	];
	if (table.toLowerCase() !== TABLE)
		throw invalid('query', `unknown table '${table}' (available: ${TABLE})`);
	const metaColumns = metadataColumns(candidates);
	const known = new Set([...FIXED_COLUMNS.map((c) => c.name), ...metaColumns.keys()]);
	const selected =
		columnList.trim() === '*'
			? [...known]
			: columnList.split(',').map((c) => c.trim().toLowerCase());
	for (const column of [...selected, ...(whereColumn ? [whereColumn.toLowerCase()] : [])]) {
		if (!known.has(column)) throw invalid('query', `unknown column '${column}'`);
	}
	const whereValue =
		whereLiteral === undefined
			? undefined
			: whereLiteral.startsWith("'")
				? whereLiteral.slice(1, -1).replace(/''/g, "'")
				: Number(whereLiteral);
	const applied = Math.min(resultLimit, limitText !== undefined ? Number(limitText) : resultLimit);

	const rowOf = (candidate: Candidate): Record<string, unknown> => {
		const { metadata, metadata_text } = segmentMetadata(emu, candidate.run, candidate.segment);
		const row: Record<string, unknown> = {
			result_id: `${candidate.run.run_id}:${candidate.segment.segment_id}`,
			run_id: candidate.run.run_id,
			video_id: candidate.video.video_id,
			video_name: candidate.video.title,
			segment_id: candidate.segment.segment_id,
			start_time: candidate.segment.start_time,
			end_time: candidate.segment.end_time,
			metadata_text,
		};
		for (const [column, path] of metaColumns) row[column] = resolvePath(metadata, path)[0] ?? null;
		return row;
	};

	const rows: JsonObject[] = [];
	const context: JsonObject[] = [];
	let truncated = false;
	for (const candidate of candidates) {
		const row = rowOf(candidate);
		if (whereColumn !== undefined && row[whereColumn.toLowerCase()] !== whereValue) continue;
		if (rows.length >= applied) {
			truncated = true;
			break;
		}
		rows.push(Object.fromEntries(selected.map((column) => [column, row[column] ?? null])));
		context.push({
			result_id: row.result_id,
			run_id: row.run_id,
			video_id: row.video_id,
			segment_id: row.segment_id,
		});
	}
	return { rows, row_context: context, truncated, applied_result_limit: applied };
}

/** "NL → SQL": picks mentioned columns, an optional `<column> is <value>` filter and a `top N`. */
export function generate(
	candidates: Candidate[],
	instruction: string,
	existing?: string,
): JsonObject {
	const columns = [...FIXED_COLUMNS.map((c) => c.name), ...metadataColumns(candidates).keys()];
	const lower = instruction.toLowerCase();
	const mentioned = columns.filter(
		(c) => lower.includes(c) || lower.includes(c.replace(/_/g, ' ')),
	);
	const select = mentioned.length
		? [...new Set(['video_name', 'start_time', 'end_time', ...mentioned])]
		: ['video_name', 'start_time', 'end_time', 'metadata_text'];
	const where = /(?:where|with)\s+([a-z_ ]+?)\s+(?:is|=|equals)\s+'?([\w -]+?)'?(?:\s|$)/i.exec(
		instruction,
	);
	const whereColumn = where
		? columns.find((c) => c === (where[1] as string).trim().replace(/ /g, '_').toLowerCase())
		: undefined;
	const limit = /(?:top|first|limit)\s+(\d+)/i.exec(instruction)?.[1] ?? '20';
	const clause = whereColumn
		? ` WHERE ${whereColumn} = '${(where?.[2] as string).replace(/'/g, "''")}'`
		: '';
	return {
		query: `SELECT ${select.join(', ')} FROM ${TABLE}${clause} LIMIT ${limit}`,
		explanation: `Selects ${select.join(', ')} from ${TABLE}${clause ? ` filtered on ${whereColumn}` : ''}, at most ${limit} rows.`,
		tables_used: [TABLE],
		based_on_existing_query: existing !== undefined,
	};
}
