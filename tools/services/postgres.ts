import { execFile } from 'node:child_process';
import {
	chownSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';

import { freePort } from '../n8n/free-port';
import type { Log } from '../n8n/log';
import { type BackgroundProcess, startBackground } from './background-process';
import { ensureDebianPackage } from './debian-package';

const run = promisify(execFile);

/**
 * A throw-away (or, with `name`, a kept) PostgreSQL cluster on a free 127.0.0.1 port, from Debian's
 * `postgresql` package (installed with apt-get when missing). PostgreSQL refuses to run as root,
 * so under root every server command runs as the package's own `postgres` user. Trust
 * authentication on loopback only: a local development and test database, never a deployment.
 */
export interface RunningPostgres {
	host: string;
	port: number;
	user: string;
	database: string;
	/** `postgres://postgres@127.0.0.1:<port>/<database>` */
	url: string;
	dataDir: string;
	process: BackgroundProcess;
	stop(): Promise<void>;
}

export interface PostgresOptions {
	log: Log;
	database?: string;
	/** Keep the cluster between runs under this name (`npm start`); omitted: a temporary one, deleted on stop. */
	name?: string;
}

const SUPERUSER = 'postgres';

function binDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((entry) => existsSync(path.join(root, entry, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

/** uid/gid to run the server as: the `postgres` system user under root, ourselves otherwise. */
function serverIdentity(): { uid?: number; gid?: number } {
	if (process.getuid?.() !== 0) return {};
	const line = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith(`${SUPERUSER}:`));
	const [, , uid, gid] = line?.split(':') ?? [];
	if (uid === undefined || gid === undefined)
		throw new Error(`running as root, but there is no "${SUPERUSER}" user to run PostgreSQL as`);
	return { uid: Number(uid), gid: Number(gid) };
}

function clustersDir(): string {
	return process.getuid?.() === 0
		? path.join('/var/tmp', 'n8n-nodes-videovector-postgres')
		: path.join(os.tmpdir(), `n8n-nodes-videovector-postgres-${process.getuid?.() ?? 'user'}`);
}

/** Deletes a kept cluster (it must not be running): `npm start -- --reset`. */
export function removePostgresCluster(name: string): void {
	rmSync(path.join(clustersDir(), name), { recursive: true, force: true });
}

/** Under root the data lives where the postgres user can reach it (root's home is closed to it). */
function dataDirFor(name: string | undefined): { dir: string; temporary: boolean } {
	const base = clustersDir();
	mkdirSync(base, { recursive: true, mode: 0o755 });
	if (name) return { dir: path.join(base, name), temporary: false };
	return { dir: mkdtempSync(path.join(base, 'cluster-')), temporary: true };
}

const serverEnv = { PATH: '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' };

async function isReady(bin: string, port: number): Promise<boolean> {
	try {
		await run(path.join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)]);
		return true;
	} catch {
		return false;
	}
}

export async function startPostgres(options: PostgresOptions): Promise<RunningPostgres> {
	await ensureDebianPackage('postgresql', () => binDir() !== undefined, options.log);
	const bin = binDir() as string;
	const identity = serverIdentity();
	const database = options.database ?? 'n8n';
	const { dir, temporary } = dataDirFor(options.name);
	const pgData = path.join(dir, 'data');
	if (!existsSync(path.join(pgData, 'PG_VERSION'))) {
		rmSync(pgData, { recursive: true, force: true });
		mkdirSync(pgData, { recursive: true, mode: 0o700 });
		if (identity.uid !== undefined) chownSync(dir, identity.uid, identity.gid as number);
		if (identity.uid !== undefined) chownSync(pgData, identity.uid, identity.gid as number);
		await run(
			path.join(bin, 'initdb'),
			['-D', pgData, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
			{ ...identity, env: serverEnv, cwd: dir },
		);
	}
	const port = await freePort();
	const child = startBackground(
		path.join(bin, 'postgres'),
		[
			'-D',
			pgData,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			// n8n opens a pool per process (main, webhook, workers) plus the tests' own connections.
			'-c',
			'max_connections=200',
		],
		path.join(dir, 'postgres.log'),
		{ ...identity, env: serverEnv, cwd: dir },
	);
	let gone = false;
	void child.exited.then(() => {
		gone = true;
	});
	const deadline = performance.now() + 60_000;
	while (!gone && performance.now() < deadline && !(await isReady(bin, port))) await delay(200);
	if (gone || !(await isReady(bin, port))) {
		await child.stop('SIGKILL');
		throw new Error(`PostgreSQL did not start on port ${port}:\n${child.logTail(20)}`);
	}
	try {
		await run(path.join(bin, 'createdb'), [
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-U',
			SUPERUSER,
			database,
		]);
	} catch (error) {
		if (!/already exists/.test(String((error as { stderr?: string }).stderr))) {
			await child.stop('SIGINT');
			throw error;
		}
	}
	return {
		host: '127.0.0.1',
		port,
		user: SUPERUSER,
		database,
		url: `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`,
		dataDir: pgData,
		process: child,
		async stop() {
			// SIGINT: PostgreSQL's "fast" shutdown (ends sessions, checkpoints, exits).
			await child.stop('SIGINT', 20_000);
			if (temporary) rmSync(dir, { recursive: true, force: true });
		},
	};
}
