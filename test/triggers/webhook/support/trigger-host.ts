/**
 * A small n8n stand-in for one VideoVector Trigger node: a node:http server on 127.0.0.1 that
 * serves its production URL (`/webhook/<webhookId>/webhook`) and, while "listening for a test
 * event", its test URL (`/webhook-test/<webhookId>/webhook`), and the activation calls n8n makes.
 *
 * It copies the n8n behaviour the trigger depends on:
 * - static data is "the database": every delivery works on a fresh copy, and the copy is saved
 *   only when the delivery starts an execution (n8n saves static data with the execution);
 * - publish serves the production URL (with the saved static data) while it runs checkExists, then
 *   fails, n8n's cleanup calls delete with the SAVED static data, then the error surfaces;
 * - unpublish calls delete (mode `internal`) with the saved static data;
 * - the test listener starts from a copy of the saved static data, keeps its own, and is removed
 *   with delete (mode `internal`) on that copy;
 * - bodies above n8n's payload limit are refused with 413 before the trigger runs.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

import { VideoVectorTrigger } from '../../../../triggers/VideoVectorTrigger/VideoVectorTrigger.node';
import {
	createHookContext,
	createWebhookContext,
	type Intercept,
	type LogLine,
	type WebhookExchange,
} from './n8n-contexts';

export type Kind = 'production' | 'test';

export interface Execution {
	kind: Kind;
	items: INodeExecutionData[];
}

export interface HostOptions {
	parameters: Record<string, unknown>;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	workflowId?: string;
	nodeId?: string;
	webhookId?: string;
	/** n8n's N8N_PAYLOAD_SIZE_MAX stand-in (n8n's default is 16 MiB). */
	payloadLimitBytes?: number;
}

export interface PublishOptions {
	/** Simulates n8n dying mid-activation: no cleanup, nothing saved. */
	crash?: boolean;
}

const DEFAULT_PAYLOAD_LIMIT = 16 * 1024 * 1024;

async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size <= limit) chunks.push(chunk as Buffer);
	}
	return size > limit ? 'too_large' : Buffer.concat(chunks);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
	if (res.writableEnded) return;
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

export class TriggerHost {
	readonly trigger = new VideoVectorTrigger();
	readonly logs: LogLine[] = [];
	readonly executions: Execution[] = [];
	/** Every answer the server gave, in order (status and parsed body). */
	readonly answers: Array<{ kind: Kind; status: number; body: unknown }> = [];
	/** The saved node static data of the published workflow. */
	savedStaticData: IDataObject = {};
	/** The test listener's own static data while it listens. */
	testStaticData: IDataObject | undefined;
	/** Applied to every API request of the trigger (lifecycle and Fetch Full Object). */
	intercept: Intercept | undefined;
	parameters: Record<string, unknown>;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/**
	 * Whether what webhook() writes to static data is saved. n8n 2.41.1 never saves it for an
	 * `onReceived` trigger (docs/n8n.md, "Pitfalls"; measured in test/e2e/webhook-trigger.test.ts),
	 * so production deliveries leave it unsaved unless a test turns this on.
	 */
	persistStaticData = false;
	private published = false;
	private readonly node: INode;

	private constructor(
		private readonly server: http.Server,
		readonly origin: string,
		private readonly options: HostOptions & { workflowId: string; webhookId: string },
	) {
		this.parameters = options.parameters;
		this.credentials = options.credentials;
		this.node = {
			id: options.nodeId ?? 'node-trigger-1',
			name: 'VideoVector Trigger',
			type: 'n8n-nodes-videovector.videoVectorTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			webhookId: options.webhookId,
		};
	}

