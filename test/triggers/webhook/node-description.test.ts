import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { N8nNodesVideoVectorReceiverApi } from '../../../credentials/N8nNodesVideoVectorReceiverApi.credentials';
import { WEBHOOK_EVENT_NAMES } from '../../../shared/contract/schemas/webhook-event';
import { VideoVector } from '../../../nodes/VideoVector/VideoVector.node';
import { VideoVectorTrigger } from '../../../triggers/VideoVectorTrigger/VideoVectorTrigger.node';
import { createExecuteContext } from '../../support/execute-context';
import { RECEIVER_SECRET, useTriggerWorld } from './support/fixture';

const world = useTriggerWorld();
const trigger = new VideoVectorTrigger();

function loadOptionsContext(baseUrl: string, apiKey: string) {
	return createExecuteContext({ parameters: {}, credentials: { apiKey, baseUrl } });
}

describe('VideoVector Trigger description', () => {
	it('is a POST webhook trigger with the two credentials shown per delivery mode', () => {
		const { description } = trigger;
		expect(description).toMatchObject({
			name: 'videoVectorTrigger',
			group: ['trigger'],
			inputs: [],
		});
		expect(description.webhooks).toEqual([
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: 'webhook',
			},
		]);
		expect(description.credentials).toEqual([
			expect.objectContaining({
				name: 'n8nNodesVideoVectorApi',
				displayOptions: { show: { delivery: ['direct'] } },
			}),
			expect.objectContaining({
				name: 'n8nNodesVideoVectorReceiverApi',
				testedBy: 'testReceiverSecret',
				displayOptions: { show: { delivery: ['receiver'] } },
			}),
		]);
		const withDefaults = (properties: INodeProperties[]): boolean =>
			properties.every(
				(property) =>
					property.default !== undefined &&
					(property.type !== 'collection' || withDefaults(property.options as INodeProperties[])),
			);
		expect(withDefaults(description.properties)).toBe(true);
		const codex = JSON.parse(
			readFileSync(
				join(__dirname, '../../../triggers/VideoVectorTrigger/VideoVectorTrigger.node.json'),
				'utf8',
			),
		) as { node: string };
		expect(codex.node).toBe(`n8n-nodes-videovector.${description.name}`);
	});

	it('offers "All Events" plus the live event list, and the contract list when the API cannot be reached', async () => {
		const live = await trigger.methods.loadOptions.getEventTypes.call(
			loadOptionsContext(world.emulator.baseUrl, world.emulator.apiKey),
		);
		expect(live[0]).toMatchObject({ name: 'All Events', value: '*' });
		expect(live.slice(1).map((option) => option.value)).toEqual([...WEBHOOK_EVENT_NAMES].sort());
		expect(live.find((option) => option.value === 'prompt_run.partial_completed')?.name).toBe(
			'Prompt Run Partial Completed',
		);

		const offline = await trigger.methods.loadOptions.getEventTypes.call(
			loadOptionsContext('http://127.0.0.1:9/api/v2', world.emulator.apiKey),
		);
		expect(offline.map((option) => option.value)).toEqual(live.map((option) => option.value));
	});

	it('lists indexes for the index filter', async () => {
		const seeded = world.emulator.control.seed.index({
			name: 'Trigger index',
			media: 1,
			run: false,
		});
		const options = await trigger.methods.loadOptions.getIndexes.call(
			loadOptionsContext(world.emulator.baseUrl, world.emulator.apiKey),
		);
		expect(options).toContainEqual({
			name: `Trigger index (${seeded.index_id})`,
			value: seeded.index_id,
		});
	});

	it("lists indexes exactly as the action node's index locator does (one lookup), sorted by label", async () => {
		world.emulator.control.seed.index({ name: 'Zeta index', media: 1, run: false });
		const seeded = world.emulator.control.seed.index({ name: 'Alpha index', media: 1, run: false });
		const context = loadOptionsContext(world.emulator.baseUrl, world.emulator.apiKey);
		const dropdown = await trigger.methods.loadOptions.getIndexes.call(context);
		const locator = await new VideoVector().methods.listSearch.searchIndexes.call(context);
		expect(locator.results).toEqual(dropdown);
		const names = dropdown.map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		const filtered = await new VideoVector().methods.listSearch.searchIndexes.call(
			context,
			'alpha',
		);
		expect(filtered.results).toEqual([
			{ name: `Alpha index (${seeded.index_id})`, value: seeded.index_id },
		]);
	});

	it('tests the receiver secret for its format (there is no service to ask)', async () => {
		const test = (data: Record<string, string>) =>
			trigger.methods.credentialTest.testReceiverSecret.call(
				{} as ICredentialTestFunctions,
				{
					id: '1',
					name: 'receiver',
					type: new N8nNodesVideoVectorReceiverApi().name,
					data,
				} as ICredentialsDecrypted,
			);
		expect(await test({ secret: RECEIVER_SECRET })).toEqual({
			status: 'OK',
			message: 'The secret is well formed',
		});
		expect(await test({ secret: RECEIVER_SECRET, previousSecret: 'not base64!' })).toMatchObject({
			status: 'Error',
		});
		expect(await test({ secret: '' })).toMatchObject({
			status: 'Error',
			message: 'Enter the signing secret',
		});
	});
});
