import { writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

import { WAIT_MS } from '../harness/patience';
import type { CdpConnection } from './cdp';

export interface Point {
	x: number;
	y: number;
}

interface EvaluateResult {
	result: { value?: unknown };
	exceptionDetails?: { text: string; exception?: { description?: string } };
}

const KEYS: Record<string, { code: string; keyCode: number; text?: string }> = {
	Enter: { code: 'Enter', keyCode: 13, text: '\r' },
	Escape: { code: 'Escape', keyCode: 27 },
	Tab: { code: 'Tab', keyCode: 9 },
	ArrowDown: { code: 'ArrowDown', keyCode: 40 },
};

/**
 * Page-side function `(el, subtree) => boolean`: true when nothing about `el` is moving any more.
 * Vue's <Transition> puts `*-enter-*` / `*-leave-*` classes on an element from the frame before
 * its CSS transition starts until the transition has ended, and a running CSS transition or
 * animation shows in `getAnimations()`; neither may be on `el` or an ancestor (or, with
 * `subtree`, anywhere inside it). Animations that never end (spinners) do not count. This is
 * the state the browser reports, not a guess that a few hundred quiet milliseconds mean rest.
 */
export const AT_REST = `((el, subtree) => {
	const moving = (animation) =>
		(animation.playState === 'running' || animation.pending) &&
		animation.effect?.getComputedTiming().endTime !== Infinity;
	const inTransition = (node) =>
		[...node.classList].some((name) => /-(enter|leave)-(from|active|to)$/.test(name));
	if (subtree && (el.getAnimations({ subtree: true }).some(moving) ||
		[...el.querySelectorAll('*')].some(inTransition))) return false;
	for (let at = el; at; at = at.parentElement)
		if (inTransition(at) || at.getAnimations().some(moving)) return false;
	return true;
})`;

/**
 * Centre of the element, scrolled into view, once it is at rest (see AT_REST) and is what a click
 * at that point hits (itself, something inside it, or an ancestor it lets clicks through to; not
 * an overlay or a panel still on top); null until then.
 */
function clickableCentreExpression(elementExpression: string): string {
	return `(() => {
		const el = ${elementExpression};
		if (!el) return null;
		el.scrollIntoView({ block: 'center', inline: 'center' });
		if (!${AT_REST}(el, false)) return null;
		const r = el.getBoundingClientRect();
		if (!r.width || !r.height) return null;
		const point = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
		const hit = document.elementFromPoint(point.x, point.y);
		return hit && (el.contains(hit) || hit.contains(el)) ? point : null;
	})()`;
}

/** One tab. Expressions run in the page; input goes through CDP like a real user's. */
export class Page {
	private constructor(
		private readonly cdp: CdpConnection,
		private readonly sessionId: string,
	) {}

	static async open(
		cdp: CdpConnection,
		viewport: { width: number; height: number },
	): Promise<Page> {
		const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', {
			url: 'about:blank',
		});
		const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
			targetId,
			flatten: true,
		});
		const page = new Page(cdp, sessionId);
		await page.send('Page.enable');
		await page.send('Runtime.enable');
		await page.send('Emulation.setDeviceMetricsOverride', {
			...viewport,
			deviceScaleFactor: 1,
			mobile: false,
		});
		return page;
	}

	private send<T = Record<string, unknown>>(
		method: string,
		params: Record<string, unknown> = {},
	): Promise<T> {
		return this.cdp.send<T>(method, params, this.sessionId);
	}

	async setCookie(name: string, value: string, url: string): Promise<void> {
		await this.send('Network.setCookie', { name, value, url });
	}

	async goto(url: string, timeoutMs = WAIT_MS): Promise<void> {
		const loaded = this.cdp.waitForEvent('Page.loadEventFired', this.sessionId, timeoutMs);
		const { errorText } = await this.send<{ errorText?: string }>('Page.navigate', { url });
		if (errorText) throw new Error(`navigation to ${url} failed: ${errorText}`);
		await loaded;
	}

	/** Evaluates a JavaScript expression in the page (promises awaited) and returns its JSON value. */
	async evaluate<T>(expression: string): Promise<T> {
		const { result, exceptionDetails } = await this.send<EvaluateResult>('Runtime.evaluate', {
			expression,
			returnByValue: true,
			awaitPromise: true,
		});
		if (exceptionDetails) {
			throw new Error(
				`page error: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
			);
		}
		return result.value as T;
	}

	/** Re-evaluates `expression` until it is truthy and returns that value. */
	async waitFor<T>(expression: string, what: string, timeoutMs = WAIT_MS): Promise<T> {
		const deadline = performance.now() + timeoutMs;
		let last: unknown;
		while (performance.now() < deadline) {
			try {
				last = await this.evaluate<T>(expression);
				if (last) return last as T;
			} catch (error) {
				last = error;
			}
			await delay(100);
		}
		throw new Error(
			`timed out after ${Math.round(timeoutMs)} ms waiting for ${what} (last: ${String(last)})`,
		);
	}

	async clickAt(point: Point, clickCount = 1): Promise<void> {
		await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...point });
		for (let count = 1; count <= clickCount; count++) {
			await this.send('Input.dispatchMouseEvent', {
				type: 'mousePressed',
				...point,
				button: 'left',
				clickCount: count,
			});
			await this.send('Input.dispatchMouseEvent', {
				type: 'mouseReleased',
				...point,
				button: 'left',
				clickCount: count,
			});
		}
	}

	/**
	 * Waits until the element is there, at rest (panels slide in) and not covered, then clicks its
	 * centre (`clickCount` 2 = double-click).
	 */
	async click(elementExpression: string, what: string, clickCount = 1): Promise<void> {
		const point = await this.waitFor<Point>(clickableCentreExpression(elementExpression), what);
		await this.clickAt(point, clickCount);
	}

	/** Types text into the focused element. */
	async type(text: string): Promise<void> {
		await this.send('Input.insertText', { text });
	}

	async press(key: keyof typeof KEYS): Promise<void> {
		const spec = KEYS[key];
		if (!spec) throw new Error(`unknown key ${key}`);
		const base = {
			key,
			code: spec.code,
			windowsVirtualKeyCode: spec.keyCode,
			nativeVirtualKeyCode: spec.keyCode,
		};
		await this.send('Input.dispatchKeyEvent', {
			type: 'keyDown',
			...base,
			...(spec.text ? { text: spec.text } : {}),
		});
		await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base });
	}

	async screenshot(file: string): Promise<void> {
		const { data } = await this.send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
		writeFileSync(file, Buffer.from(data, 'base64'));
	}
}
