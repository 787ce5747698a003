import type { INodeParameters } from 'n8n-workflow';
import { beforeAll, describe, expect, it } from 'vitest';

import type { EndpointKey } from '../../../shared/contract/endpoints';
import { router } from '../../../nodes/VideoVector/actions/router';
import { createExecuteContext } from '../../support/execute-context';
import { fillParameters } from '../catalog/parameters';
import { nodeDescription } from '../harness/package-types';
import { useStack } from '../harness/use-stack';
import { asCatalogFixture, createAccount } from '../idempotency/account';
import { operationFor } from '../idempotency/keyed-writes';

/**
 * The unit tests see n8n through a stand-in for its HTTP helper (test/support/n8n-http.ts). Here a
 * sample of operations runs both ways against one emulator — inside the real n8n, and through the
 * stand-in — and the requests the emulator recorded must be the same: method, path, query as
 * written on the wire (repeated array keys), body, content type, accept, and whether an
 * Idempotency-Key was sent (its value differs: it is derived from the execution). The sample
 * covers what the stand-in could get wrong: `{}` bodies, array queries, a GET with a limit, JSON
 * writes, cursor paging.
 */

const stack = useStack({ emulator: { seed: 'empty', clockScale: 0, randomSeed: 'e2e-parity' } });
const description = nodeDescription('videoVector');

interface Sample {
	endpoint: EndpointKey;
	/** Set on top of the required parameters the catalog fills in. */
	extra?: (ids: { videoIds: string[] }) => INodeParameters;
}

const SAMPLES: Sample[] = [
	{ endpoint: 'search.sqlCatalog' },
	{ endpoint: 'chat_sessions.create' },
	{
		endpoint: 'processing_events.stream',
		extra: ({ videoIds }) => ({
			maxEvents: 1,
			maxWaitSeconds: 1,
			filters: {
				videoIds: videoIds.slice(0, 2).join(', '),
				eventTypes: 'prompt_run.completed, segment.failed',
			},
		}),
	},
	{ endpoint: 'indexes.list', extra: () => ({ returnAll: false, limit: 3 }) },
	{ endpoint: 'indexes.create' },
	{ endpoint: 'videos.batchStatus' },
	{ endpoint: 'exports.list', extra: () => ({ returnAll: true }) },
	{ endpoint: 'videos.listSegments', extra: () => ({ returnAll: true }) },
];

interface Recorded {
	method: string;
	path: string;
	query: Record<string, unknown>;
	query_keys: string[];
	headers: Record<string, string | string[]>;
	body: unknown;
}

/** What must match between the two paths. */
function comparable(request: Recorded) {
	return {
		method: request.method,
		path: request.path,
		queryKeys: request.query_keys,
		query: request.query,
		body: request.body,
		contentType: request.headers['content-type'] ?? null,
		accept: request.headers.accept ?? null,
		idempotencyKey: request.headers['idempotency-key'] !== undefined,
	};
}

describe('the unit-test stand-in sends what the real n8n sends', () => {
	let parametersOf: (sample: Sample) => INodeParameters;

	beforeAll(async () => {
		const { emulator } = stack();
		const account = await createAccount(emulator, 1);
		const fixture = asCatalogFixture(account, account.failedSegments[0]!);
		parametersOf = (sample) => {
			const write = operationFor(sample.endpoint);
			const { parameters, missing } = fillParameters(
				description,
				{ resource: write.resource, operation: write.operation, id: write.endpoint, phase: 1 },
				fixture,
				emulator.origin,
			);
			if (missing.length) throw new Error(`${sample.endpoint}: no value for ${missing.join(', ')}`);
			return { ...parameters, ...sample.extra?.({ videoIds: account.videoIds }) };
		};
	});

	it.each(SAMPLES.map((sample) => [sample.endpoint, sample]))('%s', async (_endpoint, sample) => {
		const { emulator } = stack();
		const parameters = parametersOf(sample);
		const requests = () => emulator.control.requests.list() as unknown as Recorded[];

		const workflow = await stack().importWorkflow({
			name: `Parity ${sample.endpoint}`,
			nodes: [
				{
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					name: 'Operation',
					type: stack().nodeType('videoVector'),
					typeVersion: 1,
					position: [200, 0],
					parameters,
				},
			],
			connections: { Start: { main: [[{ node: 'Operation', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
		emulator.control.requests.clear();
		const execution = await stack().runManually(workflow);
		expect(execution.status, JSON.stringify(execution.data?.resultData.error)).toBe('success');
		const viaN8n = requests().map(comparable);

		emulator.control.requests.clear();
		const context = createExecuteContext({
			parameters,
			credentials: { authentication: 'apiKey', apiKey: emulator.apiKey, baseUrl: emulator.baseUrl },
		});
		await router.call(context);
		const viaStandIn = requests().map(comparable);

		expect(viaN8n.length).toBeGreaterThan(0);
		expect(viaStandIn).toEqual(viaN8n);
	});
});
