import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { consoleLog, silentLog } from '../../../tools/n8n/log';
import { Browser } from '../browser/browser';
import { ensureChromium } from '../browser/chromium-install';
import { openWorkflow, signIn } from '../browser/n8n-editor';
import { AT_REST, type Page } from '../browser/page';
import { nodeOutput } from '../harness/executions';
import type { Stack } from '../harness/stack';
import { useStack } from '../harness/use-stack';
import { EXAMPLES, readExample } from '../../../tools/examples/catalog';
import { settingOf } from '../../../tools/examples/prepare';
import { subscriptionCount } from './support/checks';
import { exportIndex } from '../../../tools/examples/emulator';
import {
	ARCHIVE_PATH,
	type ExampleEnvironment,
	installExampleEnvironment,
} from '../../../tools/examples/example-environment';
import { callToolLikeTheAgent } from './support/tool-path';
import { CLOCK_SCALE, PATIENT_WEBHOOK_RETRIES } from './support/use-example-stack';
import { screenshotDir } from '../browser/screenshot-dir';
import { WAIT_MS } from '../harness/patience';

/**
 * The examples exactly as `npm start` sets them up (installExampleEnvironment, against the emulator
 * with its demo data): installing twice updates in place, every example runs through the sinks and
 * receiver the environment started, and the README's screenshots are taken of the imported
 * workflows in headless Chromium.
 */

const stack = useStack({
	emulator: { clockScale: CLOCK_SCALE, config: { webhooks: PATIENT_WEBHOOK_RETRIES } },
});
const SCREENSHOTS = screenshotDir();
let stateDir: string;
let environment: ExampleEnvironment | undefined;
let browser: Browser | undefined;
let chromium: string;
let page: Page;

function install(target: Stack): Promise<ExampleEnvironment> {
	const credential = target.credential;
	if (!credential) throw new Error('the stack has no VideoVector credential');
	return installExampleEnvironment({
		client: target.client,
		n8nOrigin: target.origin,
		videoVectorCredential: credential,
		api: target.emulator,
		isEmulator: true,
		stateDir,
		log: silentLog,
		// Ephemeral ports, so a running `npm start` on the default ones does not matter.
		ports: { smtp: 0, slack: 0, downstream: 0, receiver: 0 },
	});
}

/**
 * The canvas nodes (name, position, opacity) once all `count` are drawn and at rest: fully opaque
 * and visible, no CSS transition or animation under way in the canvas (see AT_REST), and the
 * viewport and node boxes unchanged over two animation frames (script-driven motion moves them
 * every frame). The editor fades nodes in and fits the view after loading.
 */
async function canvasSettled(target: Page, count: number): Promise<string> {
	return target.waitFor<string>(
		`(async () => {
			const canvas = document.querySelector('.vue-flow');
			if (!canvas || !${AT_REST}(canvas, true)) return null;
			const drawn = () => [...document.querySelectorAll('[data-test-id="canvas-node"]')].map((el) => {
				const box = el.getBoundingClientRect();
				let opacity = 1;
				for (let at = el; at; at = at.parentElement) opacity *= Number(getComputedStyle(at).opacity);
				const shown = getComputedStyle(el).visibility === 'visible';
				return [el.dataset.nodeName, Math.round(box.x), Math.round(box.y), shown ? opacity : 0];
			});
			const viewport = () =>
				document.querySelector('.vue-flow__transformationpane')?.style.transform ?? '';
			const before = JSON.stringify([viewport(), drawn()]);
			await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
			const nodes = drawn();
			if (JSON.stringify([viewport(), nodes]) !== before || !${AT_REST}(canvas, true)) return null;
			return nodes.length === ${count} && nodes.every((node) => node[3] === 1)
				? JSON.stringify(nodes)
				: null;
		})()`,
		`the canvas to show ${count} nodes at rest`,
	);
}

function workflowOf(key: keyof typeof EXAMPLES) {
	const example = environment?.examples.find((candidate) => candidate.key === key);
	if (!example) throw new Error(`example ${key} was not installed`);
	return example.workflow;
}

beforeAll(async () => {
	stateDir = mkdtempSync(path.join(tmpdir(), 'vv-example-state-'));
	mkdirSync(SCREENSHOTS, { recursive: true });
	// In the hook (its bound covers a first-time apt-get install of minutes), not in the test's own time.
	chromium = await ensureChromium(consoleLog);
});

