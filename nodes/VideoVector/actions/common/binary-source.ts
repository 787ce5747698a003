import type { IBinaryData, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BinarySource } from '../../../../shared/n8n/binary-multipart';

export const inputBinaryFieldProperty: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	placeholder: 'e.g. data',
	hint: 'The name of the input binary field containing the file to be uploaded',
	description:
		'Binary property of the input item that holds the video, audio or image file. It is streamed, never loaded whole into memory when n8n keeps binary data on disk.',
};

/** A name that survives n8n's binary storage: a file name, never a path. */
export function safeFileName(name: string, fallback: string): string {
	// eslint-disable-next-line no-control-regex -- control characters are what a file name must not carry
	const cleaned = name.replace(/[\\/\u0000-\u001f]/g, '_').trim();
	return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : fallback;
}

/** The input binary field (name trimmed) and its metadata; refused when the name is blank or the item lacks it. */
export function inputBinary(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): { name: string; binary: IBinaryData } {
	const name = propertyName.trim();
	if (!name)
		throw new NodeOperationError(context.getNode(), 'Input Binary Field is required', {
			itemIndex,
		});
	return { name, binary: context.helpers.assertBinaryData(itemIndex, name) };
}

/** The refusal, before any request, of an input binary field that holds no bytes. */
export function emptyBinaryError(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `The binary field "${name}" is empty`, {
		itemIndex,
	});
}

async function* single(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
	yield bytes;
}

function defaultFileName(binary: IBinaryData, propertyName: string): string {
	const extension =
		typeof binary.fileExtension === 'string' && binary.fileExtension
			? `.${binary.fileExtension}`
			: '';
	return `${propertyName}${extension}`;
}

/**
 * Reads the input binary property as a streamable source. With n8n's filesystem (or database/S3)
 * binary mode the item carries only an id: the bytes are streamed from storage and the size comes
 * from the stored metadata, so memory stays flat whatever the file size. In-memory binaries are
 * already a base64 string on the item, so their buffer is used as is.
 */
export async function readBinarySource(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): Promise<BinarySource> {
	const { name, binary } = inputBinary(context, itemIndex, propertyName);
	const fileName = safeFileName(binary.fileName ?? '', defaultFileName(binary, name));
	const mimeType = binary.mimeType || 'application/octet-stream';
	const id = binary.id;
	let source: BinarySource;
	if (id) {
		const { fileSize } = await context.helpers.getBinaryMetadata(id);
		source = {
			fileName,
			mimeType,
			size: fileSize,
			open: async () => await context.helpers.getBinaryStream(id),
		};
	} else {
		const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, name);
		source = { fileName, mimeType, size: buffer.length, open: async () => single(buffer) };
	}
	if (!Number.isSafeInteger(source.size) || source.size <= 0)
		throw emptyBinaryError(context, itemIndex, name);
	return source;
}
