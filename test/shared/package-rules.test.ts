import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * n8n community-node rules for the shipped part of shared/ (everything but shared/server, which is
 * Node-only): imports only zod/v3, node:crypto and relative files; none of the restricted globals.
 * Checked on the syntax tree, so comments and strings that mention a name do not count.
 */

const ROOT = join(__dirname, '..', '..');
const SHIPPED = ['shared/contract', 'shared/http', 'shared/sse', 'shared/webhooks'];
// zod/v3: the v3 API under a subpath that zod 3.25.x and 4.x both ship (n8n provides zod at run time).
const ALLOWED_PACKAGES = new Set(['zod/v3', 'node:crypto']);
const RESTRICTED = new Set([
	'process',
	'globalThis',
	'global',
	'setTimeout',
	'setInterval',
	'setImmediate',
	'clearTimeout',
	'clearInterval',
	'clearImmediate',
	'__dirname',
	'__filename',
	'eval',
	'Function',
	'require',
]);

function tsFiles(path: string): string[] {
	const full = join(ROOT, path);
	if (statSync(full).isFile()) return [full];
	return readdirSync(full)
		.flatMap((name) => tsFiles(join(path, name)))
		.filter((file) => file.endsWith('.ts'));
}

/** True when an identifier is a property/member name rather than a reference to a global. */
function isMemberName(node: ts.Identifier): boolean {
	const parent = node.parent;
	return (
		(ts.isPropertyAccessExpression(parent) && parent.name === node) ||
		(ts.isPropertyAssignment(parent) && parent.name === node) ||
		(ts.isPropertySignature(parent) && parent.name === node) ||
		(ts.isPropertyDeclaration(parent) && parent.name === node) ||
		(ts.isMethodDeclaration(parent) && parent.name === node) ||
		(ts.isMethodSignature(parent) && parent.name === node) ||
		(ts.isQualifiedName(parent) && parent.right === node)
	);
}

function violations(file: string): string[] {
	const source = ts.createSourceFile(
		file,
		readFileSync(file, 'utf8'),
		ts.ScriptTarget.ES2022,
		true,
	);
	const found: string[] = [];
	const where = (node: ts.Node) =>
		`${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
	const visit = (node: ts.Node): void => {
		if (
			(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
			node.moduleSpecifier &&
			ts.isStringLiteral(node.moduleSpecifier)
		) {
			const specifier = node.moduleSpecifier.text;
			const relativeOk = specifier.startsWith('./') || specifier.startsWith('../');
			if (!relativeOk && !ALLOWED_PACKAGES.has(specifier))
				found.push(`${where(node)} imports ${specifier}`);
			if (relativeOk && /\.(?:js|ts)$/.test(specifier))
				found.push(`${where(node)} uses an extension in ${specifier}`);
			if (relativeOk && specifier.includes('/server'))
				found.push(`${where(node)} imports Node-only ${specifier}`);
		}
		if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
			found.push(`${where(node)} dynamic import`);
		if (ts.isIdentifier(node) && RESTRICTED.has(node.text) && !isMemberName(node))
			found.push(`${where(node)} uses ${node.text}`);
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

describe('shipped shared/ code follows the community-node rules', () => {
	const files = SHIPPED.flatMap(tsFiles);

	it('finds the files to check', () => {
		expect(files.length).toBeGreaterThan(30);
	});

	it('imports only zod/v3, node:crypto and relative files, and uses no restricted globals', () => {
		expect(files.flatMap(violations)).toEqual([]);
	});

	it('the checker itself catches violations', () => {
		const probe = join(ROOT, 'test/shared/package-rules.test.ts');
		expect(violations(probe).some((line) => line.includes('imports typescript'))).toBe(true);
	});
});
