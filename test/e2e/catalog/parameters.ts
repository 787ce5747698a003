import type { INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { visibleParameters } from '../harness/node-description';
import type { CatalogFixture } from './fixtures';
import type { CatalogOperation } from './operations';

/**
 * Parameter values for one catalog node. Values are chosen by parameter NAME (ids from the
 * fixture, throwaway ids for destructive phases), filled into whatever the description shows as
 * required for the operation, so renamed operations keep working. Parameters that are not
 * required stay at their defaults, except the few named in OVERRIDES (waiting, key sources).
 */

type Value = INodeParameters[string];

const rl = (value: string): Value => ({ __rl: true, mode: 'id', value });

const SCHEMA = JSON.stringify({ type: 'object', properties: { summary: { type: 'string' } } });

/** Set whenever shown, required or not: no operation may wait on a frozen clock or read a binary key file. */
const OVERRIDES: Record<string, Value> = {
	waitForCompletion: false,
	credentialsSource: 'json',
	limit: 5,
	maxWaitSeconds: 1,
};

/** Optional on their own, but an operation needs one of them (n8n-side checks): filled whenever shown. */
const FILL_WHEN_SHOWN = new Set([
	'files',
	'conditions',
	'runIds',
	'textQuery',
	'query',
	'updateFields',
]);

function idFor(name: string, op: CatalogOperation, f: CatalogFixture): string | undefined {
	const throwaway = op.phase === 2 || op.phase === 3;
	const d = f.disposable;
	switch (name) {
		case 'indexId':
			return throwaway ? d.indexId : f.indexId;
		case 'videoId':
			if (throwaway) return d.videoId;
			return op.operation.startsWith('retrySegment')
				? f.failedSegment.videoId
				: op.operation.startsWith('getSegmentRetry')
					? f.retried.videoId
					: f.videoId;
		case 'segmentId':
			return op.operation.startsWith('retrySegment')
				? f.failedSegment.segmentId
				: op.operation.startsWith('getSegmentRetry')
					? f.retried.segmentId
					: f.segmentId;
		case 'retryId':
			return f.retried.retryId;
		case 'promptId':
			return throwaway ? d.promptId : f.promptId;
		case 'runId':
			if (throwaway) return d.activeRunId;
			return /(video|media)Result/i.test(op.operation) ? f.videoLevelRunId : f.runId;
		case 'connectorId':
			return throwaway ? d.connectorId : f.connectorId;
		case 'exportId':
			return f.exportId;
		case 'webhookId':
			return throwaway ? d.webhookId : f.webhookId;
		case 'deliveryId':
			return f.deliveryId;
		case 'sessionId':
			return throwaway ? d.sessionId : f.sessionId;
		case 'turnId':
			return f.turnId;
		case 'markerId':
			return throwaway ? d.markerId : f.markerId;
		case 'keyId':
			return throwaway
				? /revoke/i.test(op.operation)
					? d.revokeKeyId
					: d.deleteKeyId
				: f.apiKeyId;
		case 'jobId':
			return throwaway ? d.activeJobId : f.retryableJobId;
		case 'targetId':
			return f.runId;
		default:
			return undefined;
	}
}

function plainValue(
	name: string,
	op: CatalogOperation,
	f: CatalogFixture,
	origin: string,
): Value | undefined {
	switch (name) {
		case 'name':
			return `Catalog ${op.id}`;
		case 'title':
			return 'Catalog title';
		case 'videoIds':
			return f.videoIds.slice(0, 2).join(', ');
		case 'runIds':
		case 'scopeRunIds':
			return f.runId;
		case 'indexName':
			return 'Catalog index';
		case 'query':
			return op.operation.startsWith('sql') ? 'SELECT * FROM results LIMIT 5' : 'people talking';
		case 'message':
			return 'What happens in the videos?';
		case 'instruction':
		case 'promptInstruction':
			return 'Describe the people in every scene';
		case 'promptText':
			return 'Describe every scene in detail';
		case 'jsonSchema':
			return SCHEMA;
		case 'sampleData':
			return JSON.stringify({ summary: 'two people talk' });
		case 'binaryPropertyName':
			return 'data';
		case 'videoUri':
			return 'gs://catalog-bucket/new-video.mp4';
		case 'gcsUri':
			return f.gcsUri;
		case 'url':
			return `${origin}/catalog-receiver-that-refuses`;
		case 'fieldPath':
			return 'summary';
		case 'bucket':
			return 'catalog-bucket';
		case 'region':
			return 'eu-west-1';
		case 'accessKeyId':
			return 'AKIACATALOG';
		case 'secretAccessKey':
		case 'clientSecret':
			return 'catalog-secret';
		case 'storageAccount':
			return 'catalogaccount';
		case 'container':
			return 'catalog-container';
		case 'tenantId':
		case 'clientId':
			return '00000000-0000-0000-0000-000000000000';
		case 'gcpProjectId':
			return 'catalog-project';
		case 'serviceAccountJson':
			return JSON.stringify({
				type: 'service_account',
				project_id: 'catalog-project',
				client_email: 'catalog@catalog-project.iam.gserviceaccount.com',
				private_key: 'catalog',
			});
		case 'videoSegmentDuration':
		case 'audioSegmentDuration':
		case 'segmentDuration':
			return 10;
		case 'conditions':
			return { condition: [{ field: 'summary', type: 'string', operator: 'is_not_empty' }] };
		case 'files':
			return {
				file: [
					{ downloadUrl: 'https://example.com/catalog-import.mp4', fileId: `catalog-${op.id}` },
				],
			};
		case 'textQuery':
			return 'people talking';
		case 'updateFields':
			return { name: `Catalog renamed ${op.resource}` };
		case 'targets':
			return { target: [{ videoId: f.videoId, runId: f.runId }] };
		default:
			return undefined;
	}
}

function valueFor(
	property: INodeProperties,
	op: CatalogOperation,
	f: CatalogFixture,
	origin: string,
): Value | undefined {
	const id = idFor(property.name, op, f);
	if (id !== undefined) return property.type === 'resourceLocator' ? rl(id) : id;
	const plain = plainValue(property.name, op, f, origin);
	// A multi-select stores the chosen IDs as an array, as the editor does.
	if (property.type === 'multiOptions' && typeof plain === 'string') return plain.split(', ');
	if (plain !== undefined) return plain;
	// Required multi-selects: the first offered choice; webhook events load from the API, so name one.
	if (property.type === 'multiOptions')
		return property.options?.length
			? [String((property.options[0] as { value: unknown }).value)]
			: property.name === 'events'
				? ['prompt_run.completed']
				: undefined;
	return undefined;
}

export interface FilledParameters {
	parameters: INodeParameters;
	/** Required parameters the catalog has no value for: the operation is reported, not guessed. */
	missing: string[];
}

export function fillParameters(
	description: INodeTypeDescription,
	op: CatalogOperation,
	fixture: CatalogFixture,
	origin: string,
): FilledParameters {
	const parameters: INodeParameters = { resource: op.resource, operation: op.operation };
	const missing = new Set<string>();
	// Filling one parameter can reveal others (a Target option shows its ID field): repeat until stable.
	for (let round = 0; round < 5; round++) {
		let changed = false;
		for (const property of visibleParameters(description, parameters)) {
			if (property.name in parameters) continue;
			if (property.name in OVERRIDES) {
				parameters[property.name] = OVERRIDES[property.name] as Value;
				changed = true;
				continue;
			}
			if (!property.required && !FILL_WHEN_SHOWN.has(property.name)) continue;
			const value = valueFor(property, op, fixture, origin);
			if (value === undefined) {
				missing.add(property.name);
				continue;
			}
			parameters[property.name] = value;
			missing.delete(property.name);
			changed = true;
		}
		if (!changed) break;
	}
	return { parameters, missing: [...missing] };
}
