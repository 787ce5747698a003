/**
 * `npm run dev`: what `n8n-node dev` gives node authors, for this repository's layout. Starts the
 * emulator and a local n8n with the package (like `npm start`), then watches the package sources;
 * on every change it rebuilds, reinstalls the package and restarts n8n, which keeps its data
 * (owner, credential, workflows) across restarts. A failed build leaves the running n8n alone.
 * Same options as `npm start` (--port, --emulator-port, --reset); Ctrl-C stops everything.
 */
import { mkdirSync, rmSync, watch } from 'node:fs';
import path from 'node:path';

import { startBackend } from '../tools/n8n/backend';
import { parseStartArgs, START_USAGE } from '../tools/n8n/cli-args';
import { buildPackage, installPackedPackage, packPackage } from '../tools/n8n/community-package';
import { upsertCredential } from '../tools/n8n/credential';
import { freePort, isPortTaken } from '../tools/n8n/free-port';
import { ensureN8nInstalled } from '../tools/n8n/install';
import { launchN8n } from '../tools/n8n/launch';
import { consoleLog as log, withHeartbeat } from '../tools/n8n/log';
import { N8nClient } from '../tools/n8n/n8n-client';
import { resolveNodeRuntime } from '../tools/n8n/node-runtime';
import { DEMO_OWNER, signInOwner } from '../tools/n8n/owner';
import { N8N_VERSION, n8nPaths, PROJECT_ROOT } from '../tools/n8n/paths';
import type { RunningN8n } from '../tools/n8n/n8n-process';
import { runUntilStopped } from '../tools/n8n/run-until-stopped';
import type { Shutdown } from '../tools/n8n/shutdown';

/** What the published package is built from; a change anywhere here triggers a rebuild. */
const WATCHED = ['credentials', 'nodes', 'triggers', 'shared', 'icons'];
/** Editors write several files per save; one rebuild per burst. */
const SETTLE_MS = 300;

async function run(shutdown: Shutdown): Promise<number> {
	const args = parseStartArgs(process.argv.slice(2));
	if (args.help) {
		process.stdout.write(START_USAGE.replace('npm start', 'npm run dev'));
		return 0;
	}
	const paths = n8nPaths();
	const devRun = path.join(paths.run, 'dev');
	const userFolder = path.join(devRun, 'user');
	const logFile = path.join(devRun, 'n8n.log');
	if (args.reset) rmSync(devRun, { recursive: true, force: true });
	mkdirSync(devRun, { recursive: true });
	if (await isPortTaken(args.port))
		throw new Error(
			`port ${args.port} is already in use; pick another with \`npm run dev -- --port <n>\``,
		);

	const runtime = await resolveNodeRuntime(paths.cache, log);
	await ensureN8nInstalled(paths, runtime, log);
	const backend = await startBackend(process.env, args.emulatorPort);
	shutdown.add(backend.kind === 'emulator' ? 'the emulator' : 'nothing for the external API', () =>
		backend.close(),
	);
	log(
		backend.kind === 'emulator'
			? `emulator listening on ${backend.baseUrl}`
			: `using the API at ${backend.baseUrl}`,
	);

	let n8n: RunningN8n | undefined;
	shutdown.add('n8n', async () => n8n?.stop());

	/** Build, reinstall and (re)start n8n; a build error is reported and the old n8n keeps running. */
	const deploy = async (reason: string): Promise<void> => {
		try {
			await withHeartbeat(log, `${reason}: building`, buildPackage());
		} catch (error) {
			log(`build failed, n8n keeps the previous build:\n${(error as Error).message}`);
			return;
		}
		const pkg = await installPackedPackage(
			await packPackage(path.join(devRun, 'package')),
			userFolder,
		);
		if (n8n) await n8n.stop();
		n8n = await withHeartbeat(
			log,
			`starting n8n ${N8N_VERSION} with ${pkg.name}@${pkg.version}`,
			launchN8n({
				paths,
				runtime,
				userFolder,
				port: args.port,
				brokerPort: await freePort(),
				logFile,
			}),
		);
		const client = new N8nClient(n8n.origin);
		await signInOwner(client);
		await upsertCredential(client, 'VideoVector (dev)', backend.credential);
		log(
			`ready: ${n8n.origin}/ (${DEMO_OWNER.email} / ${DEMO_OWNER.password}); watching ${WATCHED.join(', ')} for changes`,
		);
	};

	await deploy('first start');

	// One deploy at a time; changes arriving meanwhile fold into one more deploy afterwards.
	let timer: NodeJS.Timeout | undefined;
	let busy: Promise<void> = Promise.resolve();
	let changed = new Set<string>();
	const schedule = (file: string) => {
		changed.add(file);
		clearTimeout(timer);
		timer = setTimeout(() => {
			const files = [...changed];
			changed = new Set();
			busy = busy.then(() =>
				deploy(
					`changed ${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more` : ''}`,
				),
			);
		}, SETTLE_MS);
	};
	const watchers = WATCHED.map((dir) =>
		watch(path.join(PROJECT_ROOT, dir), { recursive: true }, (_event, file) => {
			if (file && !/(^|\/)\.|~$/.test(file)) schedule(path.join(dir, file));
		}),
	);
	shutdown.add('the file watchers', async () => {
		clearTimeout(timer);
		for (const watcher of watchers) watcher.close();
	});
	return new Promise<number>(() => undefined); // runs until Ctrl-C
}

void runUntilStopped(run);
