// How much of a cold plan is warm-up: plans the bench's 20k repository's candidates twice in one thread
// and prints each language's time, first file included. Not a test. Build and run `npm run bench` once
// first (it generates .bench/). Usage: node bench/warmup.mjs [repo dir, default .bench/mixed-20k]
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const load = (rel) => import(pathToFileURL(join(ROOT, 'dist', 'src', rel)).href);
const [{ discoverFiles }, { prefilter }, { prefilterPattern }, { planCandidate }] = await Promise.all([
  load('scanner/discover.js'), load('scanner/prefilter.js'), load('engine/plan.js'), load('engine/worker.js'),
]);
const dir = resolve(process.argv[2] ?? join(ROOT, '.bench', 'mixed-20k'));
const { files } = await discoverFiles({ root: dir });
const { candidates } = await prefilter(dir, files, prefilterPattern(), {});
const opts = { root: dir, target: 'auto', today: new Date().toISOString().slice(0, 10) };
for (const pass of [1, 2]) {
  const byExt = new Map();
  const start = performance.now();
  for (const rel of candidates) {
    const t = performance.now();
    await planCandidate(dir, rel, opts);
    const e = byExt.get(extname(rel) || rel) ?? { n: 0, ms: 0, first: performance.now() - t };
    e.n++;
    e.ms += performance.now() - t;
    byExt.set(extname(rel) || rel, e);
  }
  console.log(`pass ${pass}: ${candidates.length} candidates in ${(performance.now() - start).toFixed(0)} ms`);
  for (const [ext, e] of [...byExt].sort((a, b) => b[1].ms - a[1].ms)) console.log(`  ${ext.padEnd(8)} ${String(e.n).padStart(4)} files ${e.ms.toFixed(0).padStart(6)} ms (first ${e.first.toFixed(0)} ms)`);
}
