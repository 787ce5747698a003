import { createHash } from 'node:crypto';

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';

/** One `files[]` entry of `POST /workflow/attachments` (docs/api/conventions.md#workflow-surface). */
export interface AttachmentFile {
	download_url: string;
	file_id: string;
	file_name?: string;
	mime_type?: string;
}

export const importFilesProperties: INodeProperties[] = [
	{
		displayName: 'Specify Files',
		name: 'filesInput',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
	},
	{
		displayName: 'Files',
		name: 'files',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add File',
		default: {},
		description: 'The files the service downloads and adds as media',
		displayOptions: { show: { filesInput: ['fields'] } },
		options: [
			{
				name: 'file',
				displayName: 'File',
				values: [
					{
						displayName: 'Download URL',
						name: 'downloadUrl',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com/video.mp4',
						description: 'Public or pre-signed http(s) URL the service fetches the file from',
					},
					{
						displayName: 'File ID',
						name: 'fileId',
						type: 'string',
						default: '',
						description:
							'Stable ID of the file at its source (e.g. a Drive file ID), used to recognise a file imported before. Empty: derived from the URL.',
					},
					{
						displayName: 'File Name',
						name: 'fileName',
						type: 'string',
						default: '',
						placeholder: 'e.g. video.mp4',
						description: 'File name to record; empty lets the service take it from the URL',
					},
					{
						displayName: 'MIME Type',
						name: 'mimeType',
						type: 'string',
						default: '',
						placeholder: 'e.g. video/mp4',
						description: 'Media type of the file, if the URL does not reveal it',
					},
				],
			},
		],
	},
	{
		displayName: 'Files (JSON)',
		name: 'filesJson',
		type: 'json',
		default: '[\n  { "download_url": "https://example.com/video.mp4" }\n]',
		description:
			'Array of files: objects with <code>download_url</code> (required), and optionally <code>file_id</code>, <code>file_name</code> and <code>mime_type</code>',
		displayOptions: { show: { filesInput: ['json'] } },
	},
];

/** A stable source id for a URL, so importing the same URL again is recognised (contract: file_id is required). */
export function fileIdForUrl(url: string): string {
	return `url-${createHash('sha256').update(url).digest('hex').slice(0, 32)}`;
}

function text(value: unknown): string {
	return typeof value === 'string'
		? value.trim()
		: value === undefined || value === null
			? ''
			: String(value).trim();
}

function isHttpUrl(value: string): boolean {
	if (!URL.canParse(value)) return false;
	const { protocol } = new URL(value);
	return protocol === 'http:' || protocol === 'https:';
}

function rawEntries(context: IExecuteFunctions, itemIndex: number): unknown[] {
	if (context.getNodeParameter('filesInput', itemIndex, 'fields') === 'fields') {
		const files = context.getNodeParameter('files', itemIndex, {}) as { file?: IDataObject[] };
		return (files.file ?? []).map((file) => ({
			download_url: file.downloadUrl,
			file_id: file.fileId,
			file_name: file.fileName,
			mime_type: file.mimeType,
		}));
	}
	const raw = context.getNodeParameter('filesJson', itemIndex, '[]') as unknown;
	let parsed = raw;
	if (typeof raw === 'string') {
		try {
			parsed = jsonParse<unknown>(raw);
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			throw new NodeOperationError(context.getNode(), `Files (JSON) is not valid JSON: ${reason}`, {
				itemIndex,
			});
		}
	}
	if (!Array.isArray(parsed)) {
		throw new NodeOperationError(
			context.getNode(),
			'Files (JSON) must be a JSON array of file objects',
			{ itemIndex },
		);
	}
	return parsed;
}

/** The `files` array, checked before any request: at least one entry, each with an http(s) URL. */
export function readImportFiles(context: IExecuteFunctions, itemIndex: number): AttachmentFile[] {
	const entries = rawEntries(context, itemIndex);
	if (entries.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Add at least one file to import', {
			itemIndex,
		});
	}
	return entries.map((entry, position) => {
		const fields = (typeof entry === 'object' && entry !== null ? entry : {}) as IDataObject;
		const url = text(fields.download_url);
		if (!isHttpUrl(url)) {
			throw new NodeOperationError(
				context.getNode(),
				`File ${position + 1}: the download URL must be an absolute http(s) URL`,
				{
					itemIndex,
				},
			);
		}
		const file: AttachmentFile = {
			download_url: url,
			file_id: text(fields.file_id) || fileIdForUrl(url),
		};
		const fileName = text(fields.file_name);
		const mimeType = text(fields.mime_type);
		if (fileName) file.file_name = fileName;
		if (mimeType) file.mime_type = mimeType;
		return file;
	});
}
