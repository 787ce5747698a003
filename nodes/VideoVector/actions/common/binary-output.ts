import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiResponse } from '../../../../shared/http/types';
import { safeFileName } from './binary-source';

/** What `prepareBinaryData` accepts (a Buffer or a Node stream), named without importing node:stream. */
export type BinaryBody = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

export const outputBinaryFieldProperty: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the output binary field to put the file in',
	description: 'Binary property of the output item that receives the downloaded file',
};

/** Read before any request, so a blank field name fails fast. */
export function readOutputProperty(context: IExecuteFunctions, itemIndex: number): string {
	const name = String(
		context.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '',
	).trim();
	if (!name)
		throw new NodeOperationError(context.getNode(), 'Put Output File in Field is required', {
			itemIndex,
		});
	return name;
}

/** The media type of a response, without parameters (`image/gif; x=y` → `image/gif`). */
export function mediaTypeOf(contentType: string | undefined, fallback: string): string {
	const type = (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase();
	return type && /^[\w.+-]+\/[\w.+-]+$/.test(type) ? type : fallback;
}

/** The file name a server suggests in Content-Disposition (RFC 6266, `filename*` preferred). */
export function fileNameFromDisposition(header: string | undefined): string | undefined {
	if (!header) return undefined;
	const extended = /filename\*\s*=\s*[^']*'[^']*'([^;]+)/i.exec(header);
	if (extended?.[1]) {
		try {
			return decodeURIComponent(extended[1].trim());
		} catch {
			// Malformed percent-encoding: fall back to the plain parameter below.
		}
	}
	const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
	if (!plain) return undefined;
	return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2]?.trim();
}

const EXTENSIONS: Record<string, string> = {
	'application/json': 'json',
	'image/gif': 'gif',
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
};

/** `base` plus the usual extension of `mimeType` (`bin` when unknown). */
export function fileNameFor(base: string, mimeType: string): string {
	return `${base}.${EXTENSIONS[mimeType] ?? (mimeType.split('/')[1]?.replace(/[^\w]/g, '') || 'bin')}`;
}

export interface BinaryFile {
	body: BinaryBody;
	fileName: string;
	mimeType: string;
}

/**
 * One output item holding the file in binary `property` plus `json`. The body may be a stream:
 * n8n then writes it to its binary store without holding it in memory.
 */
export async function binaryItem(
	context: IExecuteFunctions,
	itemIndex: number,
	property: string,
	file: BinaryFile,
	json: IDataObject,
): Promise<INodeExecutionData> {
	const fileName = safeFileName(file.fileName, 'download');
	let binary: IBinaryData;
	try {
		binary = await context.helpers.prepareBinaryData(file.body, fileName, file.mimeType);
	} catch (error) {
		// A streamed body fails here when the connection breaks mid-transfer.
		const reason = error instanceof Error ? error.message : String(error);
		throw new NodeOperationError(context.getNode(), `Receiving "${fileName}" failed: ${reason}`, {
			itemIndex,
		});
	}
	return { json, binary: { [property]: binary } };
}

/**
 * A downloaded response as a file: the server's media type and suggested name (a file name, never a
 * path) when it gives them, else `fallbackMime` and `baseName` plus the matching extension.
 */
export function responseFile(
	response: ApiResponse,
	baseName: string,
	fallbackMime: string,
): BinaryFile {
	const mimeType = mediaTypeOf(response.headers['content-type'], fallbackMime);
	const fallback = fileNameFor(baseName, mimeType);
	const suggested = fileNameFromDisposition(response.headers['content-disposition']);
	return {
		body: response.body as BinaryBody,
		fileName: safeFileName(suggested ?? '', fallback),
		mimeType,
	};
}
