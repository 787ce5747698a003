import { existsSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/**
 * n8n 2.41 publishes and unpublishes through an outbox (N8N_USE_WORKFLOW_PUBLICATION_SERVICE, on
 * by default): the REST call only records the change, a consumer applies it later, one record per
 * workflow at a time, and a record left "in_progress" by a stopped process blocks the workflow's
 * next ones until its lease (2 min) expires. Printed when a wait for a publish or unpublish to take
 * effect times out, to tell that queue apart from a failing trigger method.
 */
export function publicationOutbox(userFolder: string, workflowId: string): string {
	const file = path.join(userFolder, '.n8n', 'database.sqlite');
	if (!existsSync(file)) return '(no n8n database)';
	const db = new DatabaseSync(file, { readOnly: true });
	try {
		const rows = db
			.prepare(
				`SELECT id, status, reason, errorMessage, createdAt, updatedAt FROM workflow_publication_outbox
				 WHERE workflowId = ? ORDER BY id`,
			)
			.all(workflowId);
		return `publication outbox of workflow ${workflowId}:\n${rows.map((row) => JSON.stringify(row)).join('\n')}`;
	} catch (error) {
		return `(could not read the publication outbox: ${error instanceof Error ? error.message : String(error)})`;
	} finally {
		db.close();
	}
}
