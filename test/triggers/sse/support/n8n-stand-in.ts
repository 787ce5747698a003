/**
 * A small n8n stand-in for the VideoVector Event Stream Trigger: the ITriggerFunctions n8n hands a
 * trigger, over REAL HTTP (the credential class authenticates, `performHttpRequest` streams), plus
 * the n8n behaviour the trigger relies on, as read in n8n 2.41's source:
 * - static data is "the database": an activation starts from a copy of what is stored; n8n stores
 *   the node's static data when `emit` is called and right after `trigger()` returned — not when the
 *   trigger is closed or n8n stops;
 * - every `emit` becomes an execution unless its deduplication key was already used (the unique
 *   index on executions); the done-promise settles when the execution has finished;
 * - in manual mode `emit` just hands the data to the editor.
 * Executions and the stored static data outlive activations, so restarts can be played.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';

import { N8nNodesVideoVectorApi } from '../../../../credentials/N8nNodesVideoVectorApi.credentials';
import { VideoVectorSseTrigger } from '../../../../triggers/VideoVectorSseTrigger/VideoVectorSseTrigger.node';
import { performHttpRequest } from '../../../support/n8n-http';

export interface Execution {
	/** The event JSON of each item. */
	items: IDataObject[];
	deduplicationKey: string | undefined;
}

export type SendHttp = (options: IHttpRequestOptions) => Promise<unknown>;
/** Sits between the trigger and the network (arm a fault before a connect, count connects…). */
export type Intercept = (options: IHttpRequestOptions, send: SendHttp) => Promise<unknown>;

export interface ActivationOptions {
	parameters: Record<string, unknown>;
	/** Read on every request, so a test can change the key between connections. */
	credentials: ICredentialDataDecryptedObject;
	mode?: 'trigger' | 'manual';
	intercept?: Intercept;
	/** Runs "inside" each execution; the execution finishes when it resolves. */
	execute?: (execution: Execution) => Promise<void> | void;
	/** An n8n before execution deduplication keys: `emit` declares three parameters and has no key. */
	legacyEmit?: boolean;
}

const credentialType = new N8nNodesVideoVectorApi();

/** n8n's side that outlives activations: stored static data and the executions table. */
export class N8nStandIn {
	readonly executions: Execution[] = [];
	/** Emits n8n refused because their deduplication key had been used. */
	readonly duplicates: Execution[] = [];
	/** The node's static data as the database holds it. */
	storedStaticData: IDataObject = {};
	private readonly usedKeys = new Set<string>();

