/**
 * `npm run lint`: n8n's community-node verification, run locally.
 *
 * Uses the rules of n8n's own scanner (@n8n/scan-community-package: the community-nodes ESLint plugin
 * plus eslint-plugin-n8n-nodes-base) twice: over our shippable sources, and over the files of the
 * packed tarball exactly as a user would install them. The scanner cannot be a devDependency — one of
 * its dependencies has a preinstall hook that refuses npm — so it is installed once, scripts off, into
 * an ignored cache folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(__dirname, '..');
const SCANNER_VERSION = '0.32.0';
const SCANNER_HOME =
	process.env.VV_SCANNER_CACHE ?? join(ROOT, '.cache', `n8n-scanner-${SCANNER_VERSION}`);
const SCANNER_DIR = join(SCANNER_HOME, 'node_modules', '@n8n', 'scan-community-package');

/** Everything that ships in the n8n package; shared/server is Node-only code for tests and the receiver. */
const SOURCE_PATTERNS = ['package.json', '{credentials,nodes,triggers,shared}/**/*.ts'];
const SOURCE_IGNORES = ['shared/server/**', '**/*.test.ts'];

type LintResult = { filePath: string; errorCount: number; warningCount: number };
type ESLintInstance = {
	lintFiles(patterns: string[]): Promise<LintResult[]>;
	loadFormatter(name: string): Promise<{ format(results: LintResult[]): string | Promise<string> }>;
};
type ESLintClass = new (options: Record<string, unknown>) => ESLintInstance;

function ensureScanner(): void {
	if (existsSync(join(SCANNER_DIR, 'package.json'))) return;
	console.log(
		`lint: installing n8n's community-package scanner ${SCANNER_VERSION} into ${SCANNER_HOME} (once)…`,
	);
	execFileSync(
		'npm',
		[
			'install',
			'--prefix',
			SCANNER_HOME,
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			`@n8n/scan-community-package@${SCANNER_VERSION}`,
		],
		{ stdio: 'inherit' },
	);
}

async function loadScanner(): Promise<{ ESLint: ESLintClass; config: unknown[] }> {
	const scanner = (await import(
		pathToFileURL(join(SCANNER_DIR, 'scanner', 'scanner.mjs')).href
	)) as {
		buildScanConfig(): Promise<unknown[]>;
	};
	const requireFromScanner = createRequire(join(SCANNER_DIR, 'package.json'));
	const { ESLint } = (await import(pathToFileURL(requireFromScanner.resolve('eslint')).href)) as {
		ESLint: ESLintClass;
	};
	const config = await scanner.buildScanConfig();
	const nodesRules = config.find((entry) =>
		(entry as { files?: string[] }).files?.includes('**/nodes/**/*.ts'),
	) as { rules: Record<string, unknown> };
	// The scanner applies node rules to nodes/ only; our triggers live in triggers/, hold them to the same rules.
	return {
		ESLint,
		config: [...config, { files: ['**/triggers/**/*.ts'], rules: nodesRules.rules }],
	};
}

async function lint(
	label: string,
	cwd: string,
	patterns: string[],
	ignores: string[],
): Promise<boolean> {
	const { ESLint, config } = await loadScanner();
	const eslint = new ESLint({
		cwd,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: [
			...config,
			{ ignores: ['node_modules/**', '**/package-lock.json', ...ignores] },
		],
	});
	const results = await eslint.lintFiles(patterns);
	const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
	const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
	const report = await (await eslint.loadFormatter('stylish')).format(results);
	if (report.trim()) console.log(report);
	console.log(`lint ${label}: ${results.length} files, ${errors} errors, ${warnings} warnings`);
	return errors === 0;
}

/** Builds, packs, and unpacks the tarball so the scan sees exactly the published files. */
function packTarball(): string {
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
	const out = mkdtempSync(join(tmpdir(), 'vv-pack-'));
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
			cwd: ROOT,
			encoding: 'utf8',
		}),
	) as Array<{ filename: string; files: Array<{ path: string }> }>;
	execFileSync('tar', ['-xzf', join(out, packed[0].filename), '-C', out]);
	return join(out, 'package');
}

/** What the rules cannot see: files that must never ship. */
function checkTarballContents(dir: string): boolean {
	const files = execFileSync('find', ['.', '-type', 'f'], { cwd: dir, encoding: 'utf8' })
		.split('\n')
		.filter(Boolean);
	const forbidden = files.filter((f) =>
		/\/(test|bench|webhook-receiver|scripts)\/|\/shared\/server\/|\.test\.|\.ts$/.test(f),
	);
	const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
		string,
		unknown
	>;
	const listed = [
		...((manifest.n8n as { nodes: string[] }).nodes ?? []),
		...((manifest.n8n as { credentials: string[] }).credentials ?? []),
	];
	const missing = listed.filter((path) => !existsSync(join(dir, path)));
	for (const f of forbidden) console.log(`lint tarball: must not ship ${f}`);
	for (const f of missing)
		console.log(`lint tarball: package.json lists ${f} but the tarball lacks it`);
	return forbidden.length === 0 && missing.length === 0;
}

async function main(): Promise<void> {
	ensureScanner();
	const sourcesOk = await lint('sources', ROOT, SOURCE_PATTERNS, SOURCE_IGNORES);
	const dir = packTarball();
	let tarballOk = false;
	try {
		tarballOk =
			(await lint('tarball', dir, ['**/*.js', 'package.json'], [])) && checkTarballContents(dir);
	} finally {
		rmSync(resolve(dir, '..'), { recursive: true, force: true });
	}
	if (!sourcesOk || !tarballOk) process.exitCode = 1;
}

void main();
