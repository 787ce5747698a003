import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real, small filesystem (tmpfs) to fill up: a full disk as SQLite meets it, ENOSPC from the
 * kernel. Needs root, as CI has; without it the mount fails and the test fails with that reason
 * (a full-disk test that silently skipped would prove nothing).
 */
export function mountSmallVolume(
	track: (cleanup: () => unknown) => void,
	sizeBytes: number,
): { dir: string; fill: () => void; free: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'vv-receiver-volume-'));
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir], {
			stdio: 'pipe',
		});
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		throw new Error(
			`Cannot mount a ${sizeBytes}-byte tmpfs at ${dir} (the full-disk test needs root): ${String(error)}`,
		);
	}
	track(() => {
		execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
		rmSync(dir, { recursive: true, force: true });
	});
	const filler = join(dir, 'filler');
	return {
		dir,
		fill: () => {
			// Chunk by chunk until the kernel says the volume is full.
			const chunk = Buffer.alloc(64 * 1024, 1);
			let written = 0;
			try {
				for (;;) {
					writeFileSync(filler, chunk, { flag: 'a' });
					written += chunk.length;
				}
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
			}
			// Smaller pieces too, so not even a page is left.
			try {
				for (;;) writeFileSync(filler, Buffer.alloc(512, 1), { flag: 'a' });
			} catch {
				/* full */
			}
			if (written === 0) throw new Error('the volume was already full');
		},
		free: () => rmSync(filler, { force: true }),
	};
}
