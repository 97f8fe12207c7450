/**
 * What a write to the persisted sandbox costs as its world grows: PUT /admin/stock (p50 of 20) at
 * the seeded 26 orders, then 5,000 orders added through POST /admin/orders (p50 per block of 500),
 * then PUT /admin/stock again. Since saves write only what changed (src/sandbox/store.ts), the
 * figures stay flat; before, each write re-serialized the whole world.
 *
 *   npm run bench:sandbox
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox } from '../src/sandbox/server';
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function main() {
  const dataFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'probe-sb-')), 'sandbox.db');
  const sb = await startSandbox({ port: 0, dataFile });
  const post = async (p: string, body: unknown, method = 'POST') => {
    const t = process.hrtime.bigint();
    const r = await fetch(sb.url + p, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await r.text();
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  const stock = async () => { const xs = []; for (let i = 0; i < 20; i++) xs.push(await post('/admin/stock', { warehouseId: 'WH-EAST-SH', sku: 'SKU-PROBE', quantity: i + 1 }, 'PUT')); return p50(xs).toFixed(1); };
  console.log('PUT /admin/stock p50 at 26 orders', await stock());
  for (let block = 0; block < 10; block++) {
    const xs = [];
    for (let i = 0; i < 500; i++) {
      const n = block * 500 + i;
      xs.push(await post('/admin/orders', { orderId: `ORD-P-${n}`, customer: { name: 'N', phone: '13800000000', address: 'A', channel: 'sms' }, memberTier: 'standard', status: 'delivered', items: [{ sku: 'SKU-SEAFOOD-CRAB', title: 'Crabs', category: 'fresh', unitPrice: 45800, quantity: 1 }], destinationDivisionCode: '310101', carrier: 'SF', deliveredAt: '2026-11-30T00:00:00.000Z' }));
    }
    console.log(`POST /admin/orders block ${block} p50 ${p50(xs).toFixed(1)} ms`);
  }
  console.log('PUT /admin/stock p50 at 5,026 orders', await stock());
  await sb.close();
}
void main();
