import { beforeAll, describe, expect, it } from 'vitest';

import type { Workflow } from '../../../tools/n8n/workflow-types';
import { callApi } from '../../../tools/examples/api';
import { loggedRequests } from '../../../tools/examples/emulator';
import { installExample } from './support/install';
import { callToolLikeTheAgent, type ToolCall } from './support/tool-path';
import { useExampleStack } from './support/use-example-stack';

/**
 * Example 5 (examples/05-agent-video-search.json): the VideoVector node as two tools of n8n's AI
 * Agent ("List indexes", "Search videos" with `$fromAI()` parameters). No language model runs: the
 * tools are called through n8n's own tool-execution path with the arguments a model would choose,
 * and what they hand back to the agent is compared with what the API answers directly.
 */

const { stack } = useExampleStack();
const CHAT_TRIGGER = {
	name: 'When chat message received',
	json: { sessionId: 'e2e-session', action: 'sendMessage', chatInput: 'Where is the beach?' },
};
let workflow: Workflow;
let indexId: string;

interface IndexItem {
	index_id: string;
	name: string;
}

interface SearchHit {
	result_id: string;
	video_name: string;
	start_time: number;
	end_time: number;
	similarity_score: number;
}

function call(toolNode: string, args: Record<string, unknown>): ToolCall {
	return { trigger: CHAT_TRIGGER, toolNode, args };
}

/** The hits the API returns for the same search, straight from the emulator. */
function directSearch(query: string, topK: number): Promise<SearchHit[]> {
	return callApi<SearchHit[]>(stack().emulator, 'POST', `/indexes/${indexId}/search`, {
		query,
		top_k: topK,
	});
}

beforeAll(async () => {
	const credential = stack().credential;
	if (!credential) throw new Error('the stack has no VideoVector credential');
	const seeded = stack().emulator.control.seed.index({
		media: 4,
		segmentsPerMedia: 3,
		name: 'Holiday videos',
		titlePrefix: 'Beach holiday',
	});
	if (!seeded.index_id) throw new Error('the emulator seeded no index');
	indexId = seeded.index_id;
	workflow = await installExample(stack().client, 'agentSearch', {
		credentials: { n8nNodesVideoVectorApi: credential },
	});
});

describe('example 5: VideoVector as tools of the AI Agent', () => {
	it('lists the indexes the agent can search', async () => {
		const { execution, response } = await callToolLikeTheAgent(
			stack(),
			workflow,
			call('List indexes', {}),
		);
		expect(execution.status).toBe('success');
		const direct = await callApi<IndexItem[]>(
			stack().emulator,
			'GET',
			'/indexes?include_defaults=true',
		);
		expect((response as IndexItem[]).map((index) => [index.index_id, index.name])).toEqual(
			direct.map((index) => [index.index_id, index.name]),
		);
		expect((response as IndexItem[]).map((index) => index.index_id)).toContain(indexId);
		// n8n swapped the agent for its tool executor (@n8n/constants TOOL_EXECUTOR_NODE_NAME): no model ran.
		const ran = Object.keys(execution.data?.resultData.runData ?? {});
		expect(ran).toContain('PartialExecutionToolExecutor');
		expect(ran).not.toContain('Video search agent');
		expect(ran).not.toContain('OpenAI Chat Model');
	});

	it('searches the chosen index with the query and result count the agent chose', async () => {
		const { execution, response } = await callToolLikeTheAgent(
			stack(),
			workflow,
			call('Search videos', { index_id: indexId, query: 'beach holiday', max_results: 3 }),
		);
		expect(execution.status).toBe('success');
		// The model's arguments became the request: index from index_id, query and top_k from max_results.
		const sent = stack()
			.emulator.control.requests.list({ method: 'POST', path: `/indexes/${indexId}/search` })
			.at(-1)?.body;
		expect(sent).toEqual({ query: 'beach holiday', top_k: 3 });
		const hits = response as SearchHit[];
		const direct = await directSearch('beach holiday', 3);
		expect(direct.length).toBeGreaterThan(0);
		expect(hits.map((hit) => hit.result_id)).toEqual(direct.map((hit) => hit.result_id));
		expect(hits[0]).toMatchObject({
			video_name: expect.stringContaining('Beach holiday'),
			start_time: expect.any(Number),
			end_time: expect.any(Number),
		});
	});

	it('gives the agent the same answer through 429 storms and 5xx bursts', async () => {
		const { control } = stack().emulator;
		control.requests.clear();
		control.faults.set([
			{
				kind: 'rate_limit',
				method: 'POST',
				path: '/indexes/*/search',
				next: 2,
				retryAfterSeconds: 1,
			},
			{ kind: 'server_error', method: 'POST', path: '/indexes/*/search', next: 1, status: 502 },
			{ kind: 'rate_limit', method: 'GET', path: '/indexes', next: 2, retryAfterSeconds: 1 },
		]);
		let listed: unknown;
		let found: unknown;
		try {
			listed = (await callToolLikeTheAgent(stack(), workflow, call('List indexes', {}))).response;
			found = (
				await callToolLikeTheAgent(
					stack(),
					workflow,
					call('Search videos', { index_id: indexId, query: 'beach holiday', max_results: 3 }),
				)
			).response;
		} finally {
			control.faults.clear();
		}
		expect(
			loggedRequests(stack().emulator, 'POST', new RegExp(`^/indexes/${indexId}/search$`)).map(
				(request) => request.status,
			),
		).toEqual([429, 429, 502, 200]);
		expect(
			loggedRequests(stack().emulator, 'GET', /^\/indexes$/).map((request) => request.status),
		).toEqual([429, 429, 200]);
		expect((found as SearchHit[]).map((hit) => hit.result_id)).toEqual(
			(await directSearch('beach holiday', 3)).map((hit) => hit.result_id),
		);
		expect((listed as IndexItem[]).map((index) => index.index_id)).toContain(indexId);
	});
});
