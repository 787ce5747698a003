import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiSession } from '../../../../shared/n8n/api-session';
import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { locator, locatorValue, MEDIA } from '../common/locators';
import { optionsCollection } from '../../../../shared/n8n/parameter-collections';

/** Media plus the optional run/segment that narrow a media grant to one extracted segment (docs/api/conventions.md#workflow-surface). */
export const grantProperties: INodeProperties[] = [
	locator(MEDIA),
	optionsCollection([
		{
			displayName: 'Prompt Run ID',
			name: 'runId',
			type: 'string',
			default: '',
			placeholder: 'e.g. run_abc123',
			description: 'With Segment ID: the run whose segment to grant',
		},
		{
			displayName: 'Segment ID',
			name: 'segmentId',
			type: 'string',
			default: '',
			placeholder: 'e.g. seg_abc123',
			description:
				'Grant only this segment of the media (as cut by the given run) instead of the whole file',
		},
	]),
];

/** `POST /workflow/media-grants`: `{video_id, url, filename, mime_type}`, the URL short-lived and credential-free. */
export async function createMediaGrant(
	session: ApiSession<IExecuteFunctions>,
): Promise<IDataObject> {
	const { context, itemIndex } = session;
	const videoId = locatorValue(context, MEDIA, itemIndex);
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = { video_id: videoId, intent: 'download' };
	const runId = String(options.runId ?? '').trim();
	const segmentId = String(options.segmentId ?? '').trim();
	if (runId) body.run_id = runId;
	if (segmentId) body.segment_id = segmentId;
	return await callEndpoint(session, 'workflow.createMediaGrant', { body });
}
