import { spawnSync } from 'node:child_process';
import { startEmulatorProcess } from './emulator-process';
async function main() {
  const emu = await startEmulatorProcess({ EMULATOR_SEED: 'empty' });
  const media = await emu.control<any>('POST', '/seed/index', { media: 100000, run: false });
  const byId = (value: string) => ({ __rl: true, mode: 'id', value });
  const w = { label: 'x', parameters: { resource: 'index', operation: 'listMedia', indexId: byId(media.index_id), returnAll: true }, path: `/indexes/${media.index_id}/videos`, query: {} };
  for (const p of ['node', 'plain']) {
    const r = spawnSync('node_modules/.bin/tsx', ['bench/node-return-all.ts', '--rss-child', emu.baseUrl, emu.apiKey, p, JSON.stringify(w)], { encoding: 'utf8' });
    console.log(p, r.stdout.trim(), r.stderr.trim().slice(-300));
  }
  await emu.stop();
}
main();
