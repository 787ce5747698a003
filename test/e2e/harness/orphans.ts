import { reapOrphanedGroups, recordGroup } from '../../../tools/n8n/group-registry';
import type { Log } from '../../../tools/n8n/log';
import { n8nPaths } from '../../../tools/n8n/paths';

/**
 * The e2e harness records every process group it starts detached (n8n per stack, Chromium) here,
 * in the shared cache, so a run killed too hard to clean up (SIGKILL of a vitest worker, a soak
 * interrupted mid-run) leaves nothing behind for long: the next run stops those groups at start.
 * Other e2e runs on the machine record into the same folder; their groups are left alone while
 * the process that started them runs.
 */
export function harnessGroupRegistry(): string {
	return n8nPaths().groups;
}

/** Records a group the harness just started; the result forgets it once the group is stopped. */
export function recordHarnessGroup(leaderPid: number, label: string, folder?: string): () => void {
	return recordGroup(harnessGroupRegistry(), leaderPid, label, { folder });
}

/** Stops the groups of earlier runs whose starter died, and says which it stopped. */
export async function reapOrphanedHarnessGroups(log: Log): Promise<void> {
	for (const group of await reapOrphanedGroups(harnessGroupRegistry()))
		log(`stopped ${group.label} (pid ${group.pid}) left running by an earlier, killed e2e run`);
}
