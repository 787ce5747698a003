export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, unknown>;

/** One JSON object per line; `event` names what happened (e.g. `delivery.stored`). */
export interface Logger {
	debug(event: string, fields?: LogFields): void;
	info(event: string, fields?: LogFields): void;
	warn(event: string, fields?: LogFields): void;
	error(event: string, fields?: LogFields): void;
}

export const REDACTED = '[REDACTED]';

/** A secret as it appears inside a JSON string (quotes, backslashes, control characters escaped). */
function jsonEscaped(secret: string): string {
	return JSON.stringify(secret).slice(1, -1);
}

function scrub(line: string, secrets: readonly string[]): string {
	let out = line;
	for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
	return out;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface JsonLoggerOptions {
	level: LogLevel;
	/**
	 * Every secret the process knows, scrubbed from each line as a last line of defence. Only exact
	 * values are searched (cheap enough for two lines per delivery); free text that could carry
	 * other credentials (error messages) is passed through `redact` where it is produced.
	 */
	knownSecrets?: readonly string[];
	write?: (line: string) => void;
	now?: () => number;
}

export function createJsonLogger(options: JsonLoggerOptions): Logger {
	const threshold = RANK[options.level];
	const write = options.write ?? ((line: string) => process.stdout.write(line));
	const now = options.now ?? Date.now;
	// Very short "secrets" would shred ordinary text; config validation keeps real ones longer.
	const secrets = [
		...new Set((options.knownSecrets ?? []).flatMap((secret) => [secret, jsonEscaped(secret)])),
	].filter((secret) => secret.length >= 6);
	const emit = (level: Exclude<LogLevel, 'silent'>, event: string, fields?: LogFields): void => {
		if (RANK[level] < threshold) return;
		const line = JSON.stringify({ time: new Date(now()).toISOString(), level, event, ...fields });
		write(`${scrub(line, secrets)}\n`);
	};
	return {
		debug: (event, fields) => emit('debug', event, fields),
		info: (event, fields) => emit('info', event, fields),
		warn: (event, fields) => emit('warn', event, fields),
		error: (event, fields) => emit('error', event, fields),
	};
}

export const silentLogger: Logger = createJsonLogger({ level: 'silent' });
