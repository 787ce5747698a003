import { existsSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/**
 * n8n 2.41 publishes and unpublishes through an outbox (N8N_USE_WORKFLOW_PUBLICATION_SERVICE, on
 * by default): the REST call only records the change and answers, and a consumer applies it a
 * moment later — calling the trigger's webhook methods then. Until it has, the previous state
 * still holds (an "unpublished" workflow may still be served), so a test that goes on at once
 * races n8n. Read from n8n's own database, read-only.
 */

interface OutboxRow {
	id: number;
	status: string;
	reason: string;
	errorMessage: string | null;
	createdAt: string;
	updatedAt: string;
}

/** Waits this long for n8n's writer instead of failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

function outboxRows(userFolder: string, workflowId: string): OutboxRow[] {
	const file = path.join(userFolder, '.n8n', 'database.sqlite');
	if (!existsSync(file)) throw new Error(`no n8n database at ${file}`);
	const db = new DatabaseSync(file, { readOnly: true, timeout: BUSY_TIMEOUT_MS });
	try {
		return db
			.prepare(
				`SELECT id, status, reason, errorMessage, createdAt, updatedAt FROM workflow_publication_outbox
				 WHERE workflowId = ? ORDER BY id`,
			)
			.all(workflowId) as unknown as OutboxRow[];
	} finally {
		db.close();
	}
}

/** Whether n8n has applied every publish and unpublish of the workflow recorded so far. */
export function publicationsApplied(userFolder: string, workflowId: string): boolean {
	return outboxRows(userFolder, workflowId).every(
		(row) => row.status !== 'pending' && row.status !== 'in_progress',
	);
}

/** The workflow's outbox records, for a timeout message. */
export function publicationOutbox(userFolder: string, workflowId: string): string {
	try {
		const rows = outboxRows(userFolder, workflowId);
		return `publication outbox of workflow ${workflowId}:\n${rows.map((row) => JSON.stringify(row)).join('\n')}`;
	} catch (error) {
		return `(could not read the publication outbox: ${error instanceof Error ? error.message : String(error)})`;
	}
}
