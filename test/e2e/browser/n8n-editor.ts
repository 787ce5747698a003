import { AT_REST, type Page } from './page';

// Selectors are n8n 2.41's own data-test-id attributes (what n8n's Playwright suite uses).
const q = (testId: string): string => `document.querySelector('[data-test-id="${testId}"]')`;
const json = (value: string): string => JSON.stringify(value);
const canvasNode = (nodeName: string): string =>
	`[...document.querySelectorAll('[data-test-id="canvas-node"]')].find((el) => el.dataset.nodeName === ${json(nodeName)})`;
const ITEM_NAMES = `[...document.querySelectorAll('[data-test-id="node-creator-item-name"]')].map((el) => el.innerText.trim())`;
const PANELS = [q('node-creator'), q('ndv'), q('editCredential-modal')];
const OPEN_PANELS = `[${PANELS.join(', ')}].filter(Boolean).length`;

/**
 * Page-side: the names the node panel lists once it has finished drawing them (null before): the
 * panel is at rest (no slide between views under way, see AT_REST) and its list did not grow over
 * two animation frames. The panel renders long lists in chunks, one per frame, so a frame
 * without growth means the whole list is there.
 */
const SETTLED_ITEM_NAMES = `(async () => {
	const panel = ${q('node-creator')};
	if (!panel || !${AT_REST}(panel, true)) return null;
	const before = ${ITEM_NAMES};
	await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
	const after = ${ITEM_NAMES};
	return ${AT_REST}(panel, true) && before.length === after.length ? after : null;
})()`;

/** Signs the browser in with the session cookie of an API client (skips the login form). */
export async function signIn(page: Page, origin: string, sessionCookie: string): Promise<void> {
	const [name, ...value] = sessionCookie.split('=');
	await page.setCookie(name ?? 'n8n-auth', value.join('='), origin);
}

/** Opens a saved workflow and waits until its canvas shows `nodeName`. */
export async function openWorkflow(
	page: Page,
	origin: string,
	workflowId: string,
	nodeName: string,
): Promise<void> {
	await page.goto(`${origin}/workflow/${workflowId}`);
	await page.waitFor(`!!${canvasNode(nodeName)}`, `canvas node ${nodeName}`);
}

/** The node type of a canvas node, as the editor rendered it. */
export function canvasNodeType(page: Page, nodeName: string): Promise<string | null> {
	return page.evaluate<string | null>(`${canvasNode(nodeName)}?.dataset.nodeType ?? null`);
}

/**
 * Opens the node panel with the canvas "+" button, types `term` in its search and returns the
 * names of the nodes it lists once one of them contains `expect` and the list is complete.
 */
export async function searchNodePanel(page: Page, term: string, expect: string): Promise<string[]> {
	await page.click(q('node-creator-plus-button'), 'the "Open nodes panel" button');
	await page.waitFor(
		`document.activeElement === ${q('node-creator-search-bar')}`,
		'the focused node search',
	);
	await page.type(term);
	try {
		return await page.waitFor<string[]>(
			`(async () => {
				const names = await ${SETTLED_ITEM_NAMES};
				return names?.some((name) => name.includes(${json(expect)})) ? names : null;
			})()`,
			`node panel results for "${term}"`,
		);
	} catch (error) {
		// Say what the panel showed instead ("No results for …", other nodes).
		throw new Error(
			`${(error as Error).message}; the node panel showed: ${await panelState(page)}`,
		);
	}
}

const HEADERS = `[...document.querySelectorAll('[data-test-id="nodes-list-header"]')].map((header) => header.innerText.trim())`;

/**
 * Clicks a node in the node panel results and returns the action labels of the view that
 * replaces the results: the panel then shows one view (while views slide, the old one is still
 * there) under another header than the results had (n8n 2.41 heads a community node's actions
 * "Node details"), with its list drawn completely.
 */
export async function openNodeActions(page: Page, displayName: string): Promise<string[]> {
	const [resultsHeader] = await page.evaluate<string[]>(HEADERS);
	await page.click(
		`[...document.querySelectorAll('[data-test-id="node-creator-item-name"]')].find((el) => el.innerText.trim() === ${json(displayName)})`,
		`node panel entry ${displayName}`,
	);
	try {
		return await page.waitFor<string[]>(
			`(async () => {
				const headers = ${HEADERS};
				if (headers.length !== 1 || headers[0] === ${json(resultsHeader ?? '')}) return null;
				const names = await ${SETTLED_ITEM_NAMES};
				return names?.length ? names : null;
			})()`,
			`actions of ${displayName}`,
		);
	} catch (error) {
		throw new Error(
			`${(error as Error).message}; the node panel showed: ${await panelState(page)}`,
		);
	}
}

