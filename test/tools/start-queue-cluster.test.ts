import { randomUUID } from 'node:crypto';

import { afterEach, describe, expect, it } from 'vitest';

import { n8nPaths } from '../../tools/n8n/paths';
import { queueEncryptionKey, startPostgresName } from '../../tools/n8n/start-queue';
import { removePostgresCluster } from '../../tools/services/postgres';

/**
 * `npm start -- --queue` keeps a PostgreSQL cluster between runs. A second cache folder
 * (VV_N8N_CACHE) once shared that cluster while creating a new encryption key beside itself, and n8n
 * refused to start on credentials written under the other key.
 */

const created: string[] = [];
afterEach(() => created.splice(0).forEach((name) => removePostgresCluster(name)));

describe('the cluster and key npm start -- --queue keeps', () => {
	it('is one cluster per cache folder, the same one every time for a folder', () => {
		const a = startPostgresName(n8nPaths('/tmp/vv-cache-a'));
		expect(startPostgresName(n8nPaths('/tmp/vv-cache-a/'))).toBe(a);
		expect(startPostgresName(n8nPaths('/tmp/vv-cache-b'))).not.toBe(a);
		expect(a).toMatch(/^npm-start-[0-9a-f]{12}$/);
	});

	it('keeps the encryption key with the cluster: stable while it lives, new once it is reset', () => {
		const name = `test-${randomUUID()}`;
		created.push(name);
		const key = queueEncryptionKey(name);
		expect(key).toMatch(/^[\w-]{32}$/);
		expect(queueEncryptionKey(name)).toBe(key);
		removePostgresCluster(name);
		expect(queueEncryptionKey(name)).not.toBe(key);
	});
});
