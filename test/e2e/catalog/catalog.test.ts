import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { upsertCredential } from '../../../scripts/n8n/credential';
import { nodeDescription } from '../harness/package-types';
import type { CredentialRef } from '../harness/types';
import { useStack } from '../harness/use-stack';
import { evaluateOperation, type OperationReport } from './evaluate';
import { type CatalogFixture, createCatalogFixture } from './fixtures';
import { catalogOperations, needsBearer } from './operations';
import type { RecordedRequest } from './request-rules';
import { buildPhaseWorkflow } from './workflows';

/**
 * Every operation of the node, run in the real n8n through n8n's own request helpers against a
 * strict emulator, its requests checked against the endpoint table and contract §3 / §3.1.
 * Writes test/e2e/.artifacts/operations.json (one entry per operation).
 */

const ARTIFACT = path.resolve(__dirname, '..', '.artifacts', 'operations.json');

const stack = useStack({ emulator: { seed: 'empty', clockScale: 0, randomSeed: 'e2e-catalog' } });

describe('operation catalog in the real n8n', () => {
	let fixture: CatalogFixture;
	let bearer: CredentialRef;
	beforeAll(async () => {
		fixture = await createCatalogFixture(stack().emulator);
		const { emulator, client } = stack();
		bearer = await upsertCredential(client, 'VideoVector (catalog, bearer)', {
			authentication: 'bearerToken',
			bearerToken: emulator.bearerToken,
			baseUrl: emulator.baseUrl,
		});
	});

	it('executes every operation with requests the contract allows', async () => {
		const description = nodeDescription('videoVector');
		const operations = catalogOperations(description);
		const reports: OperationReport[] = [];
		for (const phase of [1, 2, 3] as const) {
			const mine = operations.filter((op) => op.phase === phase);
			if (!mine.length) continue;
			const workflow = buildPhaseWorkflow(phase, mine, {
				packageName: stack().packageName,
				description,
				fixture,
				origin: stack().emulator.origin,
				bearerCredential: bearer,
				needsBearer,
				onError: 'continueRegularOutput',
			});
			const saved = await stack().importWorkflow(workflow.json);
			stack().emulator.control.requests.clear();
			const execution = await stack().runManually(saved);
			const requests = stack().emulator.control.requests.list() as unknown as RecordedRequest[];
			for (const op of mine) reports.push(evaluateOperation(op, execution, requests, workflow.unfilled.get(op.id)));
		}
		mkdirSync(path.dirname(ARTIFACT), { recursive: true });
		writeFileSync(ARTIFACT, `${JSON.stringify(reports, null, 2)}\n`);

		expect(reports.map((r) => `${r.resource}.${r.operation}`)).toEqual(operations.map((op) => op.id));
		const failing = reports.filter((r) => !r.executed || !r.ok).map((r) => `${r.resource}.${r.operation}: ${r.problems.join(' | ')}`);
		expect(failing).toEqual([]);
	});
});
