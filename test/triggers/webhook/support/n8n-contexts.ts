/**
 * Stand-ins for the two n8n contexts the trigger runs in: IHookFunctions (checkExists / create /
 * delete) and IWebhookFunctions (one delivery). They hold exactly what the real ones hand a node:
 * parameters, credentials (applied by the real credential class), the webhook URL, the execution
 * mode, the node's static data, a logger and — for deliveries — the request and response.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	INode,
	IWebhookFunctions,
} from 'n8n-workflow';

import { N8nNodesVideoVectorApi } from '../../../../credentials/N8nNodesVideoVectorApi.credentials';
import { performHttpRequest } from '../../../support/n8n-http';

export interface LogLine {
	level: 'debug' | 'info' | 'warn' | 'error';
	message: string;
}

export type SendHttp = (options: IHttpRequestOptions) => Promise<unknown>;
/** Sits between the trigger and the network (e.g. to lose an answer after the API acted on it). */
export type Intercept = (options: IHttpRequestOptions, send: SendHttp) => Promise<unknown>;

export interface BaseContextOptions {
	parameters: Record<string, unknown>;
	/** By credential type name (`n8nNodesVideoVectorApi`, `n8nNodesVideoVectorReceiverApi`). */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	node: INode;
	workflowId: string;
	/** n8n execution mode: `trigger`/`webhook` (published), `manual` (test listener), `internal` (removal). */
	mode: string;
	staticData: IDataObject;
	logs: LogLine[];
	intercept?: Intercept;
}

const apiCredential = new N8nNodesVideoVectorApi();

function base(options: BaseContextOptions) {
	const logger = Object.fromEntries(
		(['debug', 'info', 'warn', 'error'] as const).map((level) => [
			level,
			(message: string) => options.logs.push({ level, message }),
		]),
	);
	return {
		logger,
		getNode: () => options.node,
		getWorkflow: () => ({
			id: options.workflowId,
			name: 'trigger test',
			active: options.mode !== 'manual',
		}),
		getMode: () => options.mode,
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error('the trigger only uses node static data');
			return options.staticData;
		},
		getNodeParameter(name: string, fallback?: unknown) {
			const value = options.parameters[name];
			if (value !== undefined) return value;
			if (arguments.length < 2) throw new Error(`parameter "${name}" was not given`);
			return fallback;
		},
		async getCredentials(type: string) {
			const credentials = options.credentials[type];
			if (!credentials) throw new Error(`Node does not have any credentials set for "${type}"`);
			return credentials;
		},
		helpers: {
			async httpRequestWithAuthentication(type: string, requestOptions: IHttpRequestOptions) {
				if (type !== 'n8nNodesVideoVectorApi')
					throw new Error(`unexpected credential type ${type}`);
				const authenticated = await apiCredential.authenticate(
					options.credentials[type] ?? {},
					requestOptions,
				);
				return options.intercept
					? await options.intercept(authenticated, performHttpRequest)
					: await performHttpRequest(authenticated);
			},
		},
	};
}

export function createHookContext(
	options: BaseContextOptions & { webhookUrl: string; activationMode: string },
): IHookFunctions {
	return {
		...base(options),
		getActivationMode: () => options.activationMode,
		getNodeWebhookUrl: (name: string) => (name === 'default' ? options.webhookUrl : undefined),
		getWebhookName: () => 'default',
	} as unknown as IHookFunctions;
}

/** The parts of express's request/response the trigger touches, over a real node:http exchange. */
export interface WebhookExchange {
	request: {
		headers: Record<string, string | string[] | undefined>;
		rawBody: Buffer;
		body: unknown;
		method: string;
		url: string;
	};
	response: {
		status(code: number): WebhookExchange['response'];
		json(body: unknown): void;
		readonly sent: boolean;
	};
}

export function createWebhookContext(
	options: BaseContextOptions & { exchange: WebhookExchange; productionUrl: string },
): IWebhookFunctions {
	return {
		...base(options),
		getRequestObject: () => options.exchange.request,
		getResponseObject: () => options.exchange.response,
		getHeaderData: () => options.exchange.request.headers,
		getBodyData: () => options.exchange.request.body as IDataObject,
		getNodeWebhookUrl: (name: string) => (name === 'default' ? options.productionUrl : undefined),
		getWebhookName: () => 'default',
	} as unknown as IWebhookFunctions;
}
