import { open } from 'node:fs/promises';

/** A file of `bytes` zero bytes that costs no disk until read into somewhere else (created by truncation). */
export async function sparseFile(path: string, bytes: number): Promise<void> {
	const handle = await open(path, 'w');
	try {
		await handle.truncate(bytes);
	} finally {
		await handle.close();
	}
}
