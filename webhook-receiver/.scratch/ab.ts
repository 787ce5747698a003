import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool, request } from 'undici';
import { readFileSync } from 'node:fs';
const cpu = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
import { signApiWebhook } from '../../shared/webhooks/api-signature';
const SECRET = 'whsec_bench_receiver_secret_0123456789';
let seq = 0;
function prep(n: number) { return Array.from({ length: n }, () => { const id = `d${seq++}`; const body = Buffer.from(JSON.stringify({ id, event: 'prompt_run.progress', data: { run_id: 'r', index_id: 'i', status: 'processing', total_segments: 240 }, api_version: '2024-01', created_at: '2026-04-20T10:00:00Z' })); return { body, headers: { 'content-type': 'application/json', 'x-webhook-signature': signApiWebhook(SECRET, body), 'x-webhook-id': 'wh', 'x-delivery-id': id } }; }); }
async function tp(origin: string, ds: ReturnType<typeof prep>) { const pool = new Pool(origin, { connections: 32 }); let next = 0; const t = performance.now();
  await Promise.all(Array.from({ length: 32 }, async () => { while (next < ds.length) { const d = ds[next++]!; const r = await pool.request({ path: '/webhooks/videovector', method: 'POST', headers: d.headers, body: d.body }); await r.body.dump(); } }));
  const rate = ds.length / ((performance.now() - t) / 1000); await pool.close(); return rate; }
async function lat(origin: string, ds: ReturnType<typeof prep>) { const pool = new Pool(origin, { connections: 32 }); const t0 = performance.now(); const out: Promise<number>[] = [];
  for (let i = 0; i < ds.length; i++) { const at = t0 + i * 2; const w = at - performance.now(); if (w > 1) await new Promise((r) => setTimeout(r, w)); const d = ds[i]!;
    out.push(pool.request({ path: '/webhooks/videovector', method: 'POST', headers: d.headers, body: d.body }).then(async (r) => { await r.body.dump(); return performance.now() - at; })); }
  const l = (await Promise.all(out)).sort((a, b) => a - b); await pool.close(); return [l[Math.floor(l.length * 0.5)]!, l[Math.floor(l.length * 0.99)]!].map((x) => Math.round(x * 10) / 10); }
async function main() {
  let received = 0; const sink = createServer((req, res) => { req.resume(); req.on('end', () => { received++; res.writeHead(204).end(); }); });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r)); const sinkUrl = `http://127.0.0.1:${(sink.address() as any).port}/x`;
  const kids: any[] = []; const origins: Record<string, string> = {}; const pids: Record<string, number> = {};
  for (const [name, old] of [['new', '0'], ['old', '1']]) { const port = 19000 + Math.floor(Math.random() * 900) + (old === '1' ? 0 : 1000);
    const c = spawn(process.execPath, ['--import', 'tsx', 'webhook-receiver/.scratch/ab-child.ts'], { env: { ...process.env, AB_OLD: old, RECEIVER_PORT: String(port), RECEIVER_SECRETS: SECRET, RECEIVER_WEBHOOK_IDS: 'wh', RECEIVER_TARGET_URLS: sinkUrl, RECEIVER_DATA_DIR: mkdtempSync(join(tmpdir(), 'ab-')), RECEIVER_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
    kids.push(c); pids[name] = c.pid!; origins[name] = `http://127.0.0.1:${port}`;
    for (;;) { try { const r = await request(origins[name] + '/healthz'); await r.body.dump(); break; } catch { await new Promise((r) => setTimeout(r, 50)); } } }
  let sent = 0; const drain = async () => { while (received < sent) await new Promise((r) => setTimeout(r, 20)); };
  const res: Record<string, number[]> = { new: [], old: [] }; const ing: Record<string, number[]> = { new: [], old: [] }; const tot: Record<string, number[]> = { new: [], old: [] };
  const L: Record<string, number[][]> = { new: [], old: [] };
  for (let round = 0; round < 4; round++) for (const name of round % 2 ? ['new', 'old'] : ['old', 'new']) { L[name]!.push(await lat(origins[name]!, prep(2000))); sent += 2000; await drain(); }
  console.log('p50/p99', L);
  for (let round = 0; round < 2; round++) for (const name of round % 2 ? ['new', 'old'] : ['old', 'new']) { const ds = prep(5000); const c0 = cpu(pids[name]!); const r = await tp(origins[name]!, ds); const c1 = cpu(pids[name]!); sent += 5000; res[name]!.push(Math.round(r)); await drain(); const c2 = cpu(pids[name]!); ing[name]!.push(Math.round((c1 - c0) * 1000 / 5000)); tot[name]!.push(Math.round((c2 - c0) * 1000 / 5000)); }
  console.log(res, 'ingest-window cpu µs/delivery', ing, 'total cpu µs/delivery', tot); for (const c of kids) c.kill('SIGTERM'); sink.close();
}
main();
