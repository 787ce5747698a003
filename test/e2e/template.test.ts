import { describe, expect, it } from 'vitest';

import { attachCredential, fillTemplate } from './harness/template';
import type { WorkflowJson } from '../../tools/n8n/workflow-types';

const workflow: WorkflowJson = {
	name: 'wf @{suffix}',
	nodes: [
		{
			name: 'Ours',
			type: '@{package}.videoVector',
			typeVersion: 1,
			position: [0, 0],
			parameters: { expr: '={{ $json.a }}' },
		},
		{
			name: 'Named',
			type: '@{package}.videoVector',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			credentials: { n8nNodesVideoVectorApi: { id: '@{otherId}', name: 'other' } },
		},
		{ name: 'Core', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
	],
	connections: {},
};

describe('workflow templates', () => {
	it('fills @{…} everywhere and leaves n8n expressions alone', () => {
		const filled = fillTemplate(workflow, { package: 'pkg', suffix: '1', otherId: 'c2' });
		expect(filled.name).toBe('wf 1');
		expect(filled.nodes[0]).toMatchObject({
			type: 'pkg.videoVector',
			parameters: { expr: '={{ $json.a }}' },
		});
		expect(filled.nodes[1]?.credentials).toEqual({
			n8nNodesVideoVectorApi: { id: 'c2', name: 'other' },
		});
	});

	it('rejects an unknown placeholder', () => {
		expect(() => fillTemplate(workflow, { package: 'pkg' })).toThrow(/@\{suffix\}/);
	});

	it('gives only our credential-less nodes the stack credential', () => {
		const filled = fillTemplate(workflow, { package: 'pkg', suffix: '1', otherId: 'c2' });
		const attached = attachCredential(filled, 'pkg', 'n8nNodesVideoVectorApi', {
			id: 'c1',
			name: 'mine',
		});
		expect(attached.nodes.map((node) => node.credentials?.n8nNodesVideoVectorApi?.id)).toEqual([
			'c1',
			'c2',
			undefined,
		]);
	});
});
