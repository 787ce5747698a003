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

/** One list the editor would load for the node: a locator's "From List" or a multi-select's options. */
interface EditorList {
	/** Where the editor's call goes: resource locators and dropdowns have their own endpoints. */
	endpoint: 'resource-locator-results' | 'options';
	/** Parameter path below `parameters`, e.g. `videoId` or `options.runIds`. */
	path: string;
	method: string;
	label: string;
	current: INodeParameters;
}

function editorLists(visible: INodeProperties[], parameters: INodeParameters): EditorList[] {
	const lists: EditorList[] = [];
	for (const property of visible) {
		const method = property.type === 'resourceLocator' ? listSearchMethod(property) : undefined;
		if (!method) continue;
		lists.push({
			endpoint: 'resource-locator-results',
			path: property.name,
			method,
			label: property.name,
			current: { ...parameters, [property.name]: { __rl: true, mode: 'list', value: '' } },
		});
	}
	for (const { path, property, method } of loadedMultiSelects(visible)) {
		// The webhook events list is covered by the webhook tests; here the ID lists.
		if (method === 'getWebhookEventTypes') continue;
		lists.push({
			endpoint: 'options',
			path,
			method,
			label: `${property.name} (multi-select)`,
			current: parameters,
		});
	}
	return lists;
}

/** The listed IDs: a locator answers `{ results: [...] }`, a dropdown a plain array. */
function listedIds(body: unknown): string[] {
	const data = (body as { data?: unknown } | undefined)?.data;
	const entries = Array.isArray(data) ? data : ((data as { results?: unknown[] })?.results ?? []);
	return (entries as Array<{ value: unknown }>).map((entry) => String(entry.value));
}

/**
 * Opens every "From List" picker and every multi-select loaded from the API of one operation the
 * way the editor does (`POST /rest/dynamic-node-parameters/resource-locator-results` and
 * `…/options`), with the operation's other parameters filled as in the catalog run.
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
	const visibleNames = visible
		.map((p) => p.name)
		.sort()
		.join(',');
	for (const list of editorLists(visible, parameters)) {
		const shape = `${list.method}|${list.path}|${visibleNames}`;
		if (seen.has(shape)) continue;
		seen.add(shape);
		const res = await stack.client.raw('POST', `/rest/dynamic-node-parameters/${list.endpoint}`, {
			body: {
				path: `parameters.${list.path}`,
				nodeTypeAndVersion: {
					name: `${stack.packageName}.${description.name}`,
					version: Array.isArray(description.version)
						? Math.max(...description.version)
						: description.version,
				},
				methodName: list.method,
				currentNodeParameters: list.current,
				credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
			},
		});
		const ids = listedIds(res.body);
		const problem =
			res.status !== 200
				? `HTTP ${res.status}: ${res.text.slice(0, 200)}`
				: ids.length === 0
					? 'the list is empty'
					: undefined;
		const index = parameters.indexId as { value?: string } | undefined;
		results.push({
			picker: `${op.id} → ${list.label}`,
			status: res.status,
			ids,
			...(index?.value ? { indexId: index.value } : {}),
			...(problem ? { problem } : {}),
		});
	}
	return results;
}