afterAll(async () => {
	await browser?.close();
	await environment?.close();
	rmSync(stateDir, { recursive: true, force: true });
});

describe('the examples as npm start installs them', () => {
	it('imports all five with their credentials and settings, and updates them in place on the next start', async () => {
		const first = await install(stack());
		await first.close();
		expect(first.examples.map((example) => [example.key, example.outcome])).toEqual(
			Object.keys(EXAMPLES).map((key) => [key, 'created']),
		);
		environment = await install(stack());
		expect(environment.examples.map((example) => example.outcome)).toEqual(
			Array(5).fill('updated'),
		);
		expect(environment.examples.map((example) => example.workflow.id)).toEqual(
			first.examples.map((example) => example.workflow.id),
		);
		expect(environment.summary().join('\n')).toContain(
			environment.sinks.downstream.url('/_sink/mail'),
		);
		const settings = workflowOf('runAlert').nodes.find((node) => node.name === 'Settings');
		expect(JSON.stringify(settings?.parameters)).toContain(environment.sinks.slack.webhookUrl);
	});

	it('shows each example in the editor, for the README screenshots', async () => {
		browser = await Browser.launch(chromium);
		page = await browser.newPage({ width: 1600, height: 900 });
		await signIn(page, stack().origin, stack().client.cookie);
		for (const [key, file] of Object.entries(EXAMPLES) as Array<[keyof typeof EXAMPLES, string]>) {
			const workflow = workflowOf(key);
			const names = readExample(key).nodes.map((node) => node.name);
			await openWorkflow(page, stack().origin, workflow.id, names[0] as string);
			const drawn = JSON.parse(await canvasSettled(page, names.length)) as Array<
				[string, number, number, number]
			>;
			expect(drawn.map(([name]) => name).sort()).toEqual([...names].sort());
			const shot = path.join(SCREENSHOTS, `examples-${file.replace(/\.json$/, '.png')}`);
			await page.screenshot(shot);
		}
		// Five editor loads, each waiting for the canvas to settle: minutes when the renderer is starved.
	}, 600_000);

	it('runs every example against the emulator’s demo data through the environment’s sinks and receiver', async () => {
		const env = environment as ExampleEnvironment;
		for (const key of ['runAlert', 'exportArchive', 'repairSegments'] as const)
			await stack().publish(workflowOf(key).id);
		// Example 1's own subscription and the receiver's (example 4 reads the event stream).
		await subscriptionCount(stack(), 2);
		const indexId = String(settingOf(workflowOf('scheduledImport'), 'indexId'));
		expect(indexId).toMatch(/^idx_/);

		// Example 2 imports into the demo index and runs the demo prompt; example 1 reports that run.
		const imported = await stack().runManually(workflowOf('scheduledImport'), 'Every hour');
		const [summary] = nodeOutput(imported, 'Summary');
		expect(summary).toMatchObject({
			files_imported: 4,
			media_processed: expect.any(Number),
			run_status: expect.stringMatching(/^completed/),
		});
		const [slack] = await env.sinks.slack.waitForMessages(1, WAIT_MS);
		const [mail] = await env.sinks.smtp.waitForMessages(1, WAIT_MS);
		expect(slack?.text).toContain(`Prompt run ${String(summary?.run_id)} `);
		expect(mail?.subject).toContain(`Prompt run ${String(summary?.run_id)} `);

		// Example 3 gets the export through the receiver the environment started.
		const exportId = await exportIndex(stack().emulator, indexId);
		const [archived] = await env.sinks.downstream.waitForRequests(
			1,
			{ method: 'POST', path: ARCHIVE_PATH },
			WAIT_MS,
		);
		expect(archived?.headers['x-videovector-export-id']).toBe(exportId);

		// Example 5's tool lists the demo index.
		const { response } = await callToolLikeTheAgent(stack(), workflowOf('agentSearch'), {
			trigger: {
				name: 'When chat message received',
				json: { sessionId: 'readme', action: 'sendMessage', chatInput: 'Which indexes are there?' },
			},
			toolNode: 'List indexes',
			args: {},
		});
		expect((response as Array<{ index_id: string }>).map((index) => index.index_id)).toContain(
			indexId,
		);
	});
});
