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
	placeholder: 'Quarterly all-hands recording',
	description: 'Title of the new media item (up to 255 characters). Empty: the file name.',
};

/** The Title parameter, or undefined when left empty. */
export function readTitle(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const raw = context.getNodeParameter('title', itemIndex, '');
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
): Promise<IDataObject> {
	const { context, itemIndex } = session;
	const title = readTitle(context, itemIndex);
	const property = context.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	const source = await readBinarySource(context, itemIndex, property);
	return await uploadMultipart(session, 'workflow.upload', { title, ...destination }, source);
}
