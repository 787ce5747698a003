/** Markers over real HTTP against the emulator: one marker per target, replaced by a second upsert. */
import { afterAll, beforeAll, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/app.js';
import { emulatorRunner } from '../../support/emulator-run';

let emulator: RunningEmulator;
let runId: string;
const { apiKey, one } = emulatorRunner(() => emulator);

beforeAll(async () => {
	emulator = await startEmulator({ seed: 'empty', randomSeed: 'node-markers', clockScale: 0 });
	runId = emulator.control.seed.index({ media: 1, run: true }).run_id as string;
});

afterAll(async () => {
	await emulator?.close();
});

it('upserts a field marker twice (same marker, replaced), lists it by target and deletes it', async () => {
	const upsert = (color: string, note: string) =>
		one({
			resource: 'marker',
			operation: 'upsert',
			targetType: 'field',
			targetId: runId,
			fieldPath: 'scene.objects',
			color,
			note,
		});
	const first = await upsert('#f59e0b', 'check');
	const second = await upsert('red', '');
	expect(second).toMatchObject({
		marker_id: first.marker_id,
		color: 'red',
		note: null,
		field_path: 'scene.objects',
	});

	const { output } = await apiKey({
		resource: 'marker',
		operation: 'getAll',
		returnAll: true,
		filters: { targetType: 'field', targetId: runId },
	});
	expect(output.map((item) => item.json.marker_id)).toEqual([first.marker_id]);

	await one({ resource: 'marker', operation: 'delete', markerId: first.marker_id });
	const after = await apiKey({
		resource: 'marker',
		operation: 'getAll',
		returnAll: true,
		filters: { targetId: runId },
	});
	expect(after.output).toHaveLength(0);
});
