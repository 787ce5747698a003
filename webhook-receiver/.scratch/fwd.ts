import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { startReceiver } from '../src/receiver';
import { silentLogger } from '../src/log/logger';
import { startTarget } from '../test/support/target-server';
import { deliveryHeaders, envelopeBody, SECRET, WEBHOOK_ID } from '../test/support/deliveries';

async function main() {
  const target = await startTarget();
  const dir = mkdtempSync(join(tmpdir(), 'probe-'));
  const r = await startReceiver({ listen: { port: 0 }, secrets: [SECRET], webhookIds: [WEBHOOK_ID], routes: [{ targets: [{ url: target.url }] }], dataDir: dir }, { logger: silentLogger });
  const N = 3000;
  const pool = new Pool(r.url, { connections: 32 });
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < N) { const i = next++; const id = `e${i}`; const body = envelopeBody({ id });
      const res = await pool.request({ path: '/webhooks/videovector', method: 'POST', headers: deliveryHeaders(body, { deliveryId: id }), body }); await res.body.dump(); }
  }));
  const t1 = performance.now();
  console.log('ingest/s', N / ((t1 - t0) / 1000));
  while (target.acceptedCount.size < N) await new Promise((r) => setTimeout(r, 5));
  const t2 = performance.now();
  console.log('forward total/s', N / ((t2 - t0) / 1000), 'after ingest ms', t2 - t1);
  await pool.close(); await r.close(); await target.close();
}
main();
