import type { Emulator } from '../core/context.js';
import { conflict, notFound } from '../core/errors.js';
import type {
	ConnectorRec,
	IndexRec,
	PromptRec,
	RunRec,
	VideoRec,
	WebhookRec,
} from '../core/types.js';
import { liveVideo } from '../sim/media.js';

/** "Find it or 404" lookups shared by the route modules. */

export function findIndex(emu: Emulator, indexId: string): IndexRec {
	const index = emu.store.indexes.get(indexId);
	if (!index || index.deletion?.status === 'deleted') throw notFound('index', indexId);
	return index;
}

/** An index that can still receive media or runs (not being deleted). */
export function writableIndex(emu: Emulator, indexId: string): IndexRec {
	const index = findIndex(emu, indexId);
	if (index.deletion)
		throw conflict('The index is being deleted', {
			index_id: indexId,
			deletion_status: index.deletion.status,
		});
	return index;
}

export function findVideo(emu: Emulator, videoId: string): VideoRec {
	const video = liveVideo(emu, videoId);
	if (!video) throw notFound('video', videoId);
	return video;
}

export function findPrompt(emu: Emulator, promptId: string): PromptRec {
	const prompt = emu.store.prompts.get(promptId);
	if (!prompt) throw notFound('prompt', promptId);
	return prompt;
}

export function findRun(emu: Emulator, runId: string): RunRec {
	const run = emu.store.runs.get(runId);
	if (!run) throw notFound('prompt_run', runId);
	return run;
}

export function findConnector(emu: Emulator, connectorId: string): ConnectorRec {
	const connector = emu.store.connectors.get(connectorId);
	if (!connector) throw notFound('connector', connectorId);
	return connector;
}

export function findWebhook(emu: Emulator, webhookId: string): WebhookRec {
	const webhook = emu.store.webhooks.get(webhookId);
	if (!webhook) throw notFound('webhook', webhookId);
	return webhook;
}

/** DeleteResponse (docs/api/conventions.md#delete-responses). */
export function deleted(what: string): { message: string } {
	return { message: `${what} deleted` };
}
