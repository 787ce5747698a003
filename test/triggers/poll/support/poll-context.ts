/**
 * A stand-in for n8n's IPollFunctions, holding what the real one hands a poll node: parameters, the
 * credential (applied by the real credential class, requests over real HTTP), the mode, the node's
 * static data and a logger. A "restart" is a new context over a copy of the static data n8n stored.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	INode,
	IPollFunctions,
} from 'n8n-workflow';

import { N8nNodesVideoVectorApi } from '../../../../credentials/N8nNodesVideoVectorApi.credentials';
import { performHttpRequest } from '../../../support/n8n-http';
import { VideoVectorPollTrigger } from '../../../../triggers/VideoVectorPollTrigger/VideoVectorPollTrigger.node';

export interface PollHostOptions {
	parameters: Record<string, unknown>;
	credentials: ICredentialDataDecryptedObject;
	mode?: 'trigger' | 'manual';
	staticData?: IDataObject;
}

const apiCredential = new N8nNodesVideoVectorApi();
const node: INode = {
	id: 'poll-node',
	name: 'VideoVector Poll Trigger',
	type: 'n8n-nodes-videovector.videoVectorPollTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export interface PollHost {
	/** What n8n would store after a poll that returned items (it saves static data on emit). */
	staticData: IDataObject;
	warnings: string[];
	/** One poll: the items it returned (empty when it returned null). */
	poll(): Promise<IDataObject[]>;
}

export function pollHost(options: PollHostOptions): PollHost {
	const staticData: IDataObject = options.staticData ?? {};
	const warnings: string[] = [];
	const context = {
		logger: {
			debug() {},
			info() {},
			warn: (message: string) => warnings.push(message),
			error: (message: string) => warnings.push(message),
		},
		getNode: () => node,
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error('the trigger only uses node static data');
			return staticData;
		},
		getPollBudgetMs: () => 20_000,
		getCredentials: async () => options.credentials,
		getNodeParameter(name: string, fallback?: unknown) {
			const value = options.parameters[name];
			if (value !== undefined) return value;
			if (arguments.length < 2) throw new Error(`parameter "${name}" was not given`);
			return fallback;
		},
		helpers: {
			async httpRequestWithAuthentication(_type: string, requestOptions: IHttpRequestOptions) {
				return await performHttpRequest(
					await apiCredential.authenticate(options.credentials, requestOptions),
				);
			},
		},
	} as unknown as IPollFunctions;
	const trigger = new VideoVectorPollTrigger();
	return {
		staticData,
		warnings,
		async poll() {
			const result = await trigger.poll.call(context);
			return result === null ? [] : result[0].map((item) => item.json);
		},
	};
}
