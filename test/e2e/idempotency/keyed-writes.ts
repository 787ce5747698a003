import type { INodeTypeDescription } from 'n8n-workflow';

import { ENDPOINTS, type EndpointKey } from '../../../shared/contract/endpoints';
import { RESOURCES } from '../../../nodes/VideoVector/actions/resources';
import { CREDENTIAL_TYPE } from '../../../tools/n8n/credential';
import type { CredentialRef, WorkflowJson, WorkflowNode } from '../../../tools/n8n/workflow-types';
import { fillParameters } from '../catalog/parameters';
import type { CatalogFixture } from '../catalog/fixtures';

/** A write the API de-duplicates by Idempotency-Key, and the node operation that sends it. */
export interface KeyedWrite {
	endpoint: EndpointKey;
	resource: string;
	operation: string;
	/** The endpoint's path under /api/v2 as a fault glob (`{id}` → `*`). */
	glob: string;
	/** Matches the path the emulator records. */
	pattern: RegExp;
}

/** The first operation (in Resource order) whose first endpoint is `endpoint`: found by endpoint, so a renamed operation is still found. */
export function operationFor(endpoint: EndpointKey): KeyedWrite {
	for (const resource of RESOURCES)
		for (const operation of resource.operations)
			if (operation.endpoints[0] === endpoint) {
				const path = ENDPOINTS[endpoint].path;
				return {
					endpoint,
					resource: resource.value,
					operation: operation.value,
					glob: path.replace(/\{[^}]+\}/g, '*'),
					pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
				};
			}
	throw new Error(`no operation of the node sends ${endpoint} first`);
}

/** Node name of a write in the workflows below. */
export const nodeName = (write: KeyedWrite): string => `${write.resource}.${write.operation}`;

export interface WritesWorkflowOptions {
	name: string;
	packageName: string;
	description: INodeTypeDescription;
	fixture: CatalogFixture;
	origin: string;
	credential: CredentialRef;
	/** n8n's node settings for the write nodes (Retry On Fail and such). */
	settings?: Record<string, unknown>;
}

const BINARY_SOURCE = 'Binary source';

/**
 * Manual Trigger → Media → Download (the binary an upload sends) → one node per write, fanned out
 * (n8n's v1 order runs them one after another). Node ids are fixed, so the same template imported
 * into two n8n instances has the same node ids: only the instance and workflow can tell them apart.
 */
export function writesWorkflow(writes: KeyedWrite[], options: WritesWorkflowOptions): WorkflowJson {
	const type = `${options.packageName}.${options.description.name}`;
	const typeVersion = Array.isArray(options.description.version)
		? Math.max(...options.description.version)
		: options.description.version;
	const credentials = { [CREDENTIAL_TYPE]: options.credential };
	const nodes: WorkflowNode[] = [
		{
			id: '00000000-0000-4000-8000-000000000001',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: '00000000-0000-4000-8000-000000000002',
			name: BINARY_SOURCE,
			type,
			typeVersion,
			position: [200, 0],
			parameters: {
				resource: 'media',
				operation: 'download',
				videoId: { __rl: true, mode: 'id', value: options.fixture.videoId },
				binaryPropertyName: 'data',
			},
			credentials,
		},
	];
	writes.forEach((write, i) => {
		const { parameters, missing } = fillParameters(
			options.description,
			{ resource: write.resource, operation: write.operation, id: nodeName(write), phase: 1 },
			options.fixture,
			options.origin,
		);
		if (missing.length) throw new Error(`${nodeName(write)}: no value for ${missing.join(', ')}`);
		nodes.push({
			id: `00000000-0000-4000-8000-${String(100 + i).padStart(12, '0')}`,
			name: nodeName(write),
			type,
			typeVersion,
			position: [500, i * 120],
			parameters,
			credentials,
			...options.settings,
		});
	});
	return {
		name: options.name,
		nodes,
		connections: {
			Start: { main: [[{ node: BINARY_SOURCE, type: 'main', index: 0 }]] },
			[BINARY_SOURCE]: {
				main: [writes.map((write) => ({ node: nodeName(write), type: 'main', index: 0 }))],
			},
		},
		settings: { executionOrder: 'v1' },
	};
}
