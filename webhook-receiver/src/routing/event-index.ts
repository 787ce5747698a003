/**
 * The index an event concerns, for route index filters. Media, prompt-run and import events carry
 * `data.index_id` (README, "What VideoVector sends"); an index export names its index as `target_id` with `export_type: "index"`.
 * Anything else (a prompt-run export, playground media) has no index.
 */
export function eventIndexId(data: Readonly<Record<string, unknown>>): string | null {
	if (typeof data.index_id === 'string' && data.index_id !== '') return data.index_id;
	if (data.export_type === 'index' && typeof data.target_id === 'string' && data.target_id !== '')
		return data.target_id;
	return null;
}
