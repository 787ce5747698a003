import type { IDataObject } from 'n8n-workflow';

/**
 * The one item every delete outputs, whatever the API answered (204 without a body, `{}`,
 * `{ "message": … }`, `{ "status": "deleted" }`): `{ deleted: true, id }`, so the next node reads
 * the same fields after any delete. Durable deletions (indexes, media) go on in the background:
 * their `deletion_id` and `status` are kept, to follow with Get Deletion.
 */
export function deletedOutput(id: string, answer?: unknown): IDataObject {
	const output: IDataObject = { deleted: true, id };
	if (answer && typeof answer === 'object' && !Array.isArray(answer)) {
		const { deletion_id: deletionId, status } = answer as IDataObject;
		if (deletionId !== undefined && deletionId !== null) output.deletion_id = deletionId;
		if (typeof status === 'string' && deletionId !== undefined) output.status = status;
	}
	return output;
}
