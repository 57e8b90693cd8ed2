import { buildNetwork, createTrainer, denseSequence, predict } from './src/lib/engine/index';
import { lectureData, toRecording } from './src/lib/activity/lecture';
const [units, chunk, lr, people, seconds] = process.argv.slice(2).map(Number);
let t0 = performance.now();
const data = lectureData();
console.log('data ms', performance.now() - t0, data.recordings.map((r) => r.labels.length));
const net = buildNetwork({ inputSize: 3, layers: [{ cell: 'lstm', hiddenSize: units }], outputSize: 5 }, { seed: 1 });
const trainer = createTrainer(net, { optimizer: { kind: 'adam', lr }, clipNorm: 5, tbptt: chunk });
const train = data.train.slice(0, people).map(toRecording);
const test = toRecording(data.test[0]);
const NORM = process.env.NORM === '1';
if (NORM) { const m=[0,0,0], v=[0,0,0]; let n=0; for (const r of train) { for (let t=0;t<r.labels.length;t++) for (let k=0;k<3;k++){ m[k]+=r.xyz[3*t+k]; v[k]+=r.xyz[3*t+k]**2;} n+=r.labels.length; }
  const sd = m.map((mm,k)=>Math.sqrt(v[k]/n-(mm/n)**2)); const mu=m.map(mm=>mm/n); console.log('mu',mu,'sd',sd);
  for (const r of [...train, test]) for (let t=0;t<r.labels.length;t++) for (let k=0;k<3;k++) r.xyz[3*t+k]=(r.xyz[3*t+k]-mu[k])/sd[k]; }
const evalSteps = Math.min(test.labels.length, 20000);
function acc() {
  const out = predict(net, denseSequence(test.xyz.subarray(0, 3 * evalSteps), 3));
  let ok = 0; for (let t = 0; t < evalSteps; t++) { const y = out[t]; let b = 0; for (let k = 1; k < 5; k++) if (y[k] > y[b]) b = k; if (b === test.labels[t]) ok++; }
  return ok / evalSteps;
}
t0 = performance.now(); let steps = 0; let updates = 0; let next = 10;
const S = Number(process.argv[7] ?? 32);
const pieces: any[] = [];
for (const r of train) { const n = r.labels.length; const per = Math.ceil(n / Math.ceil(S / train.length)); for (let s0 = 0; s0 < n; s0 += per) { const e = Math.min(n, s0 + per); pieces.push({ inputs: denseSequence(r.xyz.subarray(3*s0, 3*e), 3), loss: { kind: 'softmax-ce', reduction: 'mean', targets: Array.from(r.labels.subarray(s0, e)) } }); } }
console.log('streams', pieces.length);
outer: for (let epoch = 0; epoch < 10; epoch++) {
  const cur = trainer.streams(pieces);
  while (!cur.done) { const p0 = cur.position; const u = cur.next(); if (u) { (globalThis as any).L = 0.98 * ((globalThis as any).L ?? u.loss) + 0.02 * u.loss; } steps += cur.position - p0; updates++;
    const s = (performance.now() - t0) / 1000;
    if (s > next) { const te = performance.now(); const a = acc(); t0 += performance.now() - te; console.log(`t=${s.toFixed(0)}s steps=${steps} upd=${updates} sps=${(steps/s).toFixed(0)} acc=${(a*100).toFixed(1)} loss=${(globalThis as any).L.toFixed(3)}`); next += 10; }
    if (s > seconds) break outer; }
}
{
  const out = predict(net, denseSequence(test.xyz, 3));
  const C = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]); let ok = 0;
  for (let t = 0; t < out.length; t++) { const y = out[t]; let b = 0; for (let k = 1; k < 5; k++) if (y[k] > y[b]) b = k; C[test.labels[t]][b]++; if (b === test.labels[t]) ok++; }
  console.log('FULL held-out acc', (ok / out.length * 100).toFixed(1), JSON.stringify(C));
  const tr = train[0]; const o2 = predict(net, denseSequence(tr.xyz.subarray(0, 60000), 3)); let ok2 = 0; for (let t = 0; t < o2.length; t++) { const y = o2[t]; let b = 0; for (let k = 1; k < 5; k++) if (y[k] > y[b]) b = k; if (b === tr.labels[t]) ok2++; }
  console.log('train person 0 acc', (ok2 / o2.length * 100).toFixed(1));
}
