import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
const w = new Worker(join(__dirname, 'w.ts'));
w.on('message', (m) => { console.log('reply', m); void w.terminate(); });
w.on('error', (e) => console.log('err', e));
w.postMessage({ n: 21 });
