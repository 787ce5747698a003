import { signApiWebhook } from '../../shared/webhooks/api-signature';
import { SignatureVerifier } from '../src/ingest/signature-verifier';
import { parseEnvelope } from '../src/ingest/parse-envelope';
import { decodeUtf8 } from '../src/ingest/content-type';
import { Router } from '../src/routing/router';
import { systemClock } from '../src/time/clock';
import { createJsonLogger } from '../src/log/logger';
const SECRET='whsec_bench_receiver_secret_0123456789';
const body = Buffer.from(JSON.stringify({ id: 'dlv_x', event: 'prompt_run.progress', data: { run_id: 'run_5b2c9e1f0a3d', prompt_id: 'prompt_77e1', index_id: 'idx_demo', status: 'processing', total_segments: 240, completed_segments: 120 }, api_version: '2024-01', created_at: '2026-04-20T10:00:00Z', metadata: { n8n_workflow_id: 'wf_123', n8n_node_id: '6c1f4f3e' } }));
const headers = { 'x-webhook-signature': signApiWebhook(SECRET, body), 'x-webhook-id': 'wh' };
const v = new SignatureVerifier([{ secret: SECRET }], ['wh'], systemClock);
const router = new Router([{ events: ['prompt_run.*','export.*'], targets: [{ url: 'http://127.0.0.1:1/x', headers: {} }] }] as any);
const logger = createJsonLogger({ level: 'info', knownSecrets: [SECRET, 'admin-token-xxxxxxxx'], write: () => {} });
async function time(name: string, n: number, fn: () => unknown) {
  for (let i = 0; i < 2000; i++) await fn();
  const t = performance.now(); for (let i = 0; i < n; i++) await fn(); console.log(name, ((performance.now() - t) * 1000 / n).toFixed(2), 'µs');
}
(async () => {
  const text = decodeUtf8(body)!;
  await time('decode', 20000, () => decodeUtf8(body));
  await time('verify', 20000, () => v.verify(text, headers));
  await time('parse', 20000, () => parseEnvelope(text));
  await time('JSON.parse', 20000, () => JSON.parse(text));
  await time('route', 20000, () => router.match('prompt_run.progress', 'idx_demo'));
  await time('log', 20000, () => logger.info('delivery.stored', { delivery_id: 'dlv_x', event_type: 'prompt_run.progress', webhook_id: 'wh', seq: 1, targets: ['http://127.0.0.1:1#abc'] }));
})();
import { createHmac } from 'node:crypto';
(async () => {
  await new Promise((r) => setTimeout(r, 2000));
  const { verify } = await import('@octokit/webhooks-methods');
  const text = body.toString();
  await time('octokit verify', 20000, () => verify(SECRET, text, headers['x-webhook-signature']));
  await time('raw hmac', 20000, () => createHmac('sha256', SECRET).update(body).digest());
  await time('verify2', 20000, () => v.verify(text, headers));
})();
