import { describe, expect, it } from 'vitest';

import { runNode, TEST_API_KEY, TEST_BASE_URL } from '../../support/run-node';
import { byId, failureOf, multipartOf, path } from '../../support/node-fixtures';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const connector = { connector_id: 'conn_1', name: 'Media', provider: 's3', status: 'active' };

const s3Params = {
	resource: 'connector',
	operation: 'createS3',
	name: ' Media ',
	bucket: 'media-bucket',
	region: 'eu-west-1',
	accessKeyId: 'AKIAEXAMPLE',
	secretAccessKey: SECRET,
	options: {},
};

describe('Connector: create', () => {
	it('S3 sends every field under the API names, default scopes and mode, and an Idempotency-Key', async () => {
		const { requests, output } = await runNode({
			parameters: s3Params,
			respond: () => ({ statusCode: 201, body: connector }),
		});
		expect(requests).toHaveLength(1);
		expect(requests[0].method).toBe('POST');
		expect(requests[0].url).toBe(`${TEST_BASE_URL}/connectors/s3`);
		expect(requests[0].body).toEqual({
			name: 'Media',
			bucket: 'media-bucket',
			region: 'eu-west-1',
			aws_access_key_id: 'AKIAEXAMPLE',
			aws_secret_access_key: SECRET,
			scopes: ['import'],
			import_mode: 'all',
		});
		expect(requests[0].headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{64}$/);
		expect(output).toEqual([{ json: connector, pairedItem: { item: 0 } }]);
	});

	it('S3 passes scopes, import mode and export base path from Options', async () => {
		const { requests } = await runNode({
			parameters: {
				...s3Params,
				options: {
					scopes: ['import', 'export'],
					importMode: 'new_only',
					exportBasePath: 'exports/',
				},
			},
			respond: () => ({ statusCode: 201, body: connector }),
		});
		expect(requests[0].body).toMatchObject({
			scopes: ['import', 'export'],
			import_mode: 'new_only',
			export_base_path: 'exports/',
		});
	});

	it('an API error never shows the secret access key', async () => {
		const run = runNode({
			parameters: s3Params,
			respond: () => ({
				statusCode: 422,
				body: {
					error: {
						code: 'validation_failed',
						message: `bad credentials: aws_secret_access_key=${SECRET}`,
						details: { field: 'aws_secret_access_key' },
					},
				},
			}),
		});
		const error = await failureOf(run);
		expect(error).toBeInstanceOf(Error);
		expect(`${error.message} ${error.description ?? ''}`).not.toContain(SECRET);
	});

	it('Azure sends the app registration fields', async () => {
		const { requests } = await runNode({
			parameters: {
				resource: 'connector',
				operation: 'createAzure',
				name: 'Blob',
				storageAccount: 'acct',
				container: 'videos',
				tenantId: 'tenant-1',
				clientId: 'client-1',
				clientSecret: 'azure-secret-value',
				options: { scopes: ['export'] },
			},
			respond: () => ({ statusCode: 201, body: { ...connector, provider: 'azure' } }),
		});
		expect(path(requests[0].url)).toBe('/connectors/azure');
		expect(requests[0].body).toEqual({
			name: 'Blob',
			storage_account: 'acct',
			container: 'videos',
			tenant_id: 'tenant-1',
			client_id: 'client-1',
			client_secret: 'azure-secret-value',
			scopes: ['export'],
			import_mode: 'all',
		});
	});

	it.each([
		['an empty name', { name: '  ' }, 'Name is required'],
		[
			'a name over 100 characters',
			{ name: 'n'.repeat(101) },
			'Name must be at most 100 characters long (got 101)',
		],
		['no scope', { options: { scopes: [] } }, 'Select at least one scope'],
		['an empty secret', { secretAccessKey: '' }, 'Secret Access Key is required'],
	])('refuses %s before sending anything', async (_case, override, message) => {
		const requests: unknown[] = [];
		const run = runNode({
			parameters: { ...s3Params, ...override },
			respond: (r) => (requests.push(r), { body: {} }),
		});
		await expect(run).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
	});
});