	constructor(
		readonly workflowId = 'wf_sse_test',
		readonly node: INode = {
			id: 'node-sse-trigger',
			name: 'VideoVector Event Stream Trigger',
			type: 'n8n-nodes-videovector.videoVectorSseTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	) {}

	/** Event ids over all executions, in execution order. */
	executedIds(): string[] {
		return this.executions.flatMap((execution) =>
			execution.items.map((item) => String(item.event_id)),
		);
	}

	/** Publishes (or restarts n8n with the workflow published): runs `trigger()` on a fresh copy of the stored static data. */
	async activate(options: ActivationOptions): Promise<ActiveTrigger> {
		const trigger = new ActiveTrigger(this, options, structuredClone(this.storedStaticData));
		await trigger.start();
		return trigger;
	}

	/** What `emit` does in a published workflow. */
	async run(
		execution: Execution,
		liveStaticData: IDataObject,
		options: ActivationOptions,
	): Promise<boolean> {
		this.storedStaticData = structuredClone(liveStaticData);
		if (execution.deduplicationKey !== undefined) {
			if (this.usedKeys.has(execution.deduplicationKey)) {
				this.duplicates.push(execution);
				return false;
			}
			this.usedKeys.add(execution.deduplicationKey);
		}
		this.executions.push(execution);
		await options.execute?.(execution);
		return true;
	}

	/** A stored execution lost in a stop (n8n drops executions still `new` when it shuts down). */
	loseExecution(execution: Execution): void {
		this.executions.splice(this.executions.indexOf(execution), 1);
		if (execution.deduplicationKey !== undefined) this.usedKeys.delete(execution.deduplicationKey);
	}
}

type DonePromise = { resolve(value: unknown): void; reject(error: Error): void };

export interface LogLine {
	level: string;
	message: string;
}

/** One activation of the trigger (or one "listen for test event"). */
export class ActiveTrigger {
	/** Errors passed to `emitError`. */
	readonly errors: Error[] = [];
	/** Errors passed to `saveFailedExecution`. */
	readonly failedExecutions: Error[] = [];
	/** Manual mode: what was handed to the editor. */
	readonly manualEmits: IDataObject[][] = [];
	readonly logs: LogLine[] = [];
	private response: ITriggerResponse | undefined;
	private readonly waiters: Array<() => void> = [];

	constructor(
		private readonly n8n: N8nStandIn,
		private readonly options: ActivationOptions,
		/** The live static data of this activation (n8n's in-memory workflow object). */
		readonly staticData: IDataObject,
	) {}

	get mode(): 'trigger' | 'manual' {
		return this.options.mode ?? 'trigger';
	}

	async start(): Promise<void> {
		this.response = await new VideoVectorSseTrigger().trigger.call(this.context());
		// n8n saves static data once the activation went through.
		if (this.mode === 'trigger') this.n8n.storedStaticData = structuredClone(this.staticData);
	}

	/** Manual mode: n8n's "listen for test event" call. */
	async listen(): Promise<void> {
		if (!this.response?.manualTriggerFunction)
			throw new Error('the trigger returned no manualTriggerFunction');
		await this.response.manualTriggerFunction();
	}

	/** Unpublish, or n8n stopping: the closeFunction. */
	async close(): Promise<void> {
		await this.response?.closeFunction?.();
	}

	/** Resolves once `predicate` holds; re-checked on every emit, error and log line. */
	async until(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!predicate()) {
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
			await new Promise<void>((resolve) => {
				// Also poll: some conditions (emulator state) change without the trigger doing anything.
				const timer = setTimeout(wake, 20);
				function wake() {
					clearTimeout(timer);
					resolve();
				}
				this.waiters.push(wake);
			});
		}
	}

	private notify(): void {
		for (const wake of this.waiters.splice(0)) wake();
	}

	private context(): ITriggerFunctions {
		const { n8n, options } = this;
		const logger = Object.fromEntries(
			['debug', 'info', 'warn', 'error'].map((level) => [
				level,
				(message: string) => {
					this.logs.push({ level, message });
					this.notify();
				},
			]),
		);
		const emit = (
			data: INodeExecutionData[][],
			_response?: unknown,
			done?: DonePromise,
			key?: string,
		) => {
			const items = (data[0] ?? []).map((item) => item.json);
			if (this.mode === 'manual') {
				this.manualEmits.push(items);
				this.notify();
				return;
			}
			void n8n.run({ items, deduplicationKey: key }, this.staticData, options).then(
				(executed) => {
					this.notify();
					done?.resolve(executed ? { finished: true } : undefined);
				},
				(error: Error) => done?.reject(error),
			);
			this.notify();
		};
		const context = {
			logger,
			getNode: () => n8n.node,
			getWorkflow: () => ({
				id: n8n.workflowId,
				name: 'sse trigger test',
				active: this.mode === 'trigger',
			}),
			getMode: () => this.mode,
			getActivationMode: () => (this.mode === 'manual' ? 'manual' : 'activate'),
			getWorkflowStaticData: (type: string) => {
				if (type !== 'node') throw new Error('the trigger only uses node static data');
				return this.staticData;
			},
			getNodeParameter(name: string, fallback?: unknown) {
				const value = options.parameters[name];
				if (value !== undefined) return value;
				// A test that picks no events follows all of them, as "Trigger On: All Events" does.
				if (name === 'events') return ['*'];
				if (arguments.length < 2) throw new Error(`parameter "${name}" was not given`);
				return fallback;
			},
			getCredentials: async (type: string) => {
				if (type !== 'n8nNodesVideoVectorApi')
					throw new Error(`unexpected credential type ${type}`);
				return { ...options.credentials };
			},
			emit: options.legacyEmit
				? (data: INodeExecutionData[][], response?: unknown, done?: DonePromise) =>
						emit(data, response, done, undefined)
				: emit,
			emitError: (error: Error) => {
				this.errors.push(error);
				this.notify();
			},
			saveFailedExecution: (error: Error) => {
				this.failedExecutions.push(error);
				this.notify();
			},
			helpers: {
				httpRequestWithAuthentication: async (
					type: string,
					requestOptions: IHttpRequestOptions,
				) => {
					if (type !== 'n8nNodesVideoVectorApi')
						throw new Error(`unexpected credential type ${type}`);
					const authenticated = await credentialType.authenticate(
						{ ...options.credentials },
						requestOptions,
					);
					return options.intercept
						? await options.intercept(authenticated, performHttpRequest)
						: await performHttpRequest(authenticated);
				},
			},
		};
		return context as unknown as ITriggerFunctions;
	}
}
