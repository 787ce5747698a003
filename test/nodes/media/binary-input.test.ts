/**
 * The two readers of an input binary field — streamed (uploads) and base64 (image search) — refuse
 * the same bad input with the same messages, and read what is there.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { readBinaryAsBase64 } from '../../../nodes/VideoVector/actions/common/binary-base64';
import { readBinarySource } from '../../../nodes/VideoVector/actions/common/binary-source';
import { createExecuteContext } from '../../support/execute-context';
import { TEST_API_KEY, TEST_BASE_URL } from '../../support/run-node';

const IMAGE = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

function contextWith(items: INodeExecutionData[]) {
	return createExecuteContext({
		parameters: {},
		credentials: { apiKey: TEST_API_KEY, baseUrl: TEST_BASE_URL },
		items,
	});
}

const withFile = (bytes: Buffer) => [
	{
		json: {},
		binary: { photo: { data: bytes.toString('base64'), mimeType: 'image/png', fileName: 'p.png' } },
	},
];

const readers: Array<[string, (items: INodeExecutionData[], field: string) => Promise<unknown>]> = [
	[
		'readBinarySource',
		async (items, field) => await readBinarySource(contextWith(items), 0, field),
	],
	[
		'readBinaryAsBase64',
		async (items, field) => await readBinaryAsBase64(contextWith(items), 0, field),
	],
];

describe.each(readers)('%s', (_name, read) => {
	it('refuses a blank field name', async () => {
		await expect(read(withFile(IMAGE), '  ')).rejects.toThrow('Input Binary Field is required');
	});

	it('refuses a field the item does not have', async () => {
		await expect(read(withFile(IMAGE), 'other')).rejects.toThrow(/other/);
	});

	it('refuses an empty file, naming the field', async () => {
		await expect(read(withFile(Buffer.alloc(0)), ' photo ')).rejects.toThrow(
			'The binary field "photo" is empty',
		);
	});
});

describe('reading a present file', () => {
	it('readBinarySource gives name, type and exact size; readBinaryAsBase64 the bytes as base64', async () => {
		const source = await readBinarySource(contextWith(withFile(IMAGE)), 0, ' photo ');
		expect(source).toMatchObject({ fileName: 'p.png', mimeType: 'image/png', size: IMAGE.length });
		expect(await readBinaryAsBase64(contextWith(withFile(IMAGE)), 0, 'photo')).toBe(
			IMAGE.toString('base64'),
		);
	});
});
