import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { CREDENTIAL_TYPE, type StoredCredential } from '../n8n/credential';
import { isPortTaken } from '../n8n/free-port';
import type { Log } from '../n8n/log';
import type { N8nClient } from '../n8n/n8n-client';
import { createApiKey } from '../n8n/owner';
import { type LocalSinks, startLocalSinks } from '../sinks/local-sinks';
import type { Workflow, WorkflowJson } from '../n8n/workflow-types';
import { type ApiTarget, callApi } from './api';
import { EXAMPLE_KEYS, type ExampleKey, readExample } from './catalog';
import {
	RECEIVER_CREDENTIAL_TYPE,
	receiverCredential,
	SMTP_CREDENTIAL_TYPE,
	saveCredential,
	smtpCredential,
} from './credentials';
import { createConnector } from './emulator';
import { type ExampleSetup, prepareExample } from './prepare';
import { linkReceiver, newReceiverSecret, type ReceiverLink } from './receiver';

/**
 * Everything the examples need next to n8n, set up the way `npm start` offers it: the local SMTP,
 * Slack and archive sinks, the SMTP and receiver credentials, all five workflows imported
 * (unpublished) with their Settings pointing at the sinks, and — against the emulator — a webhook
 * receiver subscribed for example 3 plus a bucket connector, index and prompt for example 2.
 */

export interface ExampleEnvironmentOptions {
	/** Signed in as the owner. An API key is created on it if it has none. */
	client: N8nClient;
	/** n8n's public origin (trigger URLs are built from it). */
	n8nOrigin: string;
	videoVectorCredential: StoredCredential;
	api: ApiTarget;
	/** The API is the local emulator: it may be given sample data and delivers to 127.0.0.1. */
	isEmulator: boolean;
	/** Where the receiver keeps its queue (survives restarts of `npm start`). */
	stateDir: string;
	log: Log;
	/** Preferred ports; a taken one is replaced by a free one. */
	ports?: Partial<Record<'smtp' | 'slack' | 'downstream' | 'receiver', number>>;
}

export interface InstalledExample {
	key: ExampleKey;
	workflow: Workflow;
	/** `created` or `updated` (an earlier start's copy, kept under the same id). */
	outcome: 'created' | 'updated';
}

export interface ExampleEnvironment {
	sinks: LocalSinks;
	receiver: ReceiverLink | null;
	examples: InstalledExample[];
	/** Lines for the `npm start` banner. */
	summary(): string[];
	close(): Promise<void>;
}

export const DEFAULT_PORTS = { smtp: 2525, slack: 4011, downstream: 4012, receiver: 4013 } as const;
export const ARCHIVE_PATH = '/archive/videovector';
const API_KEY_LABEL = 'npm start: example workflows';

async function portOrAny(preferred: number): Promise<number> {
	return (await isPortTaken(preferred)) ? 0 : preferred;
}

/** One API key for the public workflow API, replacing the one an earlier start created. */
async function ensureApiKey(client: N8nClient): Promise<void> {
	if (client.apiKey) return;
	type KeyRow = { id: string; label: string };
	// n8n 2.41 answers a plain list or a page object ({ items }), depending on the route version.
	const answer = await client.rest<KeyRow[] | { items?: KeyRow[] } | undefined>('GET', '/api-keys');
	const keys = Array.isArray(answer) ? answer : (answer?.items ?? []);
	for (const key of keys.filter((candidate) => candidate.label === API_KEY_LABEL))
		await client.rest('DELETE', `/api-keys/${key.id}`);
	await createApiKey(client, API_KEY_LABEL);
}

/** Saves the workflow, replacing the nodes of an earlier start's copy with the same name. */
async function upsertWorkflow(
	client: N8nClient,
	workflow: WorkflowJson,
): Promise<{ workflow: Workflow; outcome: 'created' | 'updated' }> {
	const body = {
		name: workflow.name,
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: workflow.settings ?? { executionOrder: 'v1' },
	};
	const existing = await client.api<{ data: Workflow[] }>(
		'GET',
		`/workflows?name=${encodeURIComponent(workflow.name)}&limit=10`,
	);
	const match = existing.data.find((candidate) => candidate.name === workflow.name);
	if (match)
		return {
			workflow: await client.api<Workflow>('PUT', `/workflows/${match.id}`, body),
			outcome: 'updated',
		};
	return { workflow: await client.api<Workflow>('POST', '/workflows', body), outcome: 'created' };
}

