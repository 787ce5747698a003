import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ApiSession } from '../../../shared/n8n/api-session';
import { toNodeError } from '../../../shared/n8n/node-error';
import { ItemsResult, type OperationResult } from './operation';
import { findOperation } from './resource';
import { RESOURCES } from './resources';

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
				throw new NodeOperationError(this.getNode(), `Unknown operation "${resource}.${operationName}"`, {
					itemIndex,
				});
			}
			// One session per item: n8n resolves credential expressions per item; it reads nothing until used.
			const result = await operation.execute.call(this, itemIndex, new ApiSession(this, itemIndex));
			output.push(...toItems(result, itemIndex));
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, itemIndex);
			output.push({ json: errorJson(error), pairedItem: { item: itemIndex } });
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

function errorJson(error: unknown): IDataObject {
	if (error && typeof error === 'object') {
		const { message, description, httpCode, context } = error as {
			message?: string;
			description?: string;
			httpCode?: string;
			context?: IDataObject;
		};
		return { error: message ?? String(error), description, httpCode, ...(context?.api ? { api: context.api } : {}) };
	}
	return { error: String(error) };
}
