/**
 * Shared by the prompt, prompt-run and search node tests: registers those resources with the node
 * when the node's resource list does not have them yet (the lead adds them to resources.ts), so the
 * tests drive the real router and execute path either way.
 *
 * Use from a test file:
 *   vi.mock('../../../nodes/VideoVector/actions/resources', async (importOriginal) =>
 *     (await import('../prompt/harness')).withOwnResources(await importOriginal()));
 */
import type { ResourceDefinition } from '../../../nodes/VideoVector/actions/resource';
import { promptResource } from '../../../nodes/VideoVector/actions/prompt/Prompt.resource';
import { promptRunResource } from '../../../nodes/VideoVector/actions/promptRun/PromptRun.resource';
import { searchResource } from '../../../nodes/VideoVector/actions/search/Search.resource';

export const OWN_RESOURCES = [promptResource, promptRunResource, searchResource];

export function withOwnResources(original: { RESOURCES: readonly ResourceDefinition[] }) {
	const present = new Set(original.RESOURCES.map((resource) => resource.value));
	return { ...original, RESOURCES: [...original.RESOURCES, ...OWN_RESOURCES.filter((r) => !present.has(r.value))] };
}

/** A resource-locator value in "By ID" mode, as n8n stores it. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** Path and query of a recorded request, without the base URL. */
export function route(url: string): string {
	const parsed = new URL(url);
	return `${parsed.pathname.replace(/^\/api\/v2/, '')}${parsed.search}`;
}

export interface EmulatorHandle {
	baseUrl: string;
	apiKey: string;
}

/** Credentials pointing the node at a running emulator (real HTTP on 127.0.0.1). */
export const emulatorCredentials = (emulator: EmulatorHandle) => ({ apiKey: emulator.apiKey, baseUrl: emulator.baseUrl });