	static async start(options: HostOptions): Promise<TriggerHost> {
		let host: TriggerHost | undefined;
		const server = http.createServer((req, res) => {
			if (!host) return sendJson(res, 503, { message: 'starting' });
			host
				.serve(req, res)
				.catch((error: unknown) => sendJson(res, 500, { message: (error as Error).message }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		host = new TriggerHost(server, `http://127.0.0.1:${port}`, {
			...options,
			workflowId: options.workflowId ?? 'wf-trigger-test',
			webhookId: options.webhookId ?? randomUUID(),
		});
		return host;
	}

	get productionUrl(): string {
		return `${this.origin}/webhook/${this.options.webhookId}/webhook`;
	}

	get testUrl(): string {
		return `${this.origin}/webhook-test/${this.options.webhookId}/webhook`;
	}

	urlOf(kind: Kind): string {
		return kind === 'production' ? this.productionUrl : this.testUrl;
	}

	executionsOf(kind: Kind): Execution[] {
		return this.executions.filter((execution) => execution.kind === kind);
	}

	hookContext(kind: Kind, mode: string, staticData: IDataObject) {
		return createHookContext({
			parameters: this.parameters,
			credentials: this.credentials,
			node: this.node,
			workflowId: this.options.workflowId,
			mode,
			activationMode: mode === 'manual' ? 'manual' : 'activate',
			staticData,
			logs: this.logs,
			intercept: this.intercept,
			webhookUrl: this.urlOf(kind),
		});
	}

	/** Activation as n8n's ActiveWorkflowManager runs it. */
	async publish(options: PublishOptions = {}): Promise<void> {
		const working = structuredClone(this.savedStaticData);
		const context = this.hookContext('production', 'trigger', working);
		const lifecycle = this.trigger.webhookMethods.default;
		// n8n stores the production webhook before it calls checkExists/create, so deliveries sent
		// meanwhile (e.g. re-sent failed ones) are served, with the static data saved so far.
		const wasPublished = this.published;
		this.published = true;
		try {
			if (!(await lifecycle.checkExists.call(context))) await lifecycle.create.call(context);
		} catch (error) {
			this.published = wasPublished;
			if (!options.crash) {
				await lifecycle.delete
					.call(this.hookContext('production', 'internal', this.savedStaticData))
					.catch(() => undefined);
			}
			throw error;
		}
		this.savedStaticData = working;
		this.published = true;
	}

	async unpublish(): Promise<void> {
		this.published = false;
		await this.trigger.webhookMethods.default.delete.call(
			this.hookContext('production', 'internal', this.savedStaticData),
		);
	}

	/** The editor's "listen for test event". */
	async listenForTest(): Promise<void> {
		const testData = structuredClone(this.savedStaticData);
		const context = this.hookContext('test', 'manual', testData);
		const lifecycle = this.trigger.webhookMethods.default;
		try {
			if (!(await lifecycle.checkExists.call(context))) await lifecycle.create.call(context);
		} catch (error) {
			await lifecycle.delete
				.call(this.hookContext('test', 'internal', testData))
				.catch(() => undefined);
			throw error;
		}
		this.testStaticData = testData;
	}

	async stopTestListener(): Promise<void> {
		const testData = this.testStaticData ?? {};
		this.testStaticData = undefined;
		await this.trigger.webhookMethods.default.delete.call(
			this.hookContext('test', 'internal', testData),
		);
	}

	/** POSTs `body` to the trigger URL as a sender would (raw bytes, given headers). */
	async deliver(
		kind: Kind,
		body: string | Buffer,
		headers: Record<string, string>,
	): Promise<{ status: number; body: unknown }> {
		const response = await fetch(this.urlOf(kind), {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body,
			signal: AbortSignal.timeout(20_000),
		});
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// Not JSON.
		}
		return { status: response.status, body: parsed };
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const path = (req.url ?? '').split('?')[0];
		const kind: Kind | undefined =
			path === new URL(this.productionUrl).pathname
				? 'production'
				: path === new URL(this.testUrl).pathname
					? 'test'
					: undefined;
		const active =
			kind === 'production' ? this.published : kind === 'test' && this.testStaticData !== undefined;
		if (req.method !== 'POST' || kind === undefined || !active)
			return this.answer(res, kind ?? 'production', 404, { message: 'not registered' });
		const rawBody = await readBody(req, this.options.payloadLimitBytes ?? DEFAULT_PAYLOAD_LIMIT);
		if (rawBody === 'too_large')
			return this.answer(res, kind, 413, { message: 'request entity too large' });
		const saved =
			kind === 'production' ? this.savedStaticData : (this.testStaticData as IDataObject);
		const working = structuredClone(saved);
		const exchange = this.exchange(req, rawBody, res, kind);
		const context = createWebhookContext({
			parameters: this.parameters,
			credentials: this.credentials,
			node: this.node,
			workflowId: this.options.workflowId,
			mode: kind === 'production' ? 'webhook' : 'manual',
			staticData: working,
			logs: this.logs,
			intercept: this.intercept,
			exchange,
			productionUrl: this.productionUrl,
		});
		const result = await this.trigger.webhook.call(context);
		if (result.workflowData) {
			if (this.persistStaticData && kind === 'production') this.savedStaticData = working;
			if (kind === 'test') this.testStaticData = working;
			this.executions.push({ kind, items: result.workflowData[0] ?? [] });
		}
		if (result.noWebhookResponse) {
			if (!exchange.response.sent)
				this.answer(res, kind, 500, { message: 'trigger sent no response' });
			return;
		}
		this.answer(res, kind, 200, result.webhookResponse ?? { message: 'Workflow was started' });
	}

	private answer(res: http.ServerResponse, kind: Kind, status: number, body: unknown): void {
		this.answers.push({ kind, status, body });
		sendJson(res, status, body);
	}

	private exchange(
		req: http.IncomingMessage,
		rawBody: Buffer,
		res: http.ServerResponse,
		kind: Kind,
	): WebhookExchange {
		let parsed: unknown = {};
		try {
			parsed = JSON.parse(rawBody.toString('utf8'));
		} catch {
			parsed = {};
		}
		let status = 200;
		let sent = false;
		const response: WebhookExchange['response'] = {
			status: (code: number) => {
				status = code;
				return response;
			},
			json: (body: unknown) => {
				sent = true;
				this.answer(res, kind, status, body);
			},
			get sent() {
				return sent;
			},
		};
		return {
			request: {
				headers: req.headers,
				rawBody,
				body: parsed,
				method: req.method ?? 'POST',
				url: req.url ?? '',
			},
			response,
		};
	}
}
