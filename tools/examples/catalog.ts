import { readFileSync } from 'node:fs';
import path from 'node:path';

import { PROJECT_ROOT } from '../n8n/paths';
import type { WorkflowJson } from '../n8n/workflow-types';

/** The ready-made workflows in examples/, one per job users bring (see examples/README.md). */
export const EXAMPLES = {
	runAlert: '01-run-finished-alert.json',
	scheduledImport: '02-scheduled-import.json',
	exportArchive: '03-export-to-archive.json',
	repairSegments: '04-repair-failed-segments.json',
	agentSearch: '05-agent-video-search.json',
} as const;

export type ExampleKey = keyof typeof EXAMPLES;

export const EXAMPLE_KEYS = Object.keys(EXAMPLES) as ExampleKey[];

export const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'examples');

/** The example exactly as a user imports it from the file. */
export function readExample(key: ExampleKey): WorkflowJson {
	return JSON.parse(readFileSync(path.join(EXAMPLES_DIR, EXAMPLES[key]), 'utf8')) as WorkflowJson;
}
