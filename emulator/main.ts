import { DEMO_API_KEY, startEmulator } from './app.js';

/**
 * `npm run emulator` / `npx tsx emulator/main.ts`: the emulator as a process.
 * PORT (default 4010), VIDEO_VECTOR_API_KEY (alias VIDEOVECTOR_API_KEY), VIDEO_VECTOR_BEARER_TOKEN,
 * EMULATOR_SEED (demo|empty), EMULATOR_CLOCK_SCALE, EMULATOR_RANDOM_SEED,
 * EMULATOR_STRICT (1 = unknown request keys answer 422; off by default for people trying the node).
 */

async function main(): Promise<void> {
	const env = process.env;
	const port = env.PORT ? Number(env.PORT) : 4010;
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new Error('PORT must be an integer 0–65535');
	const apiKey = env.VIDEO_VECTOR_API_KEY || env.VIDEOVECTOR_API_KEY || undefined;
	const emulator = await startEmulator({
		port,
		apiKey,
		bearerToken: env.VIDEO_VECTOR_BEARER_TOKEN || undefined,
		seed: env.EMULATOR_SEED === 'empty' ? 'empty' : 'demo',
		clockScale: env.EMULATOR_CLOCK_SCALE ? Number(env.EMULATOR_CLOCK_SCALE) : undefined,
		randomSeed: env.EMULATOR_RANDOM_SEED || undefined,
		strict: env.EMULATOR_STRICT === '1',
	});
	console.log(`VideoVector emulator listening`);
	console.log(`  base URL:    ${emulator.baseUrl}`);
	// The built-in demo key is public by design; a key supplied through the environment is a secret.
	console.log(
		`  API key:     ${apiKey ? `${emulator.apiKey.slice(0, 12)}… (from environment)` : DEMO_API_KEY}`,
	);
	console.log(`  control API: ${emulator.origin}/_emulator`);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal} received, shutting down`);
		emulator.close().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	console.error('emulator failed to start:', (error as Error).message);
	process.exit(1);
});
