/**
 * API errors as a user meets them in the node: the message names the node parameter to change
 * (not the API's field), the description says what to do for the status, and under "Continue" the
 * error item keeps code, HTTP status and request id in `details`.
 */
import { describe, expect, it } from 'vitest';

import { parameterForField } from '../../../shared/n8n/parameter-names';
import { runNode } from '../../support/run-node';
import { byId } from '../../support/node-fixtures';

const getIndex = { resource: 'index', operation: 'get', indexId: byId('idx_1') };

function failWith(status: number, code: string, field?: string, headers = {}) {
	return () => ({
		statusCode: status,
		headers: { 'x-request-id': 'req_42', ...headers },
		body: {
			error: { code, message: 'The API refused it', ...(field ? { details: { field } } : {}) },
		},
	});
}

async function errorOf(status: number, code: string, field?: string, headers = {}) {
	const run = runNode({ parameters: getIndex, respond: failWith(status, code, field, headers) });
	return (await run.then(
		() => {
			throw new Error('expected the node to fail');
		},
		(error: unknown) => error,
	)) as Error & { description?: string };
}

describe('API errors name the node parameter and the way out', () => {
	it.each([
		['index_id', 'Index'],
		['target.index_id', 'Index'],
		['files[0].download_url', 'Files → Download URL'],
		['video_ids', 'Media IDs'],
		['top_k', 'Limit'],
		['gcp_project_id', 'Gcp Project ID'],
	])('the API field %s is the parameter "%s"', (field, parameter) => {
		expect(parameterForField(field)).toBe(parameter);
	});

	it.each([
		[401, 'authentication_invalid_api_key', /credential is invalid, revoked or expired/],
		[403, 'authorization_insufficient_scope', /admin scope.*Bearer Token credential/],
		[404, 'resource_index_not_found', /Nothing with this Index exists.*From List/],
		[409, 'conflict_state', /conflicts with the current state.*"Index"/],
		[422, 'validation_failed', /refused a value\. Change "Index"/],
		[429, 'rate_limit_exceeded', /Wait 7 s/],
	])(
		'HTTP %i has its own hint',
		async (status, code, hint) => {
			const error = await errorOf(status, code, 'index_id', { 'retry-after': '7' });
			expect(error.message).toBe('The API refused it (parameter: Index)');
			expect(error.message).not.toContain('index_id');
			expect(error.description).toMatch(hint);
			expect(error.description).toContain(`HTTP ${status}`);
			expect(error.description).toContain('Request ID: req_42');
		},
		30_000,
	);

	it('an error without a field blames no parameter', async () => {
		const error = await errorOf(404, 'resource_index_not_found');
		expect(error.message).toBe('The API refused it');
		expect(error.description).toMatch(/Pick the item From List/);
	});

	it('under Continue the error item keeps code, HTTP status, request id and the parameter in details', async () => {
		const { output } = await runNode({
			parameters: getIndex,
			continueOnFail: true,
			respond: failWith(422, 'validation_failed', 'index_id'),
		});
		expect(Object.keys(output[0].json).sort()).toEqual(['details', 'error']);
		expect(output[0].json.details).toMatchObject({
			code: 'validation_failed',
			httpStatus: 422,
			requestId: 'req_42',
			field: 'index_id',
			parameter: 'Index',
		});
	});
});
