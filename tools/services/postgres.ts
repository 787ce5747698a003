/**
 * A throwaway PostgreSQL server for tests, benchmarks and `npm start` topologies: Debian's
 * `postgresql` package (installed with apt-get when missing, as CI is a fresh Debian machine running
 * as root with only the npm and Debian registries), a cluster initialised in a temporary directory,
 * listening on 127.0.0.1 on a free port, removed again by `stop()`.
 *
 * PostgreSQL refuses to run as root: when this process is root the cluster belongs to the
 * `postgres` system user the package creates (or `nobody` when there is none), and every server
 * binary runs as that user.
 *
 * Used as a library (`startPostgres`) or from the command line, which prints the URL and keeps the
 * server up until Ctrl-C: `npx tsx tools/services/postgres.ts`.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
	chownSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	realpathSync,
	rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePort } from '../n8n/free-port';
import { recordGroup } from '../n8n/group-registry';
import { withInstallLock } from '../n8n/install-lock';
import { consoleLog, type Log, withHeartbeat } from '../n8n/log';
import { aptInstall, aptUpdate } from './debian-package';

export interface RunningPostgres {
	host: string;
	port: number;
	user: string;
	database: string;
	/** `postgres://postgres@127.0.0.1:<port>/<database>` (trust authentication, loopback only). */
	url: string;
	/** The cluster's data directory. */
	dataDir: string;
	/** Another empty database on the same server, for a test that wants a clean slate; returns its URL. */
	createDatabase(name: string): Promise<string>;
	/** Stops the server (a temporary cluster is thrown away with its directory). */
	stop(): Promise<void>;
}

export interface PostgresOptions {
	log?: Log;
	/** Created when missing; default `n8n`. */
	database?: string;
	/** Keep the cluster between runs under this name (`npm start`); omitted: a temporary one, deleted on stop. */
	name?: string;
	/** Extra server settings (`-c name=value`), e.g. `{ max_connections: '300' }`. */
	settings?: Record<string, string>;
	/**
	 * A group registry (tools/n8n/group-registry.ts) to record the server in while it runs. The
	 * postmaster detaches into a session of its own, so nothing stops it when this process is
	 * killed hard; a later run's reaper does, once it finds this process gone.
	 */
	groupRegistry?: string;
}

const SUPERUSER = 'postgres';
const INSTALL_LOCK_DIR = path.join(tmpdir(), 'videovector-postgres-install');

/** The directory holding initdb/pg_ctl: on PATH, else Debian's newest /usr/lib/postgresql/<v>/bin. */
export function findPostgresBin(): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		// Through symlinks (e.g. /usr/local/bin/initdb): the other binaries sit beside the real one.
		if (dir !== '' && existsSync(path.join(dir, 'initdb')))
			return path.dirname(realpathSync(path.join(dir, 'initdb')));
	}
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((name) => /^\d+$/.test(name))
		.sort((a, b) => Number(b) - Number(a));
	for (const version of versions) {
		const bin = path.join(root, version, 'bin');
		if (existsSync(path.join(bin, 'initdb'))) return bin;
	}
	return undefined;
}

