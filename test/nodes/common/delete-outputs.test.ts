/**
 * Every delete outputs one shape, `{ deleted: true, id }`, whatever the API answered: no body (204),
 * `{}`, `{ "message": … }` or `{ "status": "deleted" }`. Durable deletions keep the deletion's id and
 * status, to follow with Get Deletion.
 */
import { describe, expect, it } from 'vitest';

import { RESOURCES } from '../../../nodes/VideoVector/actions/resources';
import { bearerCredentials, byId } from '../../support/node-fixtures';
import { runNode } from '../../support/run-node';

const DELETES: Record<string, { parameter: string; bearer?: boolean }> = {
	apiKey: { parameter: 'keyId', bearer: true },
	chatSession: { parameter: 'sessionId' },
	connector: { parameter: 'connectorId' },
	index: { parameter: 'indexId' },
	marker: { parameter: 'markerId' },
	media: { parameter: 'videoId' },
	prompt: { parameter: 'promptId' },
	webhook: { parameter: 'webhookId' },
};

const ANSWERS = [
	{ what: '204 without a body', answer: { statusCode: 204, body: '' } },
	{ what: 'an empty object', answer: { body: {} } },
	{ what: 'a message', answer: { body: { message: 'Deleted' } } },
	{ what: 'a status', answer: { body: { status: 'deleted' } } },
];

describe('delete operations', () => {
	it('are exactly the ones listed here (a new delete gets checked too)', () => {
		const deletes = RESOURCES.filter((resource) =>
			resource.operations.some((operation) => operation.value === 'delete'),
		).map((resource) => resource.value);
		expect(deletes.sort()).toEqual(Object.keys(DELETES).sort());
	});

	for (const [resource, { parameter, bearer }] of Object.entries(DELETES)) {
		for (const { what, answer } of ANSWERS) {
			it(`${resource}: outputs { deleted: true, id } after ${what}`, async () => {
				const { output, requests } = await runNode({
					parameters: { resource, operation: 'delete', [parameter]: byId('id_1') },
					...(bearer ? { credentials: bearerCredentials() } : {}),
					respond: () => answer,
				});
				expect(requests.map((request) => request.method)).toEqual(['DELETE']);
				expect(output.map((item) => item.json)).toEqual([{ deleted: true, id: 'id_1' }]);
			});
		}
	}

	it('keeps the deletion id and status of a durable deletion', async () => {
		const { output } = await runNode({
			parameters: { resource: 'index', operation: 'delete', indexId: byId('idx_1') },
			respond: () => ({
				statusCode: 202,
				body: { index_id: 'idx_1', deletion_id: 'del_1', status: 'pending' },
			}),
		});
		expect(output[0]!.json).toEqual({
			deleted: true,
			id: 'idx_1',
			deletion_id: 'del_1',
			status: 'pending',
		});
	});
});
