import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { consoleLog } from '../../tools/n8n/log';
import { PROJECT_ROOT } from '../../tools/n8n/paths';
import { Browser } from './browser/browser';
import { ensureChromium } from './browser/chromium-install';
import {
	canvasNodeType,
	closePanels,
	executeStepInNdv,
	ndvText,
	waitForNdvText,
	openCredentialDialog,
	openNodeActions,
	openNodeDetails,
	openWorkflow,
	searchNodePanel,
	shownParameterNames,
	signIn,
} from './browser/n8n-editor';
import type { Page } from './browser/page';
import { resourceActions, visibleParameters } from './harness/node-description';
import { nodeDescription } from './harness/package-types';
import type { Workflow, WorkflowJson } from '../../tools/n8n/workflow-types';
import { useStack } from './harness/use-stack';
import { loadWorkflowFixture } from './harness/workflows';
import { screenshotDir } from './browser/screenshot-dir';

const SCREENSHOTS = screenshotDir();
const FAILURES = path.join(PROJECT_ROOT, 'test', 'e2e', '.artifacts');
const NODE_NAME = 'List indexes';

const stack = useStack();

const EXECUTE = 'Execute a prompt run';
const INDEX_NAME = 'Customer interviews';
const FILTER = 'Filter by metadata';
const WEBHOOK_TRIGGER = 'VideoVector Trigger';
const STREAM_TRIGGER = 'VideoVector Event Stream Trigger';

/** The panels README shows, each with a text it must show besides its parameters' names. */
const PANELS = [
	{ node: EXECUTE, type: 'videoVector', file: 'prompt-run-execute.png', shows: ['Prompt'] },
	{
		node: FILTER,
		type: 'videoVector',
		file: 'search-filter.png',
		shows: ['Field', 'Operator', 'Value'],
	},
	{
		node: WEBHOOK_TRIGGER,
		type: 'videoVectorTrigger',
		file: 'trigger-webhook.png',
		shows: ['Trigger On'],
	},
	{
		node: STREAM_TRIGGER,
		type: 'videoVectorSseTrigger',
		file: 'trigger-event-stream.png',
		shows: ['Listen for test event'],
	},
] as const;

/** One workflow holding the panels README shows, set up as a user would, against seeded data. */
function panelsWorkflow(seeded: {
	index_id: unknown;
	prompt_id: unknown;
	run_id: unknown;
	prompt_name: string;
}): WorkflowJson {
	const id = (n: number) => `5c5e0000-0000-4000-8000-00000000000${n}`;
	// As the editor stores a pick from the list: with the name it showed.
	const rl = (value: unknown, cachedResultName: string) => ({
		__rl: true,
		mode: 'list',
		value: String(value),
		cachedResultName,
	});
	const node = (n: number, name: string, type: string, parameters: Record<string, unknown>) => ({
		id: id(n),
		name,
		type: `@{package}.${type}`,
		typeVersion: 1,
		position: [240 * n, n % 2 === 0 ? 0 : 200] as [number, number],
		parameters,
	});
	return {
		name: 'e2e: README panels',
		nodes: [
			node(1, WEBHOOK_TRIGGER, 'videoVectorTrigger', {
				events: ['prompt_run.completed', 'prompt_run.failed'],
			}),
			node(2, STREAM_TRIGGER, 'videoVectorSseTrigger', {
				events: ['prompt_run.completed', 'prompt_run.failed'],
			}),
			node(3, EXECUTE, 'videoVector', {
				resource: 'promptRun',
				operation: 'execute',
				promptId: rl(seeded.prompt_id, String(seeded.prompt_name)),
				indexId: rl(seeded.index_id, INDEX_NAME),
			}),
			node(4, FILTER, 'videoVector', {
				resource: 'search',
				operation: 'filter',
				indexId: rl(seeded.index_id, INDEX_NAME),
				conditions: {
					condition: [
						{ field: 'speaker.role', type: 'string', operator: 'equals', value: 'customer' },
						{ field: 'sentiment.score', type: 'number', operator: 'greater_equal', value: '0.6' },
					],
				},
				runIds: [String(seeded.run_id)],
			}),
		],
		connections: {
			[WEBHOOK_TRIGGER]: { main: [[{ node: EXECUTE, type: 'main', index: 0 }]] },
			[STREAM_TRIGGER]: { main: [[{ node: FILTER, type: 'main', index: 0 }]] },
		},
	};
}
let browser: Browser | undefined;
let page: Page;
let workflow: Workflow;

function shot(file: string): Promise<void> {
	return page.screenshot(path.join(SCREENSHOTS, file));
}

beforeAll(async () => {
	mkdirSync(SCREENSHOTS, { recursive: true });
	browser = await Browser.launch(await ensureChromium(consoleLog));
	page = await browser.newPage();
	await signIn(page, stack().origin, stack().client.cookie);
	workflow = await stack().importWorkflow(loadWorkflowFixture('index-list.manual.json'));
});

