import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { EndpointKey } from '../../../shared/contract/endpoints';
import type { ApiSession } from '../../../shared/n8n/api-session';

/** Ready-made output items, for operations that return binary data alongside the JSON. */
export class ItemsResult {
	constructor(readonly items: INodeExecutionData[]) {}
}

/** What one operation returns: plain JSON (one item or many) or ready-made items. */
export type OperationResult = IDataObject | IDataObject[] | ItemsResult;

/**
 * One operation of one resource: its option in the Operation dropdown, its parameters and its
 * execution, kept in one file. Parameters are written without show-rules; `defineResource` scopes
 * them to the resource and operation once.
 */
export interface OperationDefinition {
	value: string;
	name: string;
	/** Sentence shown in the node panel and read by AI agents choosing a tool, e.g. "List indexes". */
	action: string;
	description: string;
	/** The API endpoints it calls (`resource.operation` keys of the contract's endpoint table). */
	endpoints: readonly EndpointKey[];
	properties: INodeProperties[];
	/**
	 * Runs the operation for one item. `session` is the item's line to the API (credential read once,
	 * one client): every request of the operation, polls of a wait included, goes through it.
	 */
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		session: ApiSession<IExecuteFunctions>,
	): Promise<OperationResult>;
}

export function defineOperation(definition: OperationDefinition): OperationDefinition {
	return definition;
}
