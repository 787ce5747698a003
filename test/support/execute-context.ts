/**
 * A stand-in for n8n's IExecuteFunctions / ILoadOptionsFunctions, complete for what our nodes call.
 * Credentials are applied by the real credential class (so its `authenticate` is exercised), and
 * requests go over real HTTP unless a test passes `send` to capture the exact options instead.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

import type {
	IBinaryData,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	NodeExecutionHint,
} from 'n8n-workflow';

import { N8nNodesVideoVectorApi } from '../../credentials/N8nNodesVideoVectorApi.credentials';
import { performHttpRequest } from './n8n-http';

export interface TestCredentials {
	authentication?: 'apiKey' | 'bearerToken';
	apiKey?: string;
	bearerToken?: string;
	baseUrl: string;
}

export type ParameterSource =
	Record<string, unknown> | ((name: string, itemIndex: number) => unknown);

export interface ContextOptions {
	parameters: ParameterSource;
	credentials: TestCredentials;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	executionId?: string;
	node?: Partial<INode>;
	/** Replaces the network: receives the authenticated options n8n would send. */
	send?: (options: IHttpRequestOptions) => Promise<unknown>;
	/** Binary payloads kept "on disk" by id, as n8n's filesystem binary mode does. */
	binaryStore?: Map<string, Buffer>;
	/** The execution's custom data (`$execution.customData`); a retried execution carries the failed one's. */
	customData?: Map<string, string>;
	/** Receives what the node passes to `addExecutionHints` (n8n shows these in the output pane). */
	hints?: NodeExecutionHint[];
}

const credentialType = new N8nNodesVideoVectorApi();

function readPath(source: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(value, key) =>
				value && typeof value === 'object' ? (value as IDataObject)[key] : undefined,
			source,
		);
}

function resolveParameter(source: ParameterSource, name: string, itemIndex: number): unknown {
	return typeof source === 'function' ? source(name, itemIndex) : readPath(source, name);
}

function isLocatorValue(value: unknown): value is { mode: string; value: unknown } {
	return !!value && typeof value === 'object' && 'mode' in value && 'value' in value;
}

export function createExecuteContext(
	options: ContextOptions,
): IExecuteFunctions & ILoadOptionsFunctions {
	const node: INode = {
		id: 'node-under-test',
		name: 'VideoVector',
		type: 'n8n-nodes-videovector.videoVector',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...options.node,
	};
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const binaryStore = options.binaryStore ?? new Map<string, Buffer>();
	const executionId = options.executionId ?? randomUUID();
	const customData = options.customData ?? new Map<string, string>();
	const send = options.send ?? performHttpRequest;
	const credentials: ICredentialDataDecryptedObject = {
		authentication: 'apiKey',
		...options.credentials,
	};

	const context = {
		getNode: () => node,
		getInputData: () => items,
		getExecutionId: () => executionId,
		// As n8n's: at most 10 entries, more are dropped silently (n8n-core execution-metadata.ts).
		customData: {
			set: (key: string, value: string) => {
				if (customData.has(key) || customData.size < 10) customData.set(key, value);
			},
			setAll: (values: Record<string, string>) => {
				for (const [key, value] of Object.entries(values)) customData.set(key, value);
			},
			get: (key: string) => customData.get(key),
			getAll: () => Object.fromEntries(customData),
		},
		// As in n8n: the instance id is fixed per installation, the workflow id per workflow.
		getInstanceId: () => 'test-instance',
		getWorkflow: () => ({ id: 'test-workflow', name: 'Test workflow', active: false }),
		continueOnFail: () => options.continueOnFail ?? false,
		addExecutionHints: (...hints: NodeExecutionHint[]) => {
			options.hints?.push(...hints);
		},
		getWorkflowDataProxy: () => ({ $runIndex: 0 }),
		getCredentials: async () => credentials,
		getNodeParameter(
			name: string,
			itemIndex: number,
			fallback?: unknown,
			extra?: { extractValue?: boolean },
		) {
			let value = resolveParameter(options.parameters, name, itemIndex);
			if (value === undefined) {
				if (arguments.length < 3)
					throw new Error(`Test context: parameter "${name}" was not given`);
				value = fallback;
			}
			if (extra?.extractValue && isLocatorValue(value)) return value.value;
			return value;
		},
		getCurrentNodeParameter(name: string, extra?: { extractValue?: boolean }) {
			const value = resolveParameter(options.parameters, name, 0);
			return extra?.extractValue && isLocatorValue(value) ? value.value : value;
		},
		helpers: {
			async httpRequestWithAuthentication(_type: string, requestOptions: IHttpRequestOptions) {
				const authenticated = await credentialType.authenticate(credentials, requestOptions);
				return await send(authenticated);
			},
			async getBinaryStream(id: string) {
				const data = binaryStore.get(id);
				if (!data) throw new Error(`Test context: no binary with id ${id}`);
				return Readable.from(data);
			},
			assertBinaryData(itemIndex: number, propertyName: string): IBinaryData {
				const binary = items[itemIndex]?.binary?.[propertyName];
				if (!binary)
					throw new Error(
						`This operation expects the node's input data to contain a binary file '${propertyName}', but none was found`,
					);
				return binary;
			},
			async getBinaryDataBuffer(itemIndex: number, propertyName: string) {
				const binary = items[itemIndex]?.binary?.[propertyName];
				if (!binary) throw new Error(`No binary '${propertyName}'`);
				return binary.id ? binaryStore.get(binary.id)! : Buffer.from(binary.data, 'base64');
			},
			async binaryToBuffer(body: Buffer | Readable) {
				if (Buffer.isBuffer(body)) return body;
				const chunks: Buffer[] = [];
				for await (const chunk of body) chunks.push(Buffer.from(chunk));
				return Buffer.concat(chunks);
			},
			async prepareBinaryData(
				data: Buffer | Readable,
				fileName?: string,
				mimeType?: string,
			): Promise<IBinaryData> {
				const buffer = Buffer.isBuffer(data) ? data : await context.helpers.binaryToBuffer(data);
				const id = `test:${createHash('sha256').update(buffer).digest('hex').slice(0, 16)}`;
				binaryStore.set(id, buffer);
				return {
					id,
					data: 'filesystem-v2',
					mimeType: mimeType ?? 'application/octet-stream',
					fileName,
					fileSize: String(buffer.length),
				};
			},
			returnJsonArray(data: IDataObject | IDataObject[]) {
				return (Array.isArray(data) ? data : [data]).map((json) => ({ json }));
			},
			constructExecutionMetaData(data: INodeExecutionData[], meta: { itemData: { item: number } }) {
				return data.map((item) => ({ ...item, pairedItem: meta.itemData }));
			},
		},
	};
	return context as unknown as IExecuteFunctions & ILoadOptionsFunctions;
}