// A failing step leaves a picture of what the editor showed, next to n8n's log tail.
beforeEach(({ task, onTestFailed }) => {
	onTestFailed(async () => {
		mkdirSync(FAILURES, { recursive: true });
		const file = path.join(FAILURES, `failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}.png`);
		await page.screenshot(file).catch(() => undefined);
		process.stderr.write(`screenshot of the failure: ${file}\n`);
	});
});

afterAll(async () => {
	await browser?.close();
});

describe('n8n editor in headless Chromium', () => {
	it('draws the VideoVector node on the canvas under the package type', async () => {
		await openWorkflow(page, stack().origin, workflow.id, NODE_NAME);
		expect(await canvasNodeType(page, NODE_NAME)).toBe(stack().nodeType('videoVector'));
		await shot('editor-canvas.png');
	});

	it('lists the node in the node panel search, with the actions of its index resource', async () => {
		const description = nodeDescription('videoVector');
		const names = await searchNodePanel(page, 'VideoVector', description.displayName);
		expect(names).toContain(description.displayName);
		await shot('node-panel-search.png');

		const actions = await openNodeActions(page, description.displayName);
		const expected = resourceActions(description, 'index');
		expect(expected.length).toBeGreaterThan(0);
		for (const action of expected) expect(actions).toContain(action);
		await shot('node-panel-actions.png');
		await closePanels(page);
	});

	it('renders the parameters of index → list and runs the step against the emulator', async () => {
		const node = workflow.nodes.find((candidate) => candidate.name === NODE_NAME);
		if (!node) throw new Error(`fixture has no node ${NODE_NAME}`);
		const expected = visibleParameters(nodeDescription('videoVector'), node.parameters as never);

		await openNodeDetails(page, NODE_NAME);
		// Plain inputs carry a per-parameter test id; an Options/Filters collection renders as a
		// titled group without one, so it is found by its title in the text check below.
		const inputs = expected.filter(
			(property) => property.type !== 'collection' && property.type !== 'fixedCollection',
		);
		// The options set inside a collection (Options → Include Defaults) show as inputs of their own.
		const setInCollections = expected
			.filter((property) => property.type === 'collection')
			.flatMap((property) => Object.keys((node.parameters[property.name] as object) ?? {}));
		const setLabels = expected
			.flatMap((property) => (property.type === 'collection' ? (property.options ?? []) : []))
			.filter((option) => setInCollections.includes(option.name))
			.map((option) => (option as { displayName: string }).displayName);
		// A collection's inputs render a moment after the panel: wait for their labels first.
		await waitForNdvText(page, setLabels);
		expect((await shownParameterNames(page)).sort()).toEqual(
			[...inputs.map((property) => property.name), ...setInCollections].sort(),
		);
		const text = await ndvText(page);
		for (const property of expected) expect(text).toContain(property.displayName);
		await shot('node-parameters.png');

		const items = await executeStepInNdv(page);
		const res = await fetch(`${stack().emulator.baseUrl}/indexes?include_defaults=true`, {
			headers: { 'x-api-key': stack().emulator.apiKey },
		});
		expect(items).toBe(((await res.json()) as unknown[]).length);
		await shot('node-output.png');
	});

	it('opens the credential, which tests its connection to the emulator successfully', async () => {
		expect(await openCredentialDialog(page)).toBe(true);
		await shot('credential-dialog.png');
		await closePanels(page);
	});
	it("shows Prompt Run → Execute, Search → Filter with its conditions and both triggers' panels", async () => {
		const seeded = stack().emulator.control.seed.index({
			media: 2,
			segmentsPerMedia: 2,
			name: INDEX_NAME,
		});
		const prompt = await fetch(`${stack().emulator.baseUrl}/prompts/${seeded.prompt_id}`, {
			headers: { 'x-api-key': stack().emulator.apiKey },
		});
		const promptName = ((await prompt.json()) as { name?: string }).name ?? 'Prompt';
		const panels = await stack().importWorkflow(
			panelsWorkflow({ ...seeded, prompt_name: promptName }),
		);
		await openWorkflow(page, stack().origin, panels.id, EXECUTE);
		for (const panel of PANELS) {
			const node = panels.nodes.find((candidate) => candidate.name === panel.node);
			if (!node) throw new Error(`panels workflow has no node ${panel.node}`);
			await openNodeDetails(page, panel.node);
			const type = nodeDescription(panel.type);
			// n8n renders the parameter that picks the credential (the trigger's Delivery) inside its
			// credential section, not as a parameter of its own.
			const credentialSwitches = new Set(
				(type.credentials ?? []).flatMap((credential) =>
					Object.keys(credential.displayOptions?.show ?? {}),
				),
			);
			const expected = visibleParameters(type, node.parameters as never).filter(
				(property) =>
					property.type !== 'notice' &&
					property.type !== 'hidden' &&
					!credentialSwitches.has(property.name),
			);
			expect(expected.length, panel.node).toBeGreaterThan(1);
			// Throws, naming what is missing, when a parameter or a row of the panel never shows.
			await waitForNdvText(page, [
				...expected.map((property) => property.displayName),
				...panel.shows,
			]);
			await shot(panel.file);
			await closePanels(page);
		}
	});
});
