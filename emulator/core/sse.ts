import type { Request, Response } from 'express';
import type { SseFaultInput } from './faults.js';

/**
 * One Server-Sent Events response: framing (`id:` / `event:` / `data:`), heartbeat comments,
 * an optional `retry:`, batching, and the injected stream faults (cut after N events, cut in
 * the middle of an event, or a `processing.stream_error`).
 */

export interface SseFrame {
	id?: string;
	event: string;
	data: unknown;
}

export interface SseOptions {
	heartbeatMs: number;
	retryMs: number | null;
	fault: SseFaultInput | null;
	/** Event name used for stream errors. */
	errorEvent: string;
	onClose: () => void;
}

export function formatFrame(frame: SseFrame): string {
	const lines: string[] = [];
	if (frame.id !== undefined) lines.push(`id: ${frame.id}`);
	lines.push(`event: ${frame.event}`);
	for (const line of JSON.stringify(frame.data).split('\n')) lines.push(`data: ${line}`);
	return `${lines.join('\n')}\n\n`;
}

export class SseConnection {
	private heartbeat: NodeJS.Timeout | undefined;
	private written = 0;
	private ended = false;

	constructor(
		private readonly req: Request,
		private readonly res: Response,
		private readonly options: SseOptions,
	) {
		res.on('close', () => this.cleanup());
	}

	get closed(): boolean {
		return this.ended;
	}

	get eventsWritten(): number {
		return this.written;
	}

	open(): void {
		this.res.status(200);
		this.res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
		this.res.setHeader('Cache-Control', 'no-cache, no-transform');
		this.res.setHeader('Connection', 'keep-alive');
		this.res.setHeader('X-Accel-Buffering', 'no');
		this.res.flushHeaders();
		this.req.socket.setNoDelay(true);
		this.res.write(
			this.options.retryMs !== null ? `retry: ${this.options.retryMs}\n\n` : ': stream opened\n\n',
		);
		this.setHeartbeat(this.options.heartbeatMs);
	}

	setHeartbeat(ms: number): void {
		if (this.heartbeat) clearInterval(this.heartbeat);
		if (ms > 0) {
			this.heartbeat = setInterval(() => this.comment('heartbeat'), ms);
			this.heartbeat.unref();
		}
	}

	comment(text: string): void {
		if (!this.ended) this.res.write(`: ${text}\n\n`);
	}

	/** Writes the frames as one batch, applying an armed fault at the right event. */
	send(frames: SseFrame[]): void {
		if (this.ended || frames.length === 0) return;
		let chunk = '';
		for (const frame of frames) {
			const fault = this.options.fault;
			if (fault && this.written >= fault.afterEvents) {
				this.strike(fault, chunk, formatFrame(frame));
				return;
			}
			chunk += formatFrame(frame);
			this.written++;
		}
		this.res.write(chunk);
	}

	/** `event: <errorEvent>` with `{error: {code, message}}`, then the stream closes. */
	fail(code: string, message: string): void {
		if (this.ended) return;
		this.res.write(
			formatFrame({ event: this.options.errorEvent, data: { error: { code, message } } }),
		);
		this.end();
	}

	end(): void {
		if (this.ended) return;
		this.cleanup();
		this.res.end();
	}

	/** Drops the TCP connection without a clean end (what a proxy or crash looks like). */
	destroy(): void {
		this.cleanup();
		this.req.socket.destroy();
	}

	/** `before` = the complete frames of this batch that precede the fault; they are delivered first. */
	private strike(fault: SseFaultInput, before: string, nextFrame: string): void {
		if (fault.mode === 'stream_error') {
			if (before) this.res.write(before);
			this.fail(fault.code ?? 'internal_error', 'Injected stream failure');
			return;
		}
		const tail =
			fault.mode === 'cut_mid_event'
				? nextFrame.slice(0, Math.max(1, Math.floor(nextFrame.length / 2)))
				: '';
		const pending = before + tail;
		this.cleanup();
		// Let the bytes reach the socket, then drop it without a clean end.
		if (pending) this.res.write(pending, () => this.req.socket.destroy());
		else this.req.socket.destroy();
	}

	private cleanup(): void {
		if (this.heartbeat) clearInterval(this.heartbeat);
		this.heartbeat = undefined;
		if (!this.ended) {
			this.ended = true;
			this.options.onClose();
		}
	}
}