/** What the node panel shows, for a failure message: its view headers, whether it is at rest, its items. */
function panelState(page: Page): Promise<string> {
	return page.evaluate<string>(
		`(() => {
			const panel = ${q('node-creator')};
			if (!panel) return 'no node panel';
			const headers = [...document.querySelectorAll('[data-test-id="nodes-list-header"]')].map(
				(header) => header.innerText.replace(/\\s+/g, ' ').slice(0, 80),
			);
			const moving = panel.getAnimations({ subtree: true }).map(
				(animation) => animation.constructor.name + ':' + animation.playState + ':' + (animation.animationName ?? animation.transitionProperty ?? ''),
			);
			const classes = [...panel.querySelectorAll('*')].flatMap((el) => [...el.classList]).filter((name) => /-(enter|leave)-/.test(name));
			return JSON.stringify({ headers, moving, classes, atRest: ${AT_REST}(panel, true), items: ${ITEM_NAMES}.slice(0, 10) });
		})()`,
	);
}

/**
 * Closes the node panel, node details and credential dialog, one Escape at a time: each Escape
 * closes the topmost one, so the next waits until there is one panel fewer. Throws when a panel
 * does not close, rather than leaving it open for the next test to trip over.
 */
export async function closePanels(page: Page): Promise<void> {
	for (let open = await page.evaluate<number>(OPEN_PANELS); open > 0;) {
		await page.press('Escape');
		const fewer = await page.waitFor<number>(
			`(() => { const left = ${OPEN_PANELS}; return left < ${open} ? left + 1 : 0; })()`,
			`a panel to close on Escape (${open} open)`,
		);
		open = fewer - 1;
	}
}

/** Double-clicks a canvas node and waits for its details view (NDV). */
export async function openNodeDetails(page: Page, nodeName: string): Promise<void> {
	await page.click(canvasNode(nodeName), `canvas node ${nodeName}`, 2);
	await page.waitFor(`!!${q('ndv')} && !!${q('node-parameters')}`, `node details of ${nodeName}`);
}

/** Names of the parameters the open NDV renders (visible ones only). */
export function shownParameterNames(page: Page): Promise<string[]> {
	return page.evaluate<string[]>(
		`[...document.querySelectorAll('[data-test-id="ndv"] [data-test-id$="-parameter-input-options-container"]')]
			.filter((el) => el.offsetParent !== null)
			.map((el) => el.dataset.testId.replace(/-parameter-input-options-container$/, ''))`,
	);
}

export function ndvText(page: Page): Promise<string> {
	return page.evaluate<string>(`${q('ndv')}?.innerText ?? ''`);
}

/**
 * Waits until the open NDV shows every one of `texts` and returns its text. Collections (e.g. the
 * rows of a condition builder) render a moment after the panel opens, so one read may miss them.
 */
export function waitForNdvText(page: Page, texts: readonly string[]): Promise<string> {
	return page.waitFor<string>(
		`(() => { const text = ${q('ndv')}?.innerText ?? ''; return ${JSON.stringify(texts)}.every((t) => text.includes(t)) ? text : ''; })()`,
		`the node details to show ${texts.join(', ')}`,
	);
}

/** Clicks "Execute step" in the open NDV and returns the item count it reports on success. */
export async function executeStepInNdv(page: Page): Promise<number> {
	await page.click(q('node-execute-button'), 'the "Execute step" button');
	const label = await page.waitFor<string>(
		`${q('node-run-status-success')} ? (${q('run-data-item-count')}?.innerText ?? '') : ''`,
		'a successful node run in the output panel',
	);
	const count = /(\d+)\s+item/.exec(label);
	if (!count?.[1]) throw new Error(`unexpected item count label "${label}"`);
	return Number(count[1]);
}

/** How long a click on the credential's edit button gets to open its dialog before it is repeated. */
const CREDENTIAL_DIALOG_OPEN_MS = 10_000;
const CREDENTIAL_DIALOG_CLICKS = 3;

/**
 * Opens the node's credential from the NDV; the dialog tests the connection by itself. Resolves
 * true when it reports success, false when it reports a failure. A click on the edit button right
 * after the step ran can be lost (seen once in CI: the button was there and uncovered, the dialog
 * never opened), so the click is repeated until the dialog is open.
 */
export async function openCredentialDialog(page: Page): Promise<boolean> {
	for (let click = 1; ; click++) {
		await page.click(q('credential-edit-button'), 'the credential edit button');
		try {
			await page.waitFor<boolean>(
				`Boolean(${q('editCredential-modal')})`,
				'the credential dialog to open',
				CREDENTIAL_DIALOG_OPEN_MS,
			);
			break;
		} catch (error) {
			if (click === CREDENTIAL_DIALOG_CLICKS) throw error;
		}
	}
	const outcome = await page.waitFor<string>(
		`${q('credentials-config-container-test-success')} ? 'ok' : (document.querySelector('[data-test-id="editCredential-modal"] [class*="error"], [data-test-id="credentials-config-container-test-error"]') ? 'error' : '')`,
		'the credential connection test result',
	);
	return outcome === 'ok';
}
