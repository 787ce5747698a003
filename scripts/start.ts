/**
 * `npm start`: the package running in a real n8n against the VideoVector emulator, ready to
 * click through. Builds and packs this package, installs n8n into the cache on first use,
 * installs the package the way n8n installs community nodes, starts the emulator and n8n on
 * 127.0.0.1, signs in the demo owner and points a credential at the emulator. Ctrl-C stops all.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import { startBackend } from '../tools/n8n/backend';
import { parseStartArgs, START_USAGE } from '../tools/n8n/cli-args';
import { buildPackage, installPackedPackage, packPackage } from '../tools/n8n/community-package';
import { testCredential, upsertCredential } from '../tools/n8n/credential';
import { freePort, isPortTaken } from '../tools/n8n/free-port';
import { ensureN8nInstalled } from '../tools/n8n/install';
import { launchN8n } from '../tools/n8n/launch';
import type { RunningN8n } from '../tools/n8n/n8n-process';
import type { QueueTopology } from '../tools/n8n/queue-topology';
import { consoleLog as log, withHeartbeat } from '../tools/n8n/log';
import { N8nClient } from '../tools/n8n/n8n-client';
import { resolveNodeRuntime } from '../tools/n8n/node-runtime';
import { DEMO_OWNER, signInOwner } from '../tools/n8n/owner';
import { N8N_VERSION, n8nPaths } from '../tools/n8n/paths';
import { removePidFile, stopLeftoverN8n, writePidFile } from '../tools/n8n/pid-file';
import { Shutdown } from '../tools/n8n/shutdown';
import {
	describeTopology,
	queueSharedFolder,
	startPostgresName,
	startQueueForStart,
	superviseQueue,
} from '../tools/n8n/start-queue';
import { removePostgresCluster } from '../tools/services/postgres';
import { installExampleEnvironment } from '../tools/examples/example-environment';

const CREDENTIAL_NAME = 'VideoVector (demo)';

async function run(shutdown: Shutdown): Promise<number | null> {
	const args = parseStartArgs(process.argv.slice(2));
	if (args.help) {
		process.stdout.write(START_USAGE);
		return 0;
	}
	const paths = n8nPaths();
	const userFolder = args.queue ? queueSharedFolder(paths) : path.join(paths.run, 'user');
	const pidFile = path.join(paths.run, 'n8n.pid');
	const logFile = path.join(paths.run, 'n8n.log');

	const leftover = await stopLeftoverN8n(pidFile);
	if (leftover) log(`stopped n8n (pid ${leftover}) left running by an earlier start`);
	if (args.reset) {
		rmSync(paths.run, { recursive: true, force: true });
		removePostgresCluster(startPostgresName(paths));
		log(`--reset: wiped ${paths.run}`);
	}
	mkdirSync(paths.run, { recursive: true });
	if (await isPortTaken(args.port)) {
		throw new Error(
			`port ${args.port} is already in use; pick another with \`npm start -- --port <n>\``,
		);
	}

	await withHeartbeat(log, 'building the package (npm run build)', buildPackage());
	const runtime = await resolveNodeRuntime(paths.cache, log);
	await ensureN8nInstalled(paths, runtime, log);
	const tarball = await packPackage(path.join(paths.run, 'package'));
	const pkg = await installPackedPackage(tarball, userFolder);
	log(`installed ${pkg.name}@${pkg.version} as a community package in ${pkg.dir}`);

	const backend = await startBackend(process.env, args.emulatorPort);
	shutdown.add(backend.kind === 'emulator' ? 'the emulator' : 'nothing for the external API', () =>
		backend.close(),
	);
	log(
		backend.kind === 'emulator'
			? `emulator listening on ${backend.baseUrl}`
			: `using the API at ${backend.baseUrl}`,
	);

	let n8n: RunningN8n;
	let topology: QueueTopology | undefined;
	if (args.queue) {
		topology = await startQueueForStart({ paths, runtime, port: args.port, log });
		shutdown.add('n8n queue mode (main, webhook processor, workers, Redis, PostgreSQL)', () =>
			(topology as QueueTopology).stop(),
		);
		n8n = topology.main();
	} else {
		n8n = await withHeartbeat(
			log,
			`starting n8n ${N8N_VERSION} on 127.0.0.1:${args.port}`,
			launchN8n({
				paths,
				runtime,
				userFolder,
				port: args.port,
				brokerPort: await freePort(),
				logFile,
			}),
		);
		writePidFile(pidFile, n8n.pid);
		const single = n8n;
		shutdown.add(`n8n (pid ${n8n.pid})`, async () => {
			await single.stop();
			removePidFile(pidFile);
		});
	}

	const client = new N8nClient(n8n.origin);
	const owner = await signInOwner(client);
	const credential = await upsertCredential(client, CREDENTIAL_NAME, backend.credential);
	const check = await testCredential(client, credential, backend.credential);
	// The five example workflows (unpublished), with local Slack/SMTP/archive sinks and, against the
	// emulator, a webhook receiver and sample data so each can be run at once.
	// A failure here must not take the editor down with it: n8n and the credential already work.
	const examples = await installExampleEnvironment({
		client,
		n8nOrigin: n8n.origin,
		videoVectorCredential: credential,
		api: { baseUrl: backend.baseUrl, apiKey: String(backend.credential.apiKey ?? '') },
		isEmulator: backend.kind === 'emulator',
		stateDir: path.join(paths.run, 'examples'),
		log,
	}).catch((error: unknown) => {
		log(`example workflows not installed: ${(error as Error).message}`);
		return undefined;
	});
	if (examples) shutdown.add('the example sinks and receiver', () => examples.close());

	const lines = [
		'',
		`n8n ${N8N_VERSION} is running with ${pkg.name}@${pkg.version}`,
		`  Editor      ${n8n.origin}/`,
		`  Login       ${DEMO_OWNER.email} / ${DEMO_OWNER.password}  (${owner === 'created' ? 'new owner' : 'existing owner'})`,
		`  Credential  "${credential.name}" (${credential.created ? 'created' : 'updated'}) -> ${backend.baseUrl}; test: ${check.status}${check.status === 'OK' ? '' : ` (${check.message})`}`,
		backend.kind === 'emulator'
			? `  Emulator    ${backend.baseUrl} (inside this process)`
			: `  API         ${backend.baseUrl} (from VIDEO_VECTOR_BASE_URL)`,
		...(topology ? describeTopology(topology) : [`  n8n         pid ${n8n.pid}, log ${logFile}`]),
		`  Data        ${topology ? path.dirname(userFolder) : userFolder} (npm start -- --reset wipes it)`,
		...(examples?.summary() ?? []),
		'',
		'Press Ctrl-C to stop n8n and the emulator.',
		'',
	];
	process.stdout.write(`${lines.join('\n')}\n`);

	if (topology) {
		// A worker that dies is started again and its crashed executions retried; main or the webhook
		// processor exiting ends the run.
		const label = await superviseQueue(topology, client, log, () => shutdown.stopping);
		if (shutdown.stopping) return 0;
		const member = topology.member(label);
		log(`n8n ${label} exited on its own; see ${member.logFile}`);
		return 1;
	}
	const code = await n8n.exited;
	if (shutdown.stopping) return 0;
	log(`n8n exited on its own (code ${code}); last log lines:\n${n8n.logTail(30)}`);
	return 1;
}

async function main(): Promise<void> {
	const shutdown = new Shutdown();
	const signalled = shutdown.onSignal(log);
	let exitCode: number;
	try {
		const result = await Promise.race([run(shutdown), signalled.then(() => null)]);
		exitCode = result ?? 0;
	} catch (error) {
		log(`failed: ${(error as Error).message}`);
		exitCode = 1;
	}
	await shutdown.run(log);
	process.exit(exitCode);
}

void main();
