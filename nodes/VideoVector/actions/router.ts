import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { type NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	VideoVectorApiError,
	VideoVectorClientError,
	VideoVectorNetworkError,
} from '../../../shared/http/api-error';

import { ApiSession } from '../../../shared/n8n/api-session';
import { toNodeError } from '../../../shared/n8n/node-error';
import { assertToolMayRun } from '../../../shared/n8n/tool-guard';
import { ItemsResult, type OperationResult } from './operation';
import { findOperation } from './resource';
import { RESOURCES } from './resources';
import { applySimplify } from './simplify';
import { actionWithAccess, operationAccess } from './tool-access';

/**
 * Owns the per-item loop so no operation re-implements it: dispatch, the item's API session,
 * `continueOnFail`, and `pairedItem` on every output item (n8n needs it to map outputs back to inputs).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operationName = this.getNodeParameter('operation', itemIndex) as string;
		const operation = findOperation(RESOURCES, resource, operationName);
		try {
			if (!operation) {
				throw new NodeOperationError(
					this.getNode(),
					`Unknown operation "${resource}.${operationName}"`,
					{
						itemIndex,
					},
				);
			}
			assertToolMayRun(this, itemIndex, operationAccess(operation), actionWithAccess(operation));
			// One session per item: n8n resolves credential expressions per item; it reads nothing until used.
			const result = await operation.execute.call(this, itemIndex, new ApiSession(this, itemIndex));
			const shaped = applySimplify(this, itemIndex, `${resource}.${operationName}`, result);
			output.push(...toItems(shaped, itemIndex));
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			output.push({ json: errorJson(error, nodeError), pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}

function toItems(result: OperationResult, itemIndex: number): INodeExecutionData[] {
	const pairedItem = { item: itemIndex };
	if (result instanceof ItemsResult) return result.items.map((item) => ({ ...item, pairedItem }));
	const list = Array.isArray(result) ? result : [result];
	return list.map((json) => ({ json, pairedItem }));
}

/**
 * The item of a failed input item under "Continue". Only `error`, `message` and `details` keys: n8n
 * 2.41 moves an item to the error output only when its JSON has no other key
 * (WorkflowExecute.handleNodeErrorOutput), and gives the same item on the main output otherwise.
 * What a workflow branches on (API code, request id, HTTP status, field) sits inside `details`.
 */
interface ApiFacts {
	code: string;
	status: number;
	requestId?: string | null;
	field?: string | null;
	parameter?: string | null;
}

/** The facts toNodeError hands NodeApiError (its `cause`). */
function isApiFacts(value: unknown): value is ApiFacts {
	const facts = value as Partial<ApiFacts> | null;
	return (
		typeof facts === 'object' &&
		facts !== null &&
		typeof facts.code === 'string' &&
		typeof facts.status === 'number'
	);
}

function errorJson(original: unknown, error: NodeApiError | NodeOperationError): IDataObject {
	const details: IDataObject = {};
	if (error.description) details.description = error.description;
	// An operation may have turned the API error into a NodeApiError already (toNodeError): n8n keeps the facts
	// object it was given as `errorResponse`.
	const facts =
		original instanceof VideoVectorApiError
			? original
			: (error as { errorResponse?: unknown }).errorResponse;
	if (facts instanceof VideoVectorApiError || isApiFacts(facts)) {
		details.code = facts.code;
		details.httpStatus = facts.status;
		details.requestId = facts.requestId ?? null;
		if (facts.field) details.field = facts.field;
		const parameter = (facts as ApiFacts).parameter;
		if (parameter) details.parameter = parameter;
		if (facts instanceof VideoVectorApiError && facts.retryAfterMs !== undefined)
			details.retryAfterSeconds = Math.ceil(facts.retryAfterMs / 1000);
	} else if (
		original instanceof VideoVectorNetworkError ||
		original instanceof VideoVectorClientError
	) {
		details.code = original.code;
	}
	const api = (original as { context?: IDataObject } | null)?.context?.api;
	if (api) details.api = api;
	return { error: error.message, details };
}