function onPath(name: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Finds the server binaries, installing Debian's `postgresql` package first when they are missing. */
export async function ensurePostgres(log: Log = consoleLog): Promise<string> {
	const found = findPostgresBin();
	if (found !== undefined) return found;
	if (process.getuid?.() !== 0 || !onPath('apt-get')) {
		throw new Error(
			'PostgreSQL is not installed. Install it (Debian/Ubuntu: `sudo apt-get install -y postgresql`) or put initdb and pg_ctl on PATH.',
		);
	}
	return withInstallLock(INSTALL_LOCK_DIR, log, async () => {
		const again = findPostgresBin();
		if (again !== undefined) return again;
		await withHeartbeat(
			log,
			'installing PostgreSQL from Debian (apt-get install postgresql)',
			(async () => {
				await aptUpdate();
				await aptInstall(['postgresql']);
			})(),
		);
		const installed = findPostgresBin();
		if (installed === undefined)
			throw new Error('apt-get installed postgresql but initdb was not found');
		return installed;
	});
}

interface RunAs {
	uid: number;
	gid: number;
}

/** Root cannot run PostgreSQL: the user to run it as instead (undefined when we are not root). */
function serverUser(): RunAs | undefined {
	if (process.getuid?.() !== 0) return undefined;
	for (const name of [SUPERUSER, 'nobody']) {
		const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
		const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
		if (uid.status === 0 && gid.status === 0)
			return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
	}
	throw new Error('Running as root, but there is no postgres or nobody user to run PostgreSQL as');
}

/** Runs a server binary (as the server user when we are root), failing with its output. */
function runPg(bin: string, name: string, args: string[], as: RunAs | undefined): Promise<string> {
	return new Promise<string>((resolve, reject) => {
		const child = spawn(path.join(bin, name), args, {
			cwd: '/',
			env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' },
			stdio: ['ignore', 'pipe', 'pipe'],
			...(as === undefined ? {} : { uid: as.uid, gid: as.gid }),
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolve(output)
				: reject(
						new Error(`${name} ${args.join(' ')} failed (exit ${code}):\n${output.slice(-3000)}`),
					),
		);
	});
}

/** The postmaster's pid from its pid file, if it is running. */
export function postmasterPid(dataDir: string): number | undefined {
	try {
		const pid = Number.parseInt(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8'), 10);
		return Number.isFinite(pid) ? pid : undefined;
	} catch {
		return undefined;
	}
}

/** Where clusters live: somewhere the server user can reach (root's home is closed to it). */
function clustersDir(): string {
	return process.getuid?.() === 0
		? path.join('/var/tmp', 'n8n-nodes-videovector-postgres')
		: path.join(tmpdir(), `n8n-nodes-videovector-postgres-${process.getuid?.() ?? 'user'}`);
}

/**
 * The folder of a kept cluster (its data directory is `data/` inside), created when missing. What
 * must live and die with the cluster's data (n8n's encryption key) is kept here too.
 */
export function keptClusterDir(name: string): string {
	return clusterDir(name).dir;
}

/** Deletes a kept cluster (`npm start -- --reset`); it must not be running. */
export function removePostgresCluster(name: string): void {
	rmSync(path.join(clustersDir(), name), { recursive: true, force: true });
}

function clusterDir(name: string | undefined): { dir: string; temporary: boolean } {
	const base = clustersDir();
	mkdirSync(base, { recursive: true, mode: 0o755 });
	if (name !== undefined) {
		mkdirSync(path.join(base, name), { recursive: true });
		return { dir: path.join(base, name), temporary: false };
	}
	return { dir: mkdtempSync(path.join(base, 'cluster-')), temporary: true };
}

/**
 * Records the running postmaster in `registry` (when given); returns the function that forgets it.
 * A reaped temporary cluster goes at once (SIGQUIT, immediate shutdown) and its folder with it; a
 * kept one shuts down cleanly (SIGINT, fast shutdown) and stays.
 */
function recordServer(
	registry: string | undefined,
	dataDir: string,
	temporaryDir: string | undefined,
): () => void {
	const pid = registry === undefined ? undefined : postmasterPid(dataDir);
	if (registry === undefined || pid === undefined) return () => undefined;
	return recordGroup(registry, pid, 'PostgreSQL', {
		folder: temporaryDir,
		stopSignal: temporaryDir === undefined ? 'SIGINT' : 'SIGQUIT',
	});
}

/** Installs (when needed), initialises (when new) and starts a PostgreSQL server on a free port. */
export async function startPostgres(options: PostgresOptions = {}): Promise<RunningPostgres> {
	const log = options.log ?? consoleLog;
	const bin = await ensurePostgres(log);
	const as = serverUser();
	const { dir, temporary } = clusterDir(options.name);
	const dataDir = path.join(dir, 'data');
	const own = (target: string): void => {
		if (as !== undefined) chownSync(target, as.uid, as.gid);
	};
	const removeDir = (): void => {
		if (temporary) rmSync(dir, { recursive: true, force: true });
	};
	own(dir);
	if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
		rmSync(dataDir, { recursive: true, force: true });
		mkdirSync(dataDir, { mode: 0o700 });
		own(dataDir);
		try {
			// --no-sync: a cluster being created need not survive a power cut.
			await runPg(
				bin,
				'initdb',
				[
					'-D',
					dataDir,
					'-U',
					SUPERUSER,
					'--auth=trust',
					'--encoding=UTF8',
					'--locale=C',
					'--no-sync',
				],
				as,
			);
		} catch (error) {
			removeDir();
			throw error;
		}
	}
	const port = await freePort();
	const settings: Record<string, string> = {
		listen_addresses: '127.0.0.1',
		port: String(port),
		// The socket lives beside the cluster: /var/run/postgresql may not exist or be writable.
		unix_socket_directories: dir,
		// n8n opens a pool per process, the receiver one per replica, the tests their own.
		max_connections: '200',
		...options.settings,
	};
	const serverOptions = Object.entries(settings)
		.map(([name, value]) => `-c ${name}=${value}`)
		.join(' ');
	// pg_ctl detaches the server: if this process dies without calling stop(), take it down too.
	const killOnExit = (): void => {
		const pid = postmasterPid(dataDir);
		if (pid !== undefined) {
			try {
				process.kill(pid, 'SIGQUIT');
			} catch {
				// Already gone.
			}
		}
		removeDir();
	};
	process.on('exit', killOnExit);
	const logFile = path.join(dir, 'postgres.log');
	// A kept cluster's log may have been created by another user (an earlier version wrote it as
	// root); pg_ctl appends to it as the server user, so that user must own it.
	if (existsSync(logFile)) own(logFile);
	try {
		await runPg(
			bin,
			'pg_ctl',
			['-D', dataDir, '-o', serverOptions, '-l', logFile, '-w', '-t', '60', 'start'],
			as,
		);
	} catch (error) {
		process.off('exit', killOnExit);
		killOnExit();
		throw error;
	}
	const forgetGroup = recordServer(options.groupRegistry, dataDir, temporary ? dir : undefined);
	const urlOf = (database: string): string =>
		`postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
	const createDatabase = async (name: string): Promise<string> => {
		if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
		try {
			await runPg(
				bin,
				'createdb',
				['-h', '127.0.0.1', '-p', String(port), '-U', SUPERUSER, name],
				as,
			);
		} catch (error) {
			if (!/already exists/.test(String(error))) throw error;
		}
		return urlOf(name);
	};
	// n8n's database by default: the queue topology (tools/n8n/queue-topology.ts) keeps its data there.
	const database = options.database ?? 'n8n';
	let stopped: Promise<void> | undefined;
	const stop = (): Promise<void> => {
		stopped ??= (async () => {
			try {
				// A kept cluster shuts down cleanly; a temporary one is thrown away, so no checkpoint.
				const mode = temporary ? 'immediate' : 'fast';
				await runPg(bin, 'pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop'], as);
			} finally {
				process.off('exit', killOnExit);
				killOnExit();
				forgetGroup();
			}
		})();
		return stopped;
	};
	try {
		if (database !== SUPERUSER) await createDatabase(database);
	} catch (error) {
		await stop();
		throw error;
	}
	log(`PostgreSQL listening on 127.0.0.1:${port} (cluster in ${dir})`);
	return {
		host: '127.0.0.1',
		port,
		user: SUPERUSER,
		database,
		url: urlOf(database),
		dataDir,
		createDatabase,
		stop,
	};
}

if (require.main === module) {
	startPostgres().then(
		(server) => {
			process.stdout.write(`${server.url}\n`);
			// Nothing else keeps this process alive, and its exit would take the server with it.
			const keepAlive = setInterval(() => undefined, 1 << 30);
			const stop = (): void => {
				clearInterval(keepAlive);
				void server.stop().then(() => process.exit(0));
			};
			process.on('SIGINT', stop);
			process.on('SIGTERM', stop);
		},
		(error: unknown) => {
			process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
			process.exit(1);
		},
	);
}
