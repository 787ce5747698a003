/** Prompts over real HTTP against the emulator: the whole life cycle, including deleting one in use. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/app';
import { runNode } from '../../support/run-node';
import { emulatorCredentials } from '../../support/emulator-run';
import { byId } from '../../support/node-fixtures';

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ seed: 'empty', randomSeed: 'prompt-tests' });
});
afterAll(async () => await emulator.close());

const prompt = (parameters: Record<string, unknown>) =>
	runNode({
		parameters: { resource: 'prompt', options: {}, ...parameters },
		credentials: emulatorCredentials(emulator),
	});

const SCHEMA = {
	type: 'object',
	properties: { mood: { type: 'string' }, people_count: { type: 'integer' } },
};

describe('Prompt over the emulator', () => {
	it('creates, reads, updates only what changed, and lists a prompt', async () => {
		const created = await prompt({
			operation: 'create',
			name: 'Scene moods',
			promptText: 'Describe the mood and count the people in the scene.',
			jsonSchema: JSON.stringify(SCHEMA),
			options: { description: 'first version' },
		});
		const promptId = String(created.output[0].json.prompt_id);
		expect(created.output[0].json).toMatchObject({
			name: 'Scene moods',
			json_schema: SCHEMA,
			description: 'first version',
		});

		const updated = await prompt({
			operation: 'update',
			promptId: byId(promptId),
			updateFields: { name: 'Scene moods v2' },
		});
		expect(updated.output[0].json).toMatchObject({
			name: 'Scene moods v2',
			description: 'first version',
			json_schema: SCHEMA,
		});
		const [put] = emulator.control.requests.list({ method: 'PUT' });
		expect(put.body).toEqual({ name: 'Scene moods v2' });

		const fetched = await prompt({ operation: 'get', promptId: byId(promptId) });
		expect(fetched.output[0].json.name).toBe('Scene moods v2');
		const listed = await prompt({
			operation: 'getAll',
			activeOnly: true,
			includeDefaults: false,
			returnAll: true,
		});
		expect(listed.output.map((i) => i.json.prompt_id)).toContain(promptId);

		const tested = await prompt({
			operation: 'testSchema',
			jsonSchema: SCHEMA,
			sampleData: '{"mood": "calm", "people_count": "three"}',
		});
		expect(tested.output[0].json.valid).toBe(false);
	});

	it('a prompt in use is refused without Force (409 with the hint) and deleted with it', async () => {
		const seeded = emulator.control.seed.index({ media: 1, segmentsPerMedia: 1 });
		const promptId = seeded.prompt_id as string;
		const usage = await prompt({ operation: 'getUsage', promptId: byId(promptId) });
		expect(usage.output[0].json.is_in_use).toBe(true);

		const refused = await prompt({
			operation: 'delete',
			promptId: byId(promptId),
			force: false,
		}).catch((e: unknown) => e);
		expect(refused).toMatchObject({ httpCode: '409' });
		expect((refused as { description: string }).description).toContain('turn on Force');

		const deleted = await prompt({ operation: 'delete', promptId: byId(promptId), force: true });
		expect(deleted.output).toHaveLength(1);
		const gone = await prompt({ operation: 'get', promptId: byId(promptId) }).catch(
			(e: unknown) => e,
		);
		expect(gone).toMatchObject({ httpCode: '404' });
	});

	it('generates a prompt from an instruction and saves it', async () => {
		const { output } = await prompt({
			operation: 'generate',
			instruction: 'Find dogs and what they are doing',
			save: true,
		});
		expect(output[0].json.saved).toBe(true);
		const fetched = await prompt({
			operation: 'get',
			promptId: byId(String(output[0].json.prompt_id)),
		});
		expect(fetched.output[0].json.json_schema).toBeTruthy();
	});
});
