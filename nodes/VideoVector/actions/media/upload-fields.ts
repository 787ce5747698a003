import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiSession } from '../../../../shared/n8n/api-session';
import { uploadMultipart } from '../../../../shared/n8n/binary-upload';
import { readBinarySource } from '../common/binary-source';
import { checkText } from '../../../../shared/n8n/text-check';

const MAX_TITLE_LENGTH = 255;

export const titleProperty: INodeProperties = {
	displayName: 'Title',
	name: 'title',
	type: 'string',
	default: '',
	placeholder: 'e.g. Quarterly all-hands recording',
	description: 'Title of the new media item (up to 255 characters). Empty: the file name.',
};

/** The Title (a top-level parameter, or an entry of Options), or undefined when left empty. */
export function readTitle(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown = context.getNodeParameter('title', itemIndex, ''),
): string | undefined {
	return checkText(context, itemIndex, raw, 'Title', { max: MAX_TITLE_LENGTH }) || undefined;
}

/** A file name shortened to what the API accepts as a title. */
export function titleFromFileName(fileName: string): string {
	return [...fileName].slice(0, MAX_TITLE_LENGTH).join('');
}

/**
 * `POST /workflow/upload` (docs/api/conventions.md#workflow-surface) of the item's binary file into `destination` (index id,
 * index name, or neither for the playground). Parameters are read before the file is opened.
 */
export async function uploadToWorkflow(
	session: ApiSession<IExecuteFunctions>,
	destination: { index_id?: string; index_name?: string },
	title: string | undefined,
): Promise<IDataObject> {
	const { context, itemIndex } = session;
	const property = context.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	const source = await readBinarySource(context, itemIndex, property);
	return await uploadMultipart(session, 'workflow.upload', { title, ...destination }, source);
}

/**
 * `POST /videos/upload` (docs/api/conventions.md#media): the older upload endpoint, which takes no
 * idempotency key, so the file is sent exactly once and never retried; the title is required there.
 */
export async function uploadOnce(
	session: ApiSession<IExecuteFunctions>,
	indexId: string | undefined,
	title: string | undefined,
): Promise<IDataObject> {
	const { context, itemIndex } = session;
	const property = context.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	const source = await readBinarySource(context, itemIndex, property);
	const fields = { title: title ?? titleFromFileName(source.fileName), index_id: indexId };
	return await uploadMultipart(session, 'videos.upload', fields, source);
}
