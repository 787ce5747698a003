/** The trigger's small pure parts: id order, duplicate memory, units, resume state, keys, settings. */
import type { INode, ITriggerFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { DeliveredIds } from '../../../triggers/VideoVectorSseTrigger/delivered-ids';
import { deduplicationKey } from '../../../triggers/VideoVectorSseTrigger/deduplication-key';
import {
	UnitAssembler,
	type StreamEvent,
} from '../../../triggers/VideoVectorSseTrigger/delivery-units';
import { isAfter, isAtOrBefore } from '../../../triggers/VideoVectorSseTrigger/event-id-order';
import { ResumeState } from '../../../triggers/VideoVectorSseTrigger/resume-state';
import { isRetryableConnectFailure } from '../../../triggers/VideoVectorSseTrigger/trigger-errors';
import { readTriggerSettings } from '../../../triggers/VideoVectorSseTrigger/trigger-settings';

const node: INode = {
	id: 'n1',
	name: 'Trigger',
	type: 't',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const event = (id: string | undefined): StreamEvent => ({ id, json: { event_id: id ?? null } });
const unitIds = (units: Array<{ events: StreamEvent[] }>) =>
	units.map((unit) => unit.events.map((e) => e.id));

describe('event id order', () => {
	it('compares digit ids by value, zero padding or not, and never orders opaque ids', () => {
		expect(isAtOrBefore('000000000009', '10')).toBe(true);
		expect(isAtOrBefore('10', '000000000009')).toBe(false);
		expect(isAfter('100', '99')).toBe(true);
		expect(isAtOrBefore('evt_b', 'evt_a')).toBe(false);
		expect(isAfter('evt_b', 'evt_a')).toBe(false);
		expect(isAtOrBefore('evt_a', 'evt_a')).toBe(true);
	});
});

describe('DeliveredIds', () => {
	it('knows ids at or before the newest, and remembers a bounded number of opaque ones', () => {
		const delivered = new DeliveredIds('000000000005', 3);
		expect(delivered.has('4')).toBe(true);
		expect(delivered.has('6')).toBe(false);
		for (const id of ['evt_a', 'evt_b', 'evt_c', 'evt_d']) delivered.add(id);
		expect(delivered.last).toBe('evt_d');
		expect(delivered.has('evt_a')).toBe(false);
		expect(['evt_b', 'evt_c', 'evt_d'].every((id) => delivered.has(id))).toBe(true);
		delivered.forget();
		expect(delivered.last).toBeUndefined();
		expect(delivered.has('evt_d')).toBe(false);
	});
});

describe('UnitAssembler', () => {
	it('makes one unit per event, or batches of at most the batch size per read', () => {
		const each = new UnitAssembler('eachEvent', 50);
		['1', '2'].forEach((id) => each.add(event(id)));
		expect(unitIds(each.takeReady())).toEqual([['1'], ['2']]);
		const batch = new UnitAssembler('batch', 2);
		['1', '2', '3'].forEach((id) => batch.add(event(id)));
		expect(unitIds(batch.takeReady())).toEqual([['1', '2'], ['3']]);
		expect(batch.takeReady()).toEqual([]);
	});

	it('holds a replayed batch across reads until its last id, then cuts there', () => {
		const batch = new UnitAssembler('batch', 5, '4');
		['2', '3'].forEach((id) => batch.add(event(id)));
		expect(batch.takeReady()).toEqual([]);
		['4', '5', '6'].forEach((id) => batch.add(event(id)));
		expect(unitIds(batch.takeReady())).toEqual([
			['2', '3', '4'],
			['5', '6'],
		]);
	});

	it('ends the hold at an id past the boundary, at the batch size, or when released', () => {
		const passed = new UnitAssembler('batch', 5, '4');
		['3', '7'].forEach((id) => passed.add(event(id)));
		expect(unitIds(passed.takeReady())).toEqual([['3'], ['7']]);
		const full = new UnitAssembler('batch', 2, 'evt_x');
		['evt_a', 'evt_b'].forEach((id) => full.add(event(id)));
		expect(unitIds(full.takeReady())).toEqual([['evt_a', 'evt_b']]);
		const quiet = new UnitAssembler('batch', 5, 'evt_x');
		quiet.add(event('evt_a'));
		expect(quiet.takeReady()).toEqual([]);
		expect(unitIds(quiet.releaseHeld())).toEqual([['evt_a']]);
	});

	it('forgets undelivered events when the connection ends', () => {
		const batch = new UnitAssembler('batch', 5, 'evt_x');
		batch.add(event('evt_a'));
		batch.discard();
		expect(batch.releaseHeld()).toEqual([]);
	});
});

describe('ResumeState', () => {
	it('starts live, or after the configured id, when nothing is stored', () => {
		expect(new ResumeState({}, undefined).point()).toEqual({
			connectAfter: undefined,
			inFlightUntil: undefined,
		});
		expect(new ResumeState({}, '42').point()).toEqual({
			connectAfter: '42',
			inFlightUntil: undefined,
		});
	});

	it('writes the last emitted and the last finished id before each emit, and resumes after the finished one', () => {
		const staticData = {};
		const state = new ResumeState(staticData, '10');
		state.beforeEmit('11');
		expect(staticData).toEqual({ lastEventId: '11', resumeAfterEventId: '10' });
		state.afterExecution('11');
		expect(staticData).toEqual({ lastEventId: '11', resumeAfterEventId: '10' });
		state.beforeEmit('12');
		expect(staticData).toEqual({ lastEventId: '12', resumeAfterEventId: '11' });
		expect(new ResumeState({ ...staticData }, '10').point()).toEqual({
			connectAfter: '11',
			inFlightUntil: '12',
		});
		state.forget();
		expect(staticData).toEqual({});
	});

	it('resumes after the last emitted id when n8n cannot deduplicate a replay', () => {
		expect(
			new ResumeState({ lastEventId: '12', resumeAfterEventId: '11' }, undefined, false).point(),
		).toEqual({
			connectAfter: '12',
			inFlightUntil: undefined,
		});
	});

	it('ignores stored values that are not ids, and the start option once something is stored', () => {
		expect(
			new ResumeState({ lastEventId: 5, resumeAfterEventId: null }, '1').point().connectAfter,
		).toBe('1');
		expect(new ResumeState({ lastEventId: '9' }, '1').point()).toEqual({
			connectAfter: '9',
			inFlightUntil: undefined,
		});
	});
});

describe('deduplicationKey', () => {
	it('is stable for the same unit and differs by workflow, node, and events', () => {
		const unit = { events: [event('1'), event('2')] };
		const key = deduplicationKey('wf', 'node', unit);
		expect(key).toBe('videovector-sse:wf:node:1:2:2');
		expect(deduplicationKey('wf', 'node', { events: [event('1'), event('2')] })).toBe(key);
		expect(deduplicationKey('wf2', 'node', unit)).not.toBe(key);
		expect(deduplicationKey('wf', 'node2', unit)).not.toBe(key);
		expect(
			deduplicationKey('wf', 'node', { events: [event('1'), event('1b'), event('2')] }),
		).not.toBe(key);
		expect(
			deduplicationKey('wf', 'node', { events: [event('1'), event(undefined)] }),
		).toBeUndefined();
		expect(deduplicationKey(undefined, 'node', unit)).toBeUndefined();
		// Separators inside ids cannot make two units collide.
		expect(deduplicationKey('wf', 'node', { events: [event('a:b')] })).not.toBe(
			deduplicationKey('wf:node', 'a', { events: [event('b')] }),
		);
	});

	it('stays within n8n’s 255 characters for long ids', () => {
		const long = { events: [event('e'.repeat(200)), event('f'.repeat(200))] };
		const key = deduplicationKey('wf', 'node', long);
		expect(key).toMatch(/^videovector-sse:[0-9a-f]{64}$/);
		expect(
			deduplicationKey('wf', 'node', { events: [event('e'.repeat(200)), event('g'.repeat(200))] }),
		).not.toBe(key);
	});
});

describe('isRetryableConnectFailure', () => {
	const apiError = (status: string) =>
		new NodeApiError(node, { message: 'x' }, { httpCode: status });
	it('retries no answer, 408, 429 and 5xx, and nothing the server refused', () => {
		expect(
			['network_error', '408', '429', '500', '503'].map((code) =>
				isRetryableConnectFailure(apiError(code)),
			),
		).toEqual([true, true, true, true, true]);
		expect(
			['400', '401', '403', '404', '422'].map((code) => isRetryableConnectFailure(apiError(code))),
		).toEqual([false, false, false, false, false]);
		expect(isRetryableConnectFailure(new NodeOperationError(node, 'bad base URL'))).toBe(false);
	});
});

describe('readTriggerSettings', () => {
	function settingsOf(parameters: Record<string, unknown>) {
		const context = {
			getNode: () => node,
			getNodeParameter: (name: string, fallback: unknown) =>
				parameters[name] ?? (name === 'events' ? ['*'] : fallback),
		} as unknown as ITriggerFunctions;
		return readTriggerSettings(context);
	}

	it('turns the filters into the stream query and the options into milliseconds', () => {
		const settings = settingsOf({
			output: 'batch',
			batchSize: 25,
			events: ['segment.failed'],
			indexIds: [],
			filters: { runId: ' run_1 ', videoIds: 'vid_1, vid_2 vid_1' },
			options: {
				heartbeatTimeoutSeconds: 2.5,
				maxReconnectDelaySeconds: 30,
				startAfterEventId: ' 000000000007 ',
				onResumeExpired: 'continue',
			},
		});
		expect(settings).toEqual({
			mode: 'batch',
			batchSize: 25,
			query: {
				run_id: 'run_1',
				index_id: undefined,
				video_ids: ['vid_1', 'vid_2'],
				event_types: ['segment.failed'],
				batch_size: 25,
			},
			watchdogMs: 2500,
			maxReconnectDelayMs: 30_000,
			startAfter: '000000000007',
			continueAfterExpired: true,
			localIndexIds: [],
		});
		expect(settingsOf({}).query.batch_size).toBeUndefined();
		expect(settingsOf({}).watchdogMs).toBe(45_000);
	});

	it('refuses values that cannot work before connecting', () => {
		expect(() => settingsOf({ output: 'batch', batchSize: 0 })).toThrow(
			/Batch Size must be a whole number from 1 to 1000/,
		);
		expect(() => settingsOf({ output: 'batch', batchSize: 2.5 })).toThrow(/Batch Size/);
		expect(() => settingsOf({ options: { heartbeatTimeoutSeconds: -1 } })).toThrow(
			/Heartbeat Timeout/,
		);
		expect(() => settingsOf({ options: { maxReconnectDelaySeconds: 0 } })).toThrow(
			/Max Reconnect Delay/,
		);
		expect(() => settingsOf({ events: [] })).toThrow(/Trigger On/);
	});

	it('sends one picked index to the server and filters several after reading', () => {
		expect(settingsOf({ indexIds: ['idx_a'] })).toMatchObject({
			query: { index_id: 'idx_a' },
			localIndexIds: [],
		});
		expect(settingsOf({ indexIds: ['idx_b', 'idx_a'] })).toMatchObject({
			query: { index_id: undefined },
			localIndexIds: ['idx_a', 'idx_b'],
		});
		expect(settingsOf({ events: ['*', 'segment.failed'] }).query.event_types).toBeUndefined();
	});
});
