import type { N8nClient } from '../../../../tools/n8n/n8n-client';
import type { Workflow } from '../../../../tools/n8n/workflow-types';
import { createWorkflow } from '../../harness/workflows';
import { type ExampleKey, readExample } from '../../../../tools/examples/catalog';
import { type ExampleSetup, prepareExample } from '../../../../tools/examples/prepare';

/** Reads the example file, configures it for this instance and saves it (unpublished). */
export async function installExample(
	client: N8nClient,
	key: ExampleKey,
	setup: ExampleSetup,
): Promise<Workflow> {
	return createWorkflow(client, prepareExample(readExample(key), setup));
}
