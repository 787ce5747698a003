import type { INodeTypeDescription } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../../tools/n8n/credential';

import type { CredentialRef, WorkflowJson, WorkflowNode } from '../../../tools/n8n/workflow-types';
import type { CatalogFixture } from './fixtures';
import type { CatalogOperation } from './operations';
import { fillParameters } from './parameters';

export const TRIGGER = 'Start';
/** Gives every phase-1 node one input item with a binary `data` (the media's bytes), for the uploads and image searches. */
export const BINARY_SOURCE = 'Binary source';

export interface CatalogWorkflow {
	json: WorkflowJson;
	/** Operations whose required parameters the catalog could not fill (reported, not run). */
	unfilled: Map<string, string[]>;
}

export interface BuildOptions {
	packageName: string;
	description: INodeTypeDescription;
	fixture: CatalogFixture;
	origin: string;
	bearerCredential: CredentialRef;
	needsBearer: (op: CatalogOperation) => boolean;
	onError: 'continueRegularOutput' | 'continueErrorOutput';
}

function version(description: INodeTypeDescription): number {
	return Array.isArray(description.version)
		? Math.max(...description.version)
		: description.version;
}

/**
 * One workflow per phase: the Manual Trigger fans out to one node per operation (n8n's v1 order
 * runs the branches one after another, top to bottom), each node continuing on error so one
 * failing operation never hides the others.
 */
export function buildPhaseWorkflow(
	phase: number,
	operations: CatalogOperation[],
	options: BuildOptions,
): CatalogWorkflow {
	const type = `${options.packageName}.${options.description.name}`;
	const typeVersion = version(options.description);
	const nodes: WorkflowNode[] = [
		{
			name: TRIGGER,
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: Record<string, unknown> = {};
	const unfilled = new Map<string, string[]>();
	let parent = TRIGGER;
	if (phase === 1) {
		nodes.push({
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
		});
		connections[TRIGGER] = { main: [[{ node: BINARY_SOURCE, type: 'main', index: 0 }]] };
		parent = BINARY_SOURCE;
	}
	const children: Array<{ node: string; type: 'main'; index: 0 }> = [];
	operations.forEach((op, i) => {
		const { parameters, missing } = fillParameters(
			options.description,
			op,
			options.fixture,
			options.origin,
		);
		if (missing.length) unfilled.set(op.id, missing);
		nodes.push({
			name: op.id,
			type,
			typeVersion,
			position: [500, i * 120],
			parameters,
			onError: options.onError,
			...(options.needsBearer(op)
				? { credentials: { [CREDENTIAL_TYPE]: options.bearerCredential } }
				: {}),
		});
		children.push({ node: op.id, type: 'main', index: 0 });
	});
	connections[parent] = { main: [children] };
	return {
		json: {
			name: `Operation catalog, phase ${phase}`,
			nodes,
			connections,
			settings: { executionOrder: 'v1' },
		},
		unfilled,
	};
}
