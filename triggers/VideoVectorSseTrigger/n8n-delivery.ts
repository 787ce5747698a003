import type { INodeExecutionData, ITriggerFunctions } from 'n8n-workflow';

import { deduplicationKey } from './deduplication-key';
import type { DeliveryUnit } from './delivery-units';
import type { ResumeState } from './resume-state';

function itemsOf(unit: DeliveryUnit): INodeExecutionData[] {
	return unit.events.map((event) => ({ json: event.json }));
}

function lastIdOf(unit: DeliveryUnit): string | undefined {
	for (let index = unit.events.length - 1; index >= 0; index--) {
		const id = unit.events[index].id;
		if (id !== undefined) return id;
	}
	return undefined;
}

/** What `emit` settles when the execution has finished (n8n-workflow does not export the type). */
type DonePromise = NonNullable<Parameters<ITriggerFunctions['emit']>[2]>;

function donePromise(): DonePromise {
	let resolve!: DonePromise['resolve'];
	let reject!: DonePromise['reject'];
	const promise = new Promise<Awaited<DonePromise['promise']>>((onResolve, onReject) => {
		resolve = onResolve;
		reject = onReject;
	});
	return { promise, resolve, reject };
}

/**
 * Published workflow: one execution per unit, awaited to its end (n8n settles the done-promise), so
 * the stream is read no faster than n8n runs the workflow. The stream position is written right
 * before `emit`, which is when n8n saves the node's static data. A failed execution still counts as
 * delivered: its error is in the execution list, and repeating it would not fix the workflow.
 */
export function executionDelivery(
	context: ITriggerFunctions,
	state: ResumeState,
): (unit: DeliveryUnit) => Promise<void> {
	const workflowId = context.getWorkflow().id;
	const nodeId = context.getNode().id;
	return async (unit) => {
		const lastId = lastIdOf(unit);
		if (lastId !== undefined) state.beforeEmit(lastId);
		const done = donePromise();
		// `this.emit` is looked up on every call: n8n replaces it after `trigger()` in some modes.
		context.emit([itemsOf(unit)], undefined, done, deduplicationKey(workflowId, nodeId, unit));
		await done.promise.catch(() => undefined);
		if (lastId !== undefined) state.afterExecution(lastId);
	};
}

/**
 * Whether this n8n deduplicates executions by the key passed to `emit`: recent n8n (2.41 does)
 * declares it as emit's fourth parameter and keeps it unique on executions; older versions declare
 * three parameters and would ignore a fourth.
 */
export function supportsDeduplicationKeys(context: ITriggerFunctions): boolean {
	return typeof context.emit === 'function' && context.emit.length >= 4;
}

/** "Listen for test event": hand the unit to the editor; nothing is stored. */
export function manualDelivery(context: ITriggerFunctions): (unit: DeliveryUnit) => Promise<void> {
	return async (unit) => {
		context.emit([itemsOf(unit)]);
	};
}
