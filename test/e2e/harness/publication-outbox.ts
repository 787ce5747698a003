import { existsSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { Client } from 'pg';

import { pollUntil } from './poll';

/**
 * n8n 2.41 publishes and unpublishes through an outbox (N8N_USE_WORKFLOW_PUBLICATION_SERVICE, on
 * by default): the REST call only records the change and answers, and a consumer applies it a
 * moment later — calling the trigger's webhook methods then. Until it has, the previous state
 * still holds (an "unpublished" workflow may still be served), so a test that goes on at once
 * races n8n. Read from n8n's own database (SQLite for one n8n, PostgreSQL in queue mode), read-only.
 */

interface OutboxRow {
	id: number;
	status: string;
	reason: string;
	errorMessage: string | null;
	createdAt: string;
	updatedAt: string;
}

/** Where n8n keeps its outbox. */
export interface PublicationOutbox {
	rows(workflowId: string): Promise<OutboxRow[]>;
}

/** Waits this long for n8n's writer instead of failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/** n8n's columns are camelCase on every database, so they are quoted for PostgreSQL. */
const OUTBOX_QUERY = `SELECT "id", "status", "reason", "errorMessage", "createdAt", "updatedAt"
	FROM workflow_publication_outbox WHERE "workflowId" = $1 ORDER BY "id"`;

/** The outbox of an n8n on SQLite (the database in its user folder). */
export function sqliteOutbox(userFolder: string): PublicationOutbox {
	const file = path.join(userFolder, '.n8n', 'database.sqlite');
	return {
		async rows(workflowId) {
			if (!existsSync(file)) throw new Error(`no n8n database at ${file}`);
			const db = new DatabaseSync(file, { readOnly: true, timeout: BUSY_TIMEOUT_MS });
			try {
				// SQLite reads `$1` as a named parameter of that name.
				return db.prepare(OUTBOX_QUERY).all({ $1: workflowId }) as unknown as OutboxRow[];
			} finally {
				db.close();
			}
		},
	};
}

/** The outbox of n8n instances sharing a PostgreSQL database (queue mode). */
export function postgresOutbox(connectionString: string): PublicationOutbox {
	return {
		async rows(workflowId) {
			const client = new Client({ connectionString });
			await client.connect();
			try {
				return (await client.query<OutboxRow>(OUTBOX_QUERY, [workflowId])).rows;
			} finally {
				await client.end();
			}
		},
	};
}

/**
 * Whether n8n has applied every publish and unpublish of the workflow recorded so far. Asked after
 * a publish or unpublish, so there is at least one record: none means the wrong database or table.
 */
async function publicationsApplied(
	outbox: PublicationOutbox,
	workflowId: string,
): Promise<boolean> {
	const rows = await outbox.rows(workflowId);
	return (
		rows.length > 0 && rows.every((row) => row.status !== 'pending' && row.status !== 'in_progress')
	);
}

/** Waits until n8n has applied every publish and unpublish of the workflow recorded so far. */
export async function untilPublicationsApplied(
	outbox: PublicationOutbox,
	workflowId: string,
): Promise<void> {
	await pollUntil(
		async () => ((await publicationsApplied(outbox, workflowId)) ? true : undefined),
		{ what: `n8n to apply the publication changes of workflow ${workflowId}` },
	);
}

/** The workflow's outbox records, for a timeout message. */
export async function describeOutbox(
	outbox: PublicationOutbox,
	workflowId: string,
): Promise<string> {
	try {
		const rows = await outbox.rows(workflowId);
		return `publication outbox of workflow ${workflowId}:\n${rows.map((row) => JSON.stringify(row)).join('\n')}`;
	} catch (error) {
		return `(could not read the publication outbox: ${error instanceof Error ? error.message : String(error)})`;
	}
}
