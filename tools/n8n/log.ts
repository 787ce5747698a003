/** Where progress lines go; the CLI prints them, tests may collect them. */
export type Log = (message: string) => void;

export const consoleLog: Log = (message) => {
	process.stdout.write(`[videovector] ${message}\n`);
};

export const silentLog: Log = () => undefined;

export function seconds(sinceMs: number): string {
	return `${((performance.now() - sinceMs) / 1000).toFixed(1)} s`;
}

/**
 * Runs a long step and reports it every `everyMs` so a silent minutes-long install never looks
 * hung; `detail` adds a progress hint (e.g. packages installed so far).
 */
export async function withHeartbeat<T>(
	log: Log,
	label: string,
	work: Promise<T>,
	detail: () => string = () => '',
	everyMs = 15_000,
): Promise<T> {
	const started = performance.now();
	log(`${label} …`);
	const timer = setInterval(() => {
		const extra = detail();
		log(`${label} … ${seconds(started)}${extra ? `, ${extra}` : ''}`);
	}, everyMs);
	try {
		const result = await work;
		log(`${label}: done in ${seconds(started)}`);
		return result;
	} finally {
		clearInterval(timer);
	}
}
