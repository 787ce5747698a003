/**
 * Memory of one workload measured in a fresh child process: in the process that times things, the
 * heap has already grown during warm-up and would hide what a workload keeps. The child runs the
 * bench file itself with a flag, measures, and prints one JSON line the parent reads.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface MemoryGrowth {
	/** RSS after GC minus RSS before, MB: what the targets are about. */
	rss: number;
	/** Live heap after GC minus before, MB: what is really retained (RSS also keeps freed pages). */
	heap: number;
	/** Highest RSS seen while the workload ran, minus RSS before, MB (sampled every 10 ms). */
	peakRss: number;
}

const CHILD_FLAG = '--memory-child';
const SAMPLE_MS = 10;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function mb(bytes: number): number {
	return bytes / 1024 / 1024;
}

export function rssAfterGc(): number {
	collectGarbage();
	collectGarbage();
	return mb(process.memoryUsage().rss);
}

/** Runs `work` and returns its memory growth; `work`'s result stays referenced until measured. */
export async function measureGrowth(work: () => Promise<unknown>): Promise<MemoryGrowth> {
	const rssBefore = rssAfterGc();
	const heapBefore = process.memoryUsage().heapUsed;
	let peak = rssBefore;
	const sampler = setInterval(() => {
		peak = Math.max(peak, mb(process.memoryUsage().rss));
	}, SAMPLE_MS);
	let kept: unknown;
	try {
		kept = await work();
	} finally {
		clearInterval(sampler);
	}
	peak = Math.max(peak, mb(process.memoryUsage().rss));
	const growth: MemoryGrowth = {
		rss: rssAfterGc() - rssBefore,
		heap: mb(process.memoryUsage().heapUsed - heapBefore),
		peakRss: peak - rssBefore,
	};
	if (kept === undefined) throw new Error('the workload returned nothing to keep');
	return growth;
}

/** Runs `file` (a bench module) as a child with `args` and returns the growth it printed. */
export async function growthInChild(file: string, args: string[]): Promise<MemoryGrowth> {
	const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
	const child = spawn(tsx, [file, CHILD_FLAG, ...args], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	let out = '';
	child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	const line = out.trim().split('\n').pop() ?? '';
	if (code !== 0 || !line.startsWith('{'))
		throw new Error(`memory child ${args.join(' ')} failed (${code}): ${out}`);
	return JSON.parse(line) as MemoryGrowth;
}

/** In a bench module: when started by `growthInChild`, measure `main(args)` and exit. */
export function runIfMemoryChild(
	module: NodeModule,
	main: (args: string[]) => Promise<MemoryGrowth>,
): void {
	if (require.main !== module || process.argv[2] !== CHILD_FLAG) return;
	main(process.argv.slice(3)).then(
		(growth) => {
			process.stdout.write(`${JSON.stringify(growth)}\n`);
			process.exit(0);
		},
		(error: unknown) => {
			console.error(error);
			process.exit(1);
		},
	);
}
