import { describe, expect, it } from 'vitest';

import { byId, runBinaryNode } from './support/run-binary-node';

const ids = (count: number) => Array.from({ length: count }, (_, i) => `vid_${i}`).join(',');

const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
	[
		'a storage URI that is not gs://',
		{
			operation: 'create',
			videoUri: 'https://x/y.mp4',
			title: 'T',
			indexId: byId('idx_1'),
			options: {},
		},
		/gs:\/\/bucket/,
	],
	[
		'a storage URI without an object path',
		{
			operation: 'create',
			videoUri: 'gs://bucket',
			title: 'T',
			indexId: byId('idx_1'),
			options: {},
		},
		/gs:\/\/bucket/,
	],
	[
		'an empty title on create',
		{
			operation: 'create',
			videoUri: 'gs://b/o.mp4',
			title: ' ',
			indexId: byId('idx_1'),
			options: {},
		},
		/Title is required/,
	],
	['an empty media locator', { operation: 'get', videoId: byId('') }, /Media is required/],
	[
		'a segment duration above 300',
		{ operation: 'split', videoId: byId('vid_1'), segmentDuration: 301, promptId: '' },
		/1 to 300/,
	],
	[
		'a fractional segment duration',
		{ operation: 'split', videoId: byId('vid_1'), segmentDuration: 2.5, promptId: '' },
		/whole number/,
	],
	['no media IDs for a batch', { operation: 'batchGet', videoIds: ' , ' }, /at least one ID/],
	['101 media IDs for batch get', { operation: 'batchGet', videoIds: ids(101) }, /at most 100/],
	[
		'51 media IDs for batch segments',
		{ operation: 'batchSegments', selectBy: 'videoIds', videoIds: ids(51) },
		/at most 50/,
	],
	[
		'a batch segment target without media ID',
		{
			operation: 'batchSegments',
			selectBy: 'targets',
			targets: { target: [{ videoId: '', runId: 'r' }] },
		},
		/Target 1: Media ID is required/,
	],
	[
		'no batch segment targets',
		{ operation: 'batchSegments', selectBy: 'targets', targets: {} },
		/at least one target/,
	],
	[
		'a signed-URL request for a non-gs URI',
		{ operation: 'getSignedUrl', gcsUri: 'https://x', forceRefresh: false },
		/must start with gs:\/\//,
	],
	[
		'an empty segment ID',
		{ operation: 'getSegmentThumbnail', segmentId: '', binaryPropertyName: 'data' },
		/Segment ID is required/,
	],
	[
		'an import without files',
		{
			operation: 'importUrls',
			filesInput: 'fields',
			files: {},
			destination: 'playground',
			title: '',
			options: {},
		},
		/at least one file/,
	],
	[
		'an import URL that is not http(s)',
		{
			operation: 'importUrls',
			filesInput: 'fields',
			files: { file: [{ downloadUrl: 'ftp://x/a.mp4' }] },
			destination: 'playground',
			title: '',
			options: {},
		},
		/File 1: the download URL must be an absolute http\(s\) URL/,
	],
	[
		'import files JSON that is not an array',
		{
			operation: 'importUrls',
			filesInput: 'json',
			filesJson: '{"download_url": "https://x"}',
			destination: 'playground',
			title: '',
			options: {},
		},
		/must be a JSON array/,
	],
	[
		'import files JSON that does not parse',
		{
			operation: 'importUrls',
			filesInput: 'json',
			filesJson: '[{',
			destination: 'playground',
			title: '',
			options: {},
		},
		/Files \(JSON\) is not valid JSON/,
	],
];

describe('Media resource: bad input is refused before any request', () => {
	for (const [what, parameters, message] of refusals) {
		it(`refuses ${what}`, async () => {
			let sent = 0;
			const run = runBinaryNode({
				parameters: { resource: 'media', ...parameters },
				respond: () => ((sent += 1), { body: {} }),
			});
			await expect(run).rejects.toThrow(message);
			expect(sent).toBe(0);
		});
	}
});
