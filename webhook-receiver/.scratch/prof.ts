import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool, request } from 'undici';
import { signApiWebhook } from '../../shared/webhooks/api-signature';

const SECRET = 'whsec_bench_receiver_secret_0123456789';
async function main() {
  let received = 0;
  const sink = createServer((req, res) => { req.resume(); req.on('end', () => { received++; res.writeHead(204).end(); }); });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  const sinkUrl = `http://127.0.0.1:${(sink.address() as any).port}/x`;
  const port = 18000 + Math.floor(Math.random() * 1000);
  const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir', '/tmp/rx/prof', '--import', 'tsx', 'webhook-receiver/src/cli.ts'], {
    env: { ...process.env, RECEIVER_PORT: String(port), RECEIVER_SECRETS: SECRET, RECEIVER_WEBHOOK_IDS: 'wh', RECEIVER_TARGET_URLS: sinkUrl,
      RECEIVER_DATA_DIR: mkdtempSync(join(tmpdir(), 'prof-')), RECEIVER_LOG_LEVEL: process.env.LL ?? 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const origin = `http://127.0.0.1:${port}`;
  for (;;) { try { const r = await request(origin + '/healthz'); await r.body.dump(); break; } catch { await new Promise((r) => setTimeout(r, 50)); } }
  const N = 15000;
  const ds = Array.from({ length: N }, (_, i) => { const id = `d${i}`; const body = Buffer.from(JSON.stringify({ id, event: 'prompt_run.progress', data: { run_id: 'r', index_id: 'i', status: 'processing', total_segments: 240 }, api_version: '2024-01', created_at: '2026-04-20T10:00:00Z' }));
    return { body, headers: { 'content-type': 'application/json', 'x-webhook-signature': signApiWebhook(SECRET, body), 'x-webhook-id': 'wh', 'x-delivery-id': id } }; });
  const pool = new Pool(origin, { connections: 32 });
  let next = 0; const t0 = performance.now();
  await Promise.all(Array.from({ length: 32 }, async () => { while (next < N) { const d = ds[next++]!; const r = await pool.request({ path: '/webhooks/videovector', method: 'POST', headers: d.headers, body: d.body }); await r.body.dump(); } }));
  const t1 = performance.now();
  console.log('ingest/s', N / ((t1 - t0) / 1000));
  while (received < N) await new Promise((r) => setTimeout(r, 20));
  console.log('forward done ms after ingest', performance.now() - t1);
  child.kill('SIGINT'); await new Promise((r) => child.once('exit', r)); await pool.close(); sink.close();
}
main();
