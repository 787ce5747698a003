import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiSession } from '../../../../shared/n8n/api-session';
import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { positiveNumber } from '../common/collection-values';

/**
 * The cost guard of the operations that start a prompt run: before the run is started, the API is
 * asked for a dry-run estimate of exactly the same request (`POST /prompt-runs/estimate`), and the
 * run is not started when the API says the balance is insufficient or the estimate is above the
 * user's limit. A limit cannot be checked without an estimate, so setting one estimates too.
 */
export const costGuardOptions: INodeProperties[] = [
	{
		displayName: 'Estimate First',
		name: 'estimateFirst',
		type: 'boolean',
		default: false,
		description:
			'Whether to ask the API for a cost estimate of this run before starting it, and not start it when the balance is not sufficient or the estimate is above Max Estimated Cost',
	},
	{
		displayName: 'Max Estimated Cost (MT)',
		name: 'maxEstimatedCost',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description:
			"Don't start the run when its estimated cost is above this many MT; 0 means no limit. Setting a limit also estimates first.",
	},
];

interface CostGuard {
	enabled: boolean;
	limit?: number;
}

function readCostGuard(context: IExecuteFunctions, itemIndex: number): CostGuard {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const limit = positiveNumber(options.maxEstimatedCost);
	return { enabled: options.estimateFirst === true || limit !== undefined, limit };
}

function refuse(
	context: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description: string,
) {
	return new NodeOperationError(context.getNode(), `Prompt run not started: ${message}`, {
		itemIndex,
		description,
	});
}

/**
 * Estimates the run described by `body` when the guard is on and throws, before anything is
 * started, when the estimate must stop it. Returns the estimate (undefined when the guard is off).
 * An estimate without a numeric `estimated_mt` stops the run too: a guard that cannot read the
 * figure must not wave the run through.
 */
export async function enforceCostGuard(
	session: ApiSession<IExecuteFunctions>,
	body: IDataObject,
): Promise<IDataObject | undefined> {
	const { context, itemIndex } = session;
	const guard = readCostGuard(context, itemIndex);
	if (!guard.enabled) return undefined;
	const estimate = await callEndpoint(session, 'prompt_runs.estimate', { body });
	const estimated = estimate.estimated_mt;
	if (typeof estimated !== 'number' || !Number.isFinite(estimated)) {
		throw refuse(
			context,
			itemIndex,
			`the cost estimate has no numeric estimated_mt (got ${JSON.stringify(estimated ?? null)})`,
			'Estimate First is on, so the run is only started on a readable estimate. Check the API answer with the Estimate operation.',
		);
	}
	if (estimate.sufficient_balance === false) {
		const balance =
			typeof estimate.current_balance_mt === 'number'
				? ` (current balance ${estimate.current_balance_mt} MT)`
				: '';
		throw refuse(
			context,
			itemIndex,
			`the API estimates ${estimated} MT and says the balance is not sufficient${balance}`,
			'Top up the account or narrow the run (fewer media, longer segments), then run again.',
		);
	}
	if (guard.limit !== undefined && estimated > guard.limit) {
		throw refuse(
			context,
			itemIndex,
			`the estimated cost of ${estimated} MT is above the limit of ${guard.limit} MT (Max Estimated Cost)`,
			'Raise Max Estimated Cost in the Options, or narrow the run (fewer media, longer segments).',
		);
	}
	return estimate;
}