describe('Connector: create GCS (multipart)', () => {
	const key = {
		type: 'service_account',
		project_id: 'proj',
		private_key: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n',
		client_email: 'sa@proj.iam.gserviceaccount.com',
	};
	const gcsParams = {
		resource: 'connector',
		operation: 'createGcs',
		name: 'GCS',
		bucket: 'gcs-bucket',
		gcpProjectId: 'proj',
		credentialsSource: 'binary',
		binaryPropertyName: 'keyFile',
		options: { scopes: ['import', 'export'], exportBasePath: 'out' },
	};
	const keyItem = (bytes: Buffer, fileName = 'sa.json') => [
		{
			json: {},
			binary: {
				keyFile: { data: bytes.toString('base64'), mimeType: 'application/json', fileName },
			},
		},
	];

	it('sends fields as parts, scopes repeated, and the key file from a binary property as application/json', async () => {
		const bytes = Buffer.from(JSON.stringify(key));
		const { requests } = await runNode({
			parameters: gcsParams,
			items: keyItem(bytes),
			respond: () => ({ statusCode: 201, body: { ...connector, provider: 'gcs' } }),
		});
		expect(path(requests[0].url)).toBe('/connectors/gcs');
		expect(requests[0].headers['idempotency-key']).toMatch(/^n8n-/);
		expect(requests[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const form = await multipartOf(requests[0].body);
		expect([...form.keys()]).toEqual([
			'name',
			'bucket',
			'gcp_project_id',
			'scopes',
			'scopes',
			'import_mode',
			'export_base_path',
			'credentials_file',
		]);
		expect(form.get('name')).toBe('GCS');
		expect(form.get('bucket')).toBe('gcs-bucket');
		expect(form.get('gcp_project_id')).toBe('proj');
		expect(form.getAll('scopes')).toEqual(['import', 'export']);
		expect(form.get('import_mode')).toBe('all');
		expect(form.get('export_base_path')).toBe('out');
		const file = form.get('credentials_file') as File;
		expect(file.name).toBe('sa.json');
		expect(file.type).toBe('application/json');
		expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
	});

	it('takes the key from the JSON parameter too', async () => {
		const { requests } = await runNode({
			parameters: {
				...gcsParams,
				credentialsSource: 'json',
				serviceAccountJson: JSON.stringify(key),
				options: {},
			},
			respond: () => ({ statusCode: 201, body: connector }),
		});
		const form = await multipartOf(requests[0].body);
		const file = form.get('credentials_file') as File;
		expect(JSON.parse(await file.text())).toEqual(key);
		expect(form.get('export_base_path')).toBeNull();
		expect(form.getAll('scopes')).toEqual(['import']);
	});

	it.each([
		[
			'a key that is not JSON',
			{ credentialsSource: 'json', serviceAccountJson: '{"private_key": "abc"' },
			'not a JSON object',
		],
		['a JSON array', { credentialsSource: 'json', serviceAccountJson: '[1]' }, 'not a JSON object'],
		[
			'an empty key',
			{ credentialsSource: 'json', serviceAccountJson: ' ' },
			'Service Account Key (JSON) is required',
		],
		[
			'a key over 64 KiB',
			{
				credentialsSource: 'json',
				serviceAccountJson: JSON.stringify({ pad: 'x'.repeat(65 * 1024) }),
			},
			'larger than 64 KiB',
		],
		['a missing binary property', { binaryPropertyName: 'nothing' }, "binary file 'nothing'"],
	])(
		'refuses %s before sending anything, without echoing the key',
		async (_case, override, message) => {
			const requests: unknown[] = [];
			const run = runNode({
				parameters: { ...gcsParams, ...override },
				items: keyItem(Buffer.from(JSON.stringify(key))),
				respond: (r) => (requests.push(r), { body: {} }),
			});
			const error = await failureOf(run);
			expect(error.message).toContain(message);
			expect(error.message).not.toContain('private_key');
			expect(requests).toHaveLength(0);
		},
	);
});

describe('Connector: read, test, browse, delete', () => {
	it('list trims the plain array to the limit', async () => {
		const all = Array.from({ length: 5 }, (_, i) => ({ connector_id: `conn_${i}` }));
		const { requests, output } = await runNode({
			parameters: { resource: 'connector', operation: 'getAll', returnAll: false, limit: 2 },
			respond: () => ({ body: all }),
		});
		expect(requests[0].method).toBe('GET');
		expect(requests[0].url).toBe(`${TEST_BASE_URL}/connectors`);
		expect(output.map((item) => item.json.connector_id)).toEqual(['conn_0', 'conn_1']);
	});

	it('get and delete address the connector by encoded id', async () => {
		const get = await runNode({
			parameters: { resource: 'connector', operation: 'get', connectorId: byId('conn/1') },
			respond: () => ({ body: connector }),
		});
		expect(get.requests[0].method).toBe('GET');
		expect(get.requests[0].url).toBe(`${TEST_BASE_URL}/connectors/conn%2F1`);
		const del = await runNode({
			parameters: { resource: 'connector', operation: 'delete', connectorId: byId('conn_1') },
			respond: () => ({ body: { message: 'Connector deleted' } }),
		});
		expect(del.requests[0].method).toBe('DELETE');
		expect(path(del.requests[0].url)).toBe('/connectors/conn_1');
		expect(del.requests[0].headers['idempotency-key']).toBeUndefined();
		expect(del.output[0].json).toEqual({ deleted: true, id: 'conn_1' });
	});

	it('test is a bodyless POST with an Idempotency-Key and returns the outcome', async () => {
		const { requests, output } = await runNode({
			parameters: {
				resource: 'connector',
				operation: 'test',
				connectorId: byId('conn_1'),
				options: { idempotencyKey: 'check-1' },
			},
			respond: () => ({ body: { success: false, error_message: 'AccessDenied' } }),
		});
		expect(requests[0].method).toBe('POST');
		expect(path(requests[0].url)).toBe('/connectors/conn_1/test');
		expect(requests[0].body).toBeUndefined();
		expect(requests[0].headers['idempotency-key']).toBe('check-1');
		expect(output[0].json).toEqual({ success: false, error_message: 'AccessDenied' });
	});

	it('browse sends prefix, pattern, recursive and the limit, and returns one item per file', async () => {
		const files = [
			{ path: 'a/1.mp4', name: '1.mp4' },
			{ path: 'a/2.mp4', name: '2.mp4' },
			{ path: 'a/3.mp4', name: '3.mp4' },
		];
		const limited = await runNode({
			parameters: {
				resource: 'connector',
				operation: 'browse',
				connectorId: byId('conn_1'),
				filters: { prefix: 'a/', pattern: '*.mp4', recursive: false },
				returnAll: false,
				limit: 2,
			},
			respond: () => ({ body: files }),
		});
		expect(limited.requests[0].method).toBe('POST');
		expect(path(limited.requests[0].url)).toBe('/connectors/conn_1/browse');
		expect(limited.requests[0].body).toEqual({
			prefix: 'a/',
			pattern: '*.mp4',
			recursive: false,
			limit: 2,
		});
		expect(limited.requests[0].headers['idempotency-key']).toBeUndefined();
		expect(limited.output.map((item) => item.json.path)).toEqual(['a/1.mp4', 'a/2.mp4']);

		const all = await runNode({
			parameters: {
				resource: 'connector',
				operation: 'browse',
				connectorId: byId('conn_1'),
				filters: { prefix: '', pattern: '' },
				returnAll: true,
			},
			respond: () => ({ body: files }),
		});
		expect(all.requests[0].body).toEqual({
			prefix: '',
			pattern: '*',
			recursive: true,
			limit: 1000,
		});
		expect(all.output).toHaveLength(3);
	});

	it('refuses an empty connector id before sending', async () => {
		const requests: unknown[] = [];
		const run = runNode({
			parameters: { resource: 'connector', operation: 'get', connectorId: byId(' ') },
			respond: (r) => (requests.push(r), { body: {} }),
		});
		await expect(run).rejects.toThrow('Connector is required');
		expect(requests).toHaveLength(0);
	});
});

it('never sends the API key anywhere but the X-API-Key header', async () => {
	const { requests } = await runNode({
		parameters: s3Params,
		respond: () => ({ statusCode: 201, body: connector }),
	});
	expect(requests[0].headers['x-api-key']).toBe(TEST_API_KEY);
	expect(JSON.stringify(requests[0].body)).not.toContain(TEST_API_KEY);
});
