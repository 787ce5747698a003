import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';

import type { BinarySource } from '../../../../shared/n8n/binary-multipart';

/** The API's ceiling for the uploaded key file (docs/api/conventions.md#connectors). */
export const MAX_SERVICE_ACCOUNT_BYTES = 64 * 1024;

export const serviceAccountProperties: INodeProperties[] = [
	{
		displayName: 'Service Account Key Source',
		name: 'credentialsSource',
		type: 'options',
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description: 'A JSON key file in a binary property of the input item',
			},
			{
				name: 'JSON',
				value: 'json',
				description: 'The key file contents pasted or set by an expression',
			},
		],
		default: 'binary',
		description: 'Where the Google Cloud service-account key (JSON) comes from',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		description: 'Name of the binary property holding the service-account key file',
		displayOptions: { show: { credentialsSource: ['binary'] } },
	},
	{
		displayName: 'Service Account Key (JSON)',
		name: 'serviceAccountJson',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description:
			'Contents of the service-account key file. Stored by VideoVector and never returned.',
		displayOptions: { show: { credentialsSource: ['json'] } },
	},
];

/**
 * The key file to upload as a multipart file part, checked before sending: at most 64 KiB and a JSON
 * object. Its contents never appear in an error message (it holds a private key).
 */
export async function readServiceAccountFile(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<BinarySource> {
	const source = context.getNodeParameter('credentialsSource', itemIndex, 'binary') as string;
	let file: { bytes: Uint8Array; fileName: string };
	if (source === 'json') {
		const raw = context.getNodeParameter('serviceAccountJson', itemIndex, '') as unknown;
		const text =
			typeof raw === 'object' && raw !== null ? JSON.stringify(raw) : String(raw ?? '').trim();
		if (!text) throw refuse(context, itemIndex, 'Service Account Key (JSON) is required');
		file = { bytes: new TextEncoder().encode(text), fileName: 'service-account.json' };
	} else {
		const property = String(
			context.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
		).trim();
		const binary = context.helpers.assertBinaryData(itemIndex, property);
		const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, property);
		file = { bytes: new Uint8Array(bytes), fileName: binary.fileName || 'service-account.json' };
	}
	if (file.bytes.byteLength > MAX_SERVICE_ACCOUNT_BYTES) {
		throw refuse(
			context,
			itemIndex,
			`The service-account key file is larger than ${MAX_SERVICE_ACCOUNT_BYTES / 1024} KiB`,
		);
	}
	if (!isJsonObject(new TextDecoder().decode(file.bytes))) {
		throw refuse(
			context,
			itemIndex,
			'The service-account key is not a JSON object',
			'Use the JSON key file downloaded from Google Cloud (IAM → Service Accounts → Keys).',
		);
	}
	const { bytes } = file;
	return {
		fileName: file.fileName,
		mimeType: 'application/json',
		size: bytes.byteLength,
		open: async () => oneChunk(bytes),
	};
}

async function* oneChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
	yield bytes;
}

function isJsonObject(text: string): boolean {
	let value: unknown;
	try {
		value = jsonParse<unknown>(text);
	} catch {
		return false;
	}
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(
	context: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}
