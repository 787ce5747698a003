import { createRequire } from 'node:module';
import path from 'node:path';

import type { INodeTypeDescription } from 'n8n-workflow';

import { readManifest } from '../../../tools/n8n/community-package';
import { PROJECT_ROOT } from '../../../tools/n8n/paths';

export interface DeclaredTypes {
	packageName: string;
	/** Node type names n8n must list: each node, plus `<name>Tool` for nodes usable as AI tools. */
	nodes: string[];
	/** Descriptions of the nodes in package.json order. */
	descriptions: INodeTypeDescription[];
	credentials: string[];
}

const load = createRequire(path.join(PROJECT_ROOT, 'package.json'));

// n8n requires each file to export a class named like the file (Foo.node.js → Foo).
function instantiate<T>(file: string, suffix: string): T {
	const exported = load(path.join(PROJECT_ROOT, file)) as Record<string, new () => T>;
	const className = path.basename(file, suffix);
	const Class = exported[className];
	if (!Class)
		throw new Error(
			`${file} does not export class ${className} (n8n needs the class named like the file)`,
		);
	return new Class();
}

/**
 * What package.json's `n8n` section promises, read from the built files in dist/ (run after
 * the build): the types n8n has to show once the package is installed.
 */
export function declaredTypes(): DeclaredTypes {
	const manifest = readManifest();
	const descriptions = (manifest.n8n?.nodes ?? []).map(
		(file) => instantiate<{ description: INodeTypeDescription }>(file, '.node.js').description,
	);
	const nodes = descriptions.flatMap((description) => {
		const name = `${manifest.name}.${description.name}`;
		return description.usableAsTool ? [name, `${name}Tool`] : [name];
	});
	const credentials = (manifest.n8n?.credentials ?? []).map(
		(file) => instantiate<{ name: string }>(file, '.credentials.js').name,
	);
	return { packageName: manifest.name, nodes, descriptions, credentials };
}

/** The description of one of this package's nodes, by its short name (`videoVector`). */
export function nodeDescription(name: string): INodeTypeDescription {
	const found = declaredTypes().descriptions.find((description) => description.name === name);
	if (!found) throw new Error(`package.json n8n.nodes has no node named ${name}`);
	return found;
}
