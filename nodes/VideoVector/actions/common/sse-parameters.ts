import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BoundedSseOptions } from '../../../../shared/n8n/sse-read';

/**
 * The bounds every one-shot stream read offers, so reads never hang a workflow: a time limit and,
 * where it makes sense, an event count. Read back in milliseconds.
 */
export function maxWaitProperty(defaultSeconds: number, description: string): INodeProperties {
	return {
		displayName: 'Max Wait (Seconds)',
		name: 'maxWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3600 },
		default: defaultSeconds,
		description,
	};
}

export const lastEventIdProperty: INodeProperties = {
	displayName: 'Start After Event ID',
	name: 'lastEventId',
	type: 'string',
	default: '',
	description:
		'Resume after this event (sent as Last-Event-ID): the events that followed it are replayed first. Use the Event ID of the last event of a previous read. Empty: only new events.',
};

export function readPositiveNumber(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	displayName: string,
	fallback: number,
): number {
	const value = Number(context.getNodeParameter(name, itemIndex, fallback));
	if (!Number.isFinite(value) || value <= 0) {
		throw new NodeOperationError(context.getNode(), `${displayName} must be a number above 0`, {
			itemIndex,
		});
	}
	return value;
}

/** The execution's cancel signal, so a stopped workflow also closes an open stream at once. */
function executionCancelSignal(context: IExecuteFunctions): AbortSignal | undefined {
	return typeof context.getExecutionCancelSignal === 'function'
		? context.getExecutionCancelSignal()
		: undefined;
}

/**
 * What Max Wait and Start After Event ID ask of a read, plus the execution's cancel signal: the part
 * of `readBoundedSse`'s options every one-shot read shares. `defaultWaitSeconds` is the default given
 * to `maxWaitProperty`.
 */
export function readStreamBounds(
	context: IExecuteFunctions,
	itemIndex: number,
	defaultWaitSeconds: number,
): Pick<BoundedSseOptions, 'timeoutMs' | 'lastEventId' | 'signal'> {
	const maxWaitSeconds = readPositiveNumber(
		context,
		itemIndex,
		'maxWaitSeconds',
		'Max Wait (Seconds)',
		defaultWaitSeconds,
	);
	const lastEventId = String(context.getNodeParameter('lastEventId', itemIndex, '') ?? '').trim();
	return {
		timeoutMs: maxWaitSeconds * 1000,
		lastEventId: lastEventId || undefined,
		signal: executionCancelSignal(context),
	};
}
