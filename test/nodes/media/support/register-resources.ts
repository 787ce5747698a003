/**
 * Until the lead lists the Media, Playground and Export resources in actions/resources.ts, tests put
 * them into the node's resource table through `vi.mock`; once they are listed this adds nothing.
 *
 * Usage at the top of a test file:
 *   vi.mock('<path>/nodes/VideoVector/actions/resources', async (original) =>
 *     (await import('<path>/test/nodes/media/support/register-resources.js')).withBinaryResources(await original()));
 */
import { exportResource } from '../../../../nodes/VideoVector/actions/export/Export.resource';
import { mediaResource } from '../../../../nodes/VideoVector/actions/media/Media.resource';
import { playgroundResource } from '../../../../nodes/VideoVector/actions/playground/Playground.resource';
import type { ResourceDefinition } from '../../../../nodes/VideoVector/actions/resource';

export const BINARY_RESOURCES: readonly ResourceDefinition[] = [mediaResource, playgroundResource, exportResource];

export function withBinaryResources(original: { RESOURCES: readonly ResourceDefinition[] }): {
	RESOURCES: readonly ResourceDefinition[];
} {
	const listed = new Set(original.RESOURCES.map((resource) => resource.value));
	return { ...original, RESOURCES: [...original.RESOURCES, ...BINARY_RESOURCES.filter((r) => !listed.has(r.value))] };
}