/** Example 2's connector, index and prompt: made at the emulator, placeholders elsewhere. */
async function importSettings(options: ExampleEnvironmentOptions): Promise<Record<string, string>> {
	if (!options.isEmulator) return {};
	const indexes = await callApi<Array<{ index_id: string; name: string }>>(
		options.api,
		'GET',
		'/indexes',
	);
	const { prompts } = await callApi<{ prompts: Array<{ prompt_id: string; name: string }> }>(
		options.api,
		'GET',
		'/prompts',
	);
	const settings: Record<string, string> = {
		connectorId: await createConnector(options.api, 'videovector-demo-media'),
	};
	const index = indexes.find((candidate) => candidate.name === 'Demo videos') ?? indexes[0];
	if (index) settings.indexId = index.index_id;
	const prompt = prompts.find((candidate) => candidate.name === 'Scene analysis') ?? prompts[0];
	if (prompt) settings.promptId = prompt.prompt_id;
	return settings;
}

function triggerUrl(origin: string, key: ExampleKey, triggerName: string): string {
	const webhookId = readExample(key).nodes.find((node) => node.name === triggerName)?.webhookId;
	if (!webhookId) throw new Error(`example ${key} has no webhook trigger named ${triggerName}`);
	return `${origin}/webhook/${webhookId}/webhook`;
}

export async function installExampleEnvironment(
	options: ExampleEnvironmentOptions,
): Promise<ExampleEnvironment> {
	const ports = { ...DEFAULT_PORTS, ...options.ports };
	const sinks = await startLocalSinks({
		smtp: await portOrAny(ports.smtp),
		slack: await portOrAny(ports.slack),
		downstream: await portOrAny(ports.downstream),
	});
	let receiver: ReceiverLink | null = null;
	try {
		await ensureApiKey(options.client);
		const smtp = await saveCredential(options.client, smtpCredential(sinks.smtp.port));
		const secret = newReceiverSecret();
		const receiverRef = await saveCredential(options.client, receiverCredential(secret));
		const credentials = {
			[CREDENTIAL_TYPE]: options.videoVectorCredential,
			[SMTP_CREDENTIAL_TYPE]: smtp,
			[RECEIVER_CREDENTIAL_TYPE]: receiverRef,
		};
		if (options.isEmulator) {
			const dataDir = path.join(options.stateDir, 'receiver');
			mkdirSync(dataDir, { recursive: true });
			receiver = await linkReceiver(options.api, {
				events: ['export.ready', 'export.failed'],
				targetUrl: triggerUrl(options.n8nOrigin, 'exportArchive', 'Export ready'),
				targetSecret: secret,
				port: await portOrAny(ports.receiver),
				dataDir,
			});
		}
		const settings: Record<ExampleKey, ExampleSetup['settings']> = {
			runAlert: {
				slackWebhookUrl: sinks.slack.webhookUrl,
				emailFrom: 'videovector-alerts@example.com',
				emailTo: 'video-team@example.com',
				runLinkBase: `${options.api.baseUrl}/prompt-runs/`,
			},
			scheduledImport: await importSettings(options),
			exportArchive: { archiveUrl: sinks.downstream.url(ARCHIVE_PATH) },
			repairSegments: undefined,
			agentSearch: undefined,
		};
		const examples: InstalledExample[] = [];
		for (const key of EXAMPLE_KEYS) {
			const saved = await upsertWorkflow(
				options.client,
				prepareExample(readExample(key), { credentials, settings: settings[key] }),
			);
			examples.push({ key, ...saved });
		}
		const environment: ExampleEnvironment = {
			sinks,
			receiver,
			examples,
			summary: () => summaryLines(options, environment),
			close: async () => {
				await receiver?.close();
				await sinks.close();
			},
		};
		return environment;
	} catch (error) {
		await receiver?.close();
		await sinks.close();
		throw error;
	}
}

function summaryLines(
	options: ExampleEnvironmentOptions,
	environment: ExampleEnvironment,
): string[] {
	const { sinks, receiver, examples } = environment;
	const lines = [
		`  Examples    ${examples.length} workflows imported, unpublished (examples/README.md says what each needs):`,
		...examples.map(
			(example) =>
				`                ${options.n8nOrigin}/workflow/${example.workflow.id}  ${example.workflow.name}`,
		),
		`  Sinks       SMTP 127.0.0.1:${sinks.smtp.port} · Slack ${sinks.slack.webhookUrl} · archive ${sinks.downstream.url(ARCHIVE_PATH)}`,
		`              what arrived: ${sinks.downstream.url('/_sink/mail')}  /_sink/slack  /_sink/requests`,
	];
	lines.push(
		receiver
			? `  Receiver    ${receiver.receiver.deliveryUrl} → example 3's trigger (subscription ${receiver.subscriptionId})`
			: '  Receiver    not started: a real API needs a public https URL for it (see webhook-receiver/)',
	);
	return lines;
}
