import { type ChildProcess, spawn } from 'node:child_process';

export interface CommandOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	/** Extra bytes of combined output kept for the error message (the tail is what matters). */
	keepTail?: number;
}

export interface CommandResult {
	stdout: string;
	stderr: string;
}

// Commands still running when this process exits (Ctrl-C during an install) are killed with it.
const running = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of running) child.kill('SIGKILL');
});

/**
 * Runs a command to completion, collecting output; rejects with the command line, exit code and
 * the tail of its output so a failed build or install explains itself.
 */
export function runCommand(
	command: string,
	args: string[],
	options: CommandOptions,
): Promise<CommandResult> {
	const keep = options.keepTail ?? 4000;
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		running.add(child);
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
		child.on('error', reject);
		child.on('close', (code, signal) => {
			running.delete(child);
			const stdout = Buffer.concat(out).toString('utf8');
			const stderr = Buffer.concat(err).toString('utf8');
			if (code === 0) {
				resolve({ stdout, stderr });
				return;
			}
			const tail = `${stdout}\n${stderr}`.trim().slice(-keep);
			const how = signal ? `signal ${signal}` : `exit code ${code}`;
			reject(
				new Error(`\`${command} ${args.join(' ')}\` failed (${how}) in ${options.cwd}:\n${tail}`),
			);
		});
	});
}
