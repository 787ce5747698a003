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

function centreExpression(elementExpression: string): string {
	return `(() => {
		const el = ${elementExpression};
		if (!el) return null;
		el.scrollIntoView({ block: 'center', inline: 'center' });
		const r = el.getBoundingClientRect();
		return r.width && r.height ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
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

	/**
	 * Re-evaluates `expression` until it is truthy and has not changed for `settleMs` (lists that
	 * render progressively or animate in), then returns it. The settle windows are wide because a
	 * starved renderer can pause a list half-drawn for a few hundred milliseconds on a busy machine.
	 */
	async waitForStable<T>(
		expression: string,
		what: string,
		settleMs = 1_000,
		timeoutMs = WAIT_MS,
	): Promise<T> {
		const deadline = performance.now() + timeoutMs;
		let previous = '';
		let since = performance.now();
		for (;;) {
			const value = await this.waitFor<T>(
				expression,
				what,
				Math.max(1, deadline - performance.now()),
			);
			const serialised = JSON.stringify(value);
			if (serialised !== previous) {
				previous = serialised;
				since = performance.now();
			} else if (performance.now() - since >= settleMs) {
				return value;
			}
			if (performance.now() > deadline)
				throw new Error(`${what} kept changing for ${timeoutMs} ms`);
			await delay(100);
		}
	}

	/**
	 * Centre of the element an expression returns (e.g. `document.querySelector(…)`), scrolled
	 * into view; null when there is none or it has no size.
	 */
	async centreOf(elementExpression: string): Promise<Point | null> {
		return this.evaluate<Point | null>(centreExpression(elementExpression));
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
	 * Waits for the element to appear and stop moving (panels slide in), then clicks its centre
	 * (`clickCount` 2 = double-click).
	 */
	async click(elementExpression: string, what: string, clickCount = 1): Promise<void> {
		const point = await this.waitForStable<Point>(centreExpression(elementExpression), what, 500);
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
