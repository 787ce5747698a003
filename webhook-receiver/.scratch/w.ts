import type { MessagePort } from 'node:worker_threads';
const threads: typeof import('node:worker_threads') = require('node:worker_threads');
const sqlite: typeof import('node:sqlite') = require('node:sqlite');
const port = threads.parentPort as MessagePort;
port.on('message', (m: { n: number }) => {
	const db = new sqlite.DatabaseSync(':memory:');
	port.postMessage({ got: m.n * 2, v: (db.prepare('select sqlite_version() v').get() as { v: string }).v });
	db.close();
});
