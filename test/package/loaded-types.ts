import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import type { ICredentialType, INodeType, INodeTypeDescription } from 'n8n-workflow';

/** package.json as n8n reads it: its name and the compiled files it lists under `n8n`. */
export const ROOT = resolve(__dirname, '../..');
export const PACKAGE = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	homepage: string;
	repository: { url: string };
	bugs: { url: string };
	n8n: { credentials: string[]; nodes: string[] };
};

/** `dist/credentials/X.credentials.js` → the TypeScript source's exported classes, instantiated. */
async function instances<T>(distPath: string): Promise<T[]> {
	const source = resolve(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	const module = (await import(source)) as Record<string, unknown>;
	return Object.values(module)
		.filter(
			(value): value is new () => T =>
				typeof value === 'function' && /^class\s/.test(String(value)),
		)
		.map((Type) => new Type());
}

export async function credentialTypes(): Promise<ICredentialType[]> {
	return (
		await Promise.all(PACKAGE.n8n.credentials.map((path) => instances<ICredentialType>(path)))
	).flat();
}

export async function nodeDescriptions(): Promise<INodeTypeDescription[]> {
	const nodes = (
		await Promise.all(PACKAGE.n8n.nodes.map((path) => instances<INodeType>(path)))
	).flat();
	return nodes.map((node) => node.description);
}
