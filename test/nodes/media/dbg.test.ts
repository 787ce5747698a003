import { expect, it, vi } from 'vitest';
import { byId, runBinaryNode } from './support/run-binary-node';
vi.mock('../../../nodes/VideoVector/actions/resources', async (original) =>
	(await import('./support/register-resources.js')).withBinaryResources(await original()),
);
vi.mock('n8n-workflow', async (original) => ({ ...(await original<typeof import('n8n-workflow')>()), sleep: async () => {} }));
it('dbg', async () => {
	const token = 'mg_0123456789abcdef0123456789';
	const run = runBinaryNode({
		parameters: { resource: 'media', operation: 'download', videoId: byId('vid_1'), options: {}, binaryPropertyName: 'data' },
		respond: (request) => {
			if (request.method === 'POST') return { body: { video_id: 'vid_1', url: `https://media.example/_media/${token}`, filename: 'a.mp4', mime_type: 'video/mp4' } };
			throw Object.assign(new Error(`connect ECONNREFUSED for /_media/${token}`), { code: 'ECONNREFUSED' });
		},
	});
	const error = (await run.catch((e: unknown) => e)) as Record<string, unknown>;
	console.log(Object.keys(error), error.message, error.description, JSON.stringify(error.cause), JSON.stringify(error.context), String(error.cause));
	expect(1).toBe(1);
});
