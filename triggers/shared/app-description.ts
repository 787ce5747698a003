/**
 * What VideoVector is, as the node panel shows it on the combined "VideoVector" entry. n8n copies
 * the VideoVector Trigger's description onto that entry, so the trigger carries the action node's
 * text; test/triggers/shared/panel-entry.test.ts keeps the two equal.
 */
export const VIDEOVECTOR_APP_DESCRIPTION =
	'Index, process and search video, audio and images with the VideoVector API';
