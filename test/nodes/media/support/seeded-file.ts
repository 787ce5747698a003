import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';

/** Deterministic pseudo-random bytes (xorshift32 from `seed`): the same file in every run. */
export function seededBytes(size: number, seed: number): Buffer {
	const bytes = Buffer.allocUnsafe(size);
	let state = seed >>> 0 || 1;
	for (let i = 0; i < size; i += 4) {
		state ^= state << 13;
		state >>>= 0;
		state ^= state >>> 17;
		state ^= state << 5;
		state >>>= 0;
		const word = Math.min(4, size - i);
		for (let b = 0; b < word; b++) bytes[i + b] = (state >>> (b * 8)) & 0xff;
	}
	return bytes;
}

export async function writeSeededFile(path: string, size: number, seed: number): Promise<string> {
	const bytes = seededBytes(size, seed);
	await writeFile(path, bytes);
	return createHash('sha256').update(bytes).digest('hex');
}

export function sha256(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('hex');
}
