/**
 * The node parameter a user changes for an API field the API blames in an error (`field` of the
 * error body). The API speaks of `index_id`; the editor shows "Index". Fields the table does not
 * know are turned into words ("segment_id" → "Segment ID"), never shown in snake_case.
 */
const PARAMETERS: Record<string, string> = {
	aggregation: 'Aggregation',
	audio_segment_duration: 'Options → Audio Segment Duration (Seconds)',
	audio_segmentation_type: 'Options → Audio Segmentation',
	conditions: 'Conditions',
	connector_id: 'Connector',
	delivery_id: 'Delivery ID',
	download_url: 'Files → Download URL',
	events: 'Events',
	existing_query: 'Options → Existing Query',
	expires_in_days: 'Expires In (Days)',
	export_id: 'Export',
	filters: 'Conditions',
	image_data: 'Input Binary Field',
	index_id: 'Index',
	index_ids: 'Options → Additional Index IDs',
	index_name: 'Index Name',
	instruction: 'Instruction',
	job_id: 'Import Job',
	json_schema: 'JSON Schema',
	key_id: 'API Key',
	limit: 'Limit',
	marker_id: 'Marker',
	name: 'Name',
	page_size: 'Limit',
	processing_model: 'Options → Processing Model',
	prompt_id: 'Prompt',
	prompt_instruction: 'Instruction',
	prompt_run_ids: 'Prompt Run IDs',
	prompt_text: 'Prompt Text',
	query: 'Query',
	result_limit: 'Limit',
	retry_id: 'Retry ID',
	run_id: 'Prompt Run',
	run_ids: 'Run IDs',
	scopes: 'Scopes',
	search_fields: 'Options → Search Fields',
	segment_id: 'Segment ID',
	session_id: 'Chat Session',
	text_query: 'Text Query',
	text_weight: 'Text Weight',
	title: 'Title',
	top_k: 'Limit',
	turn_id: 'Turn ID',
	url: 'URL',
	video_id: 'Media',
	video_ids: 'Media IDs',
	video_segment_duration: 'Options → Video Segment Duration (Seconds)',
	video_segmentation_type: 'Options → Video Segmentation',
	webhook_id: 'Webhook',
};

/** Words for an unknown snake_case name: "gcp_project_id" → "Gcp Project ID". */
function words(name: string): string {
	return name
		.split('_')
		.filter(Boolean)
		.map((word) =>
			['id', 'ids', 'url', 'uri'].includes(word)
				? word.toUpperCase().replace('IDS', 'IDs')
				: word.charAt(0).toUpperCase() + word.slice(1),
		)
		.join(' ');
}

/**
 * The parameter to change for an error's `field`, which may be a path (`target.index_id`,
 * `files[0].download_url`, `body.top_k`): its last named part decides.
 */
export function parameterForField(field: string): string {
	const parts = field.split(/[.[\]]+/).filter((part) => part && !/^\d+$/.test(part));
	const last = parts[parts.length - 1] ?? field;
	return PARAMETERS[last] ?? words(last);
}
