import type { INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../../tools/n8n/credential';
import { visibleParameters } from '../harness/node-description';
import type { Stack } from '../harness/stack';
import type { CredentialRef } from '../../../tools/n8n/workflow-types';
import type { CatalogFixture } from './fixtures';
import type { CatalogOperation } from './operations';
import { fillParameters } from './parameters';

export interface PickerResult {
	picker: string;
	status: number;
	ids: string[];
	/** The index the operation has chosen when the picker opened, if it has an Index field. */
	indexId?: string;
	problem?: string;
}

/** Multi-selects loaded from the API: top-level, or inside a collection (Options, Filters, Scope). */
function loadedMultiSelects(
	visible: INodeProperties[],
): Array<{ path: string; property: INodeProperties; method: string }> {
	const found: Array<{ path: string; property: INodeProperties; method: string }> = [];
	const visit = (property: INodeProperties, path: string) => {
		const method = property.typeOptions?.loadOptionsMethod;
		if (property.type === 'multiOptions' && typeof method === 'string')
			found.push({ path, property, method });
		if (property.type === 'collection')
			for (const nested of (property.options ?? []) as INodeProperties[])
				if ('type' in nested) visit(nested, `${path}.${nested.name}`);
	};
	for (const property of visible) visit(property, property.name);
	return found;
}

function listSearchMethod(property: INodeProperties): string | undefined {
	const mode = property.modes?.find((m) => m.name === 'list');
	return mode?.typeOptions?.searchListMethod;
}

/**
 * Opens every "From List" picker of one operation the way the editor does
 * (`POST /rest/dynamic-node-parameters/resource-locator-results`), with the operation's other
 * parameters filled as in the catalog run.
 */
export async function openPickers(
	stack: Stack,
	description: INodeTypeDescription,
	op: CatalogOperation,
	fixture: CatalogFixture,
	credential: CredentialRef,
	/** Shapes already opened: the same list method with the same visible parameters answers the same way. */
	seen: Set<string>,
): Promise<PickerResult[]> {
	const { parameters } = fillParameters(description, op, fixture, stack.emulator.origin);
	const results: PickerResult[] = [];
	const visible = visibleParameters(description, parameters);
	for (const property of visible) {
		if (property.type !== 'resourceLocator') continue;
		const methodName = listSearchMethod(property);
		if (!methodName) continue;
		const shape = `${methodName}|${property.name}|${visible
			.map((p) => p.name)
			.sort()
			.join(',')}`;
		if (seen.has(shape)) continue;
		seen.add(shape);
		const current: INodeParameters = {
			...parameters,
			[property.name]: { __rl: true, mode: 'list', value: '' },
		};
		const res = await stack.client.raw(
			'POST',
			'/rest/dynamic-node-parameters/resource-locator-results',
			{
				body: {
					path: `parameters.${property.name}`,
					nodeTypeAndVersion: {
						name: `${stack.packageName}.${description.name}`,
						version: Array.isArray(description.version)
							? Math.max(...description.version)
							: description.version,
					},
					methodName,
					currentNodeParameters: current,
					credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
				},
			},
		);
		const data = (res.body as { data?: { results?: Array<{ value: string }> } } | undefined)?.data;
		const ids = (data?.results ?? []).map((r) => String(r.value));
		const picker = `${op.id} → ${property.name}`;
		const problem =
			res.status !== 200
				? `HTTP ${res.status}: ${res.text.slice(0, 200)}`
				: ids.length === 0
					? 'the list is empty'
					: undefined;
		const index = parameters.indexId as { value?: string } | undefined;
		results.push({
			picker,
			status: res.status,
			ids,
			...(index?.value ? { indexId: index.value } : {}),
			...(problem ? { problem } : {}),
		});
	}
	for (const { path, property, method } of loadedMultiSelects(visible)) {
		// The webhook events list is covered by the webhook tests; here the ID lists.
		if (method === 'getWebhookEventTypes') continue;
		const shape = `${method}|${path}|${visible
			.map((p) => p.name)
			.sort()
			.join(',')}`;
		if (seen.has(shape)) continue;
		seen.add(shape);
		const res = await stack.client.raw('POST', '/rest/dynamic-node-parameters/options', {
			body: {
				path: `parameters.${path}`,
				nodeTypeAndVersion: {
					name: `${stack.packageName}.${description.name}`,
					version: Array.isArray(description.version)
						? Math.max(...description.version)
						: description.version,
				},
				methodName: method,
				currentNodeParameters: parameters,
				credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
			},
		});
		const data = (res.body as { data?: Array<{ value: string }> } | undefined)?.data;
		const ids = (Array.isArray(data) ? data : []).map((r) => String(r.value));
		const problem =
			res.status !== 200
				? `HTTP ${res.status}: ${res.text.slice(0, 200)}`
				: ids.length === 0
					? 'the list is empty'
					: undefined;
		const index = parameters.indexId as { value?: string } | undefined;
		results.push({
			picker: `${op.id} → ${property.name} (multi-select)`,
			status: res.status,
			ids,
			...(index?.value ? { indexId: index.value } : {}),
			...(problem ? { problem } : {}),
		});
	}
	return results;
}
