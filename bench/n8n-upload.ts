/**
 * The 2 GB upload through the real n8n: a sparse 2 GB file is read by n8n's own Read/Write Files
 * node into filesystem binary mode (N8N_DEFAULT_BINARY_DATA_MODE=filesystem, so items carry only an
 * id), then Media → Upload streams it to the emulator. Reported: peak growth of n8n's resident
 * memory (main process + task runner) during the run, target < 64 MB; the baseline, measured in
 * the same n8n just before, is the same workflow without the upload (n8n reading the file into its
 * binary store), so the ratio shows what the upload adds. Load from other processes only adds noise
 * to the durations, not to n8n's RSS.
 * Run: `npm run bench -- n8n-upload`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chainWorkflow, measureRun, withN8n } from './n8n-bench-stack';
import { ratioOf, type BenchResult } from './result';
import { sparseFile } from './sparse-file';

const FILE_BYTES = 2 * 1024 ** 3;
const RSS_TARGET_MB = 64;

export async function run(): Promise<BenchResult[]> {
	const dir = await mkdtemp(join(tmpdir(), 'vv-bench-n8n-upload-'));
	const file = join(dir, 'big.mp4');
	try {
		await sparseFile(file, FILE_BYTES);
		return await withN8n(
			{
				env: { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem', N8N_RESTRICT_FILE_ACCESS_TO: dir },
				emulator: { seed: 'empty', clockScale: 0 },
			},
			async (stack) => {
				const { index_id: indexId } = stack.emulator.control.seed.index({
					media: 1,
					segmentsPerMedia: 1,
					run: false,
					name: 'Bench uploads',
				}) as { index_id: string };
				const read = {
					name: 'Read file',
					type: 'n8n-nodes-base.readWriteFile',
					typeVersion: 1,
					position: [0, 0] as [number, number],
					parameters: { operation: 'read', fileSelector: file, options: {} },
				};
				const upload = {
					name: 'Upload',
					type: stack.nodeType('videoVector'),
					typeVersion: 1,
					position: [0, 0] as [number, number],
					parameters: {
						resource: 'media',
						operation: 'upload',
						indexId: { __rl: true, mode: 'id', value: indexId },
						binaryPropertyName: 'data',
						title: 'bench 2 GB',
						options: {},
					},
				};
				const baseline = await measureRun(stack, chainWorkflow('Bench read 2 GB', [read]));
				const node = await measureRun(stack, chainWorkflow('Bench upload 2 GB', [read, upload]));
				// Two small items: this execution's data is cheap to read back.
				const execution = await stack.waitForExecution(node.executionId);
				const uploaded = execution.data?.resultData.runData.Upload?.[0]?.data?.main[0]?.[0]
					?.json as { video?: { video_id?: string }; video_id?: string } | undefined;
				const videoId = uploaded?.video?.video_id ?? uploaded?.video_id;
				const stored = videoId ? stack.emulator.control.uploads.get(videoId) : null;
				if (!stored || stored.size !== FILE_BYTES)
					throw new Error(`the emulator did not receive 2 GB: ${JSON.stringify(uploaded)}`);
				return [
					{
						name: 'n8n-upload: n8n RSS growth (main + task runner), 2 GB Media → Upload from filesystem binary mode, vs reading the file alone',
						value: node.peakGrowthMb,
						unit: 'MB',
						baseline: baseline.peakGrowthMb,
						ratio: ratioOf(node.peakGrowthMb, baseline.peakGrowthMb),
						target: `< ${RSS_TARGET_MB} MB`,
						pass: node.peakGrowthMb < RSS_TARGET_MB,
					},
					{
						name: 'n8n-upload: workflow duration, read + 2 GB upload vs read alone (information: the upload adds the ratio minus 1)',
						value: Number(node.seconds.toFixed(1)),
						unit: 's',
						baseline: Number(baseline.seconds.toFixed(1)),
						ratio: ratioOf(node.seconds, baseline.seconds),
						target: 'none (information)',
						pass: true,
					},
				];
			},
		);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
