import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool, request } from 'undici';
import { signApiWebhook } from '../../shared/webhooks/api-signature';
const SECRET = 'whsec_bench_receiver_secret_0123456789';
let seq = 0;
function prep(n: number) { return Array.from({ length: n }, () => { const id = `d${seq++}`; const body = Buffer.from(JSON.stringify({ id, event: 'prompt_run.progress', data: { run_id: 'r', index_id: 'i', status: 'processing', total_segments: 240 }, api_version: '2024-01', created_at: '2026-04-20T10:00:00Z' })); return { body, headers: { 'content-type': 'application/json', 'x-webhook-signature': signApiWebhook(SECRET, body), 'x-webhook-id': 'wh', 'x-delivery-id': id } }; }); }
async function lat(origin: string, ds: ReturnType<typeof prep>) { const pool = new Pool(origin, { connections: 32 }); const t0 = performance.now(); const out: Promise<[number, number]>[] = [];
  for (let i = 0; i < ds.length; i++) { const at = t0 + i * 2; const w = at - performance.now(); if (w > 1) await new Promise((r) => setTimeout(r, w)); const d = ds[i]!;
    out.push(pool.request({ path: '/webhooks/videovector', method: 'POST', headers: d.headers, body: d.body }).then(async (r) => { await r.body.dump(); return [performance.now() - at, at - t0] as [number, number]; })); }
  const all = await Promise.all(out); const l = all.map((x) => x[0]).sort((a, b) => a - b); await pool.close();
  const slow = all.filter((x) => x[0] > 20).map((x) => `${Math.round(x[1])}:${Math.round(x[0])}`);
  return { p50: l[Math.floor(l.length * 0.5)], p99: l[Math.floor(l.length * 0.99)], slow: slow.slice(0, 40).join(' ') }; }
async function main() {
  let received = 0; const sink = createServer((req, res) => { req.resume(); req.on('end', () => { received++; res.writeHead(204).end(); }); });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r)); const sinkUrl = `http://127.0.0.1:${(sink.address() as any).port}/x`;
  const port = 19500 + Math.floor(Math.random() * 400);
  const c = spawn(process.execPath, ['--import', 'tsx', 'webhook-receiver/src/cli.ts'], { env: { ...process.env, RECEIVER_PORT: String(port), RECEIVER_SECRETS: SECRET, RECEIVER_WEBHOOK_IDS: 'wh', RECEIVER_TARGET_URLS: sinkUrl, RECEIVER_DATA_DIR: mkdtempSync(join(tmpdir(), 'lat-')), RECEIVER_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const origin = `http://127.0.0.1:${port}`;
  for (;;) { try { const r = await request(origin + '/healthz'); await r.body.dump(); break; } catch { await new Promise((r) => setTimeout(r, 50)); } }
  await lat(origin, prep(500));
  for (let i = 0; i < 3; i++) console.log(await lat(origin, prep(2000)));
  const m = await request(origin + '/metrics'); const text = await m.body.text(); console.log(text.split('\n').filter((l) => l.startsWith('videovector_receiver_ack_latency')).join('\n'));
  c.kill('SIGTERM'); sink.close();
}
main();
