import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';

/** A request the gate kept: it reached the gate and was neither forwarded nor answered. */
export interface HeldRequest {
	path: string;
	headers: IncomingMessage['headers'];
	body: string;
	/** The caller's port on 127.0.0.1: tells which process holds the other end. */
	callerPort: number;
}

/**
 * A pass-through HTTP proxy in front of a local sink that can keep the next request: the caller (an
 * n8n worker running an execution) then waits on its answer, so the test knows the execution is in
 * the middle of that node and on which process, and can kill that process there. Everything else is
 * forwarded to `target` unchanged (method, path, headers, body) and its answer passed back.
 */
export interface HoldingGate {
	origin: string;
	/** Keeps the next request instead of forwarding it; resolves when it arrives. */
	holdNext(): Promise<HeldRequest>;
	/** Drops every kept request's connection. */
	close(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** Headers that describe one connection, not the request: fetch sets its own. */
const HOP_BY_HOP = new Set([
	'host',
	'connection',
	'keep-alive',
	'content-length',
	'transfer-encoding',
	'expect',
]);

async function forward(
	target: string,
	request: IncomingMessage,
	body: Buffer,
	response: ServerResponse,
): Promise<void> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers)) {
		if (value !== undefined && !HOP_BY_HOP.has(name))
			headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	const answer = await fetch(`${target}${request.url ?? '/'}`, {
		method: request.method,
		headers,
		body: body.length > 0 ? body : undefined,
	});
	response.writeHead(answer.status, {
		'content-type': answer.headers.get('content-type') ?? 'application/json',
	});
	response.end(Buffer.from(await answer.arrayBuffer()));
}

export async function startHoldingGate(target: string): Promise<HoldingGate> {
	let hold: ((held: HeldRequest) => void) | undefined;
	const kept: ServerResponse[] = [];
	const server = createServer((request, response) => {
		void bodyOf(request)
			.then(async (body) => {
				if (hold) {
					const resolve = hold;
					hold = undefined;
					kept.push(response);
					resolve({
						path: request.url ?? '/',
						headers: request.headers,
						body: body.toString('utf8'),
						callerPort: request.socket.remotePort ?? 0,
					});
					return;
				}
				await forward(target, request, body, response);
			})
			.catch(() => response.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		holdNext: () =>
			new Promise<HeldRequest>((resolve) => {
				hold = resolve;
			}),
		close: () =>
			new Promise<void>((resolve) => {
				for (const response of kept) response.destroy();
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** The process group of the local process whose TCP socket has `localPort` (from `ss -tnp`). */
export async function processGroupOfPort(localPort: number): Promise<number> {
	const { stdout } = await promisify(execFile)('ss', [
		'-Htnp',
		'state',
		'established',
		'src',
		`127.0.0.1:${localPort}`,
	]);
	const pid = /pid=(\d+)/.exec(stdout)?.[1];
	if (pid === undefined) throw new Error(`no process found with a socket on port ${localPort}`);
	// /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces, so split after ")".
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}
