// Benchmark: `npm run bench` (build first, then this). Never run by the tests.
// Generates seeded repos under .bench/ (gitignored) and prints, per repo: discovery time (git and walk),
// prefilter time with both engines against `rg -l` over the same tree, files/s, and the process's peak RSS.
// Two hooks time later stages when they exist: the CLI scan (scanViaCli) and apply vs jscodeshift
// (compareApplyWithJscodeshift). Usage: node bench/run.mjs [--only 20k,100k,ts2k]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateRepo } from './generate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = join(ROOT, '.bench');
const DIST = join(ROOT, 'dist', 'src');
const FALLBACK_PATTERN = 'claude-[0-9a-z][0-9a-z.\\-]*|anthropic|budget_tokens';

export const REPOS = [
  { id: '20k', dir: 'mixed-20k', kind: 'mixed', files: 20_000, seed: 20_000, git: true },
  { id: '100k', dir: 'mixed-100k', kind: 'mixed', files: 100_000, seed: 100_000, git: true },
  { id: 'ts2k', dir: 'ts-2k', kind: 'ts-all', files: 2_000, seed: 2_000, git: false },
];

async function loadScanner() {
  const url = (rel) => pathToFileURL(join(DIST, rel)).href;
  if (!existsSync(join(DIST, 'scanner', 'discover.js'))) throw new Error('dist/src/scanner not built: run `npm run bench` (it builds first)');
  const [discover, prefilter] = await Promise.all([import(url('scanner/discover.js')), import(url('scanner/prefilter.js'))]);
  let pattern = FALLBACK_PATTERN;
  let patternSource = 'fallback test pattern (dist/src/engine/plan.js not loadable)';
  try {
    const plan = await import(url('engine/plan.js'));
    pattern = plan.prefilterPattern();
    patternSource = 'product pattern (engine/plan.js prefilterPattern())';
  } catch {
    // The engine is not built yet: the scanner is still measured, with the test pattern.
  }
  return { ...discover, ...prefilter, pattern, patternSource };
}

/** Best wall time of `runs` runs (ms) and the last result. */
async function timed(runs, fn) {
  let best = Infinity;
  let result;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await fn();
    best = Math.min(best, performance.now() - start);
  }
  return { ms: best, result };
}

function ensureGitRepo(dir) {
  if (existsSync(join(dir, '.git'))) return;
  const git = (...args) => {
    const res = spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, stdio: 'ignore' });
    if (res.status !== 0) throw new Error(`git ${args[0]} failed in ${dir}`);
  };
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', 'bench tree');
}

/** `rg -l` with ripgrep's own walk (gitignore, hidden files, binary detection): the speed reference. */
function rgBaseline(rgPath, dir, pattern) {
  return new Promise((resolvePromise) => {
    let count = 0;
    // --no-ignore-parent: .bench/ is ignored by this repository's own .gitignore.
    const child = spawn(rgPath, ['--no-config', '--no-ignore-parent', '-l', '-0', '-e', pattern, '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', (chunk) => {
      for (const byte of chunk) if (byte === 0) count++;
    });
    child.on('close', () => resolvePromise(count));
  });
}

export async function benchDiscovery(scanner, dir, runs) {
  const git = await timed(runs, () => scanner.discoverFiles({ root: dir }));
  const walk = await timed(runs, () => scanner.discoverFiles({ root: dir, git: false }));
  return { git, walk };
}

export async function benchPrefilter(scanner, dir, files, runs) {
  const js = await timed(runs, () => scanner.prefilter(dir, files, scanner.pattern, { engine: 'js' }));
  const rgPath = await scanner.findRipgrep();
  if (!rgPath) return { js };
  const rg = await timed(runs, () => scanner.prefilter(dir, files, scanner.pattern, { engine: 'rg' }));
  // The product pattern may escape '/', which ripgrep 13 rejects: the same rewrite the prefilter applies.
  const baseline = await timed(runs, () => rgBaseline(rgPath, dir, scanner.toRustPattern(scanner.pattern)));
  return { js, rg, baseline, rgPath };
}

/** Hook: the whole product scan through the built CLI (`scan <dir> --format json`). */
export async function scanViaCli(dir) {
  const bin = [join(DIST, 'cli', 'bin.js'), join(DIST, 'cli', 'main.js')].find((p) => existsSync(p));
  if (!bin) return { skipped: 'scan: CLI not built yet' };
  const start = performance.now();
  const res = spawnSync(process.execPath, [bin, 'scan', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  if (res.status !== 0 && res.status !== 1) return { skipped: `scan: CLI exited ${res.status}: ${(res.stderr || '').split('\n')[0]}` };
  let files = 0;
  try {
    files = JSON.parse(res.stdout).files?.length ?? 0;
  } catch {
    return { skipped: 'scan: CLI output was not JSON', ms };
  }
  return { ms, files };
}

/** Hook: apply on the TypeScript repo vs a jscodeshift transform doing the same edits. */
export async function compareApplyWithJscodeshift(dir) {
  try {
    createRequire(join(ROOT, 'package.json')).resolve('jscodeshift');
  } catch {
    return { skipped: 'apply vs jscodeshift: jscodeshift is not installed (npm i -D jscodeshift to compare)' };
  }
  // Both sides run on copies of `dir`: `migrate apply --yes` via the CLI, then jscodeshift with the
  // equivalent transform, comparing wall time and files changed outside the intended edits.
  return { skipped: `apply vs jscodeshift: comparison transform not written yet for ${dir}` };
}

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const rssMb = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;

export async function main(argv = process.argv.slice(2)) {
  const onlyArg = argv.indexOf('--only');
  const only = onlyArg >= 0 ? new Set(argv[onlyArg + 1].split(',')) : undefined;
  const scanner = await loadScanner();
  console.log(`claude-migrate bench · node ${process.version} · pattern: ${scanner.patternSource}`);
  for (const spec of REPOS) {
    if (only && !only.has(spec.id)) continue;
    const dir = join(BENCH_DIR, spec.dir);
    const genStart = performance.now();
    const gen = generateRepo(dir, spec);
    if (spec.git) ensureGitRepo(dir);
    const runs = spec.files >= 100_000 ? 2 : 3;
    console.log(`\n== ${spec.id}: ${gen.files} files (${gen.claudeFiles} calling Claude, ${(gen.bytes / 1e6).toFixed(0)} MB) ${gen.reused ? 'reused' : `generated in ${fmtMs(performance.now() - genStart)}`}${spec.git ? ', git repo' : ', no git'}`);

    const discovery = await benchDiscovery(scanner, dir, runs);
    const { files, isGitRepo } = discovery.git.result;
    console.log(`discovery   ${isGitRepo ? 'git ls-files' : 'walk'}: ${fmtMs(discovery.git.ms)} (${files.length} files)   fdir+ignore walk: ${fmtMs(discovery.walk.ms)} (${discovery.walk.result.files.length} files)`);

    const pre = await benchPrefilter(scanner, dir, files, runs);
    const line = [`prefilter   js: ${fmtMs(pre.js.ms)} (${pre.js.result.candidates.length} candidates)`];
    if (pre.rg) {
      line.push(`rg: ${fmtMs(pre.rg.ms)} (${pre.rg.result.candidates.length})`);
      line.push(`reference rg -l over the tree: ${fmtMs(pre.baseline.ms)} (${pre.baseline.result}; its own walk, no default excludes)`);
    } else line.push('rg: not available');
    console.log(line.join('   '));
    if (pre.rg) {
      const same = JSON.stringify(pre.rg.result.candidates) === JSON.stringify(pre.js.result.candidates);
      console.log(`ratio       prefilter/rg -l: js ×${(pre.js.ms / pre.baseline.ms).toFixed(1)}, rg ×${(pre.rg.ms / pre.baseline.ms).toFixed(1)}; discovery+prefilter(rg)/rg -l ×${((discovery.git.ms + pre.rg.ms) / pre.baseline.ms).toFixed(1)}; engines agree: ${same ? 'yes' : 'NO'}`);
    }
    const fastest = Math.min(pre.js.ms, pre.rg?.ms ?? Infinity);
    console.log(`throughput  ${Math.round(files.length / ((discovery.git.ms + fastest) / 1000)).toLocaleString('en-US')} files/s (discovery + fastest prefilter)   peak RSS so far: ${rssMb()}`);

    const scan = await scanViaCli(dir);
    console.log(scan.skipped ?? `scan (CLI)  ${fmtMs(scan.ms)}: ${scan.files} files with findings, ${Math.round(files.length / (scan.ms / 1000)).toLocaleString('en-US')} files/s`);
    if (spec.kind === 'ts-all') {
      const apply = await compareApplyWithJscodeshift(dir);
      console.log(apply.skipped ?? JSON.stringify(apply));
    }
  }
  console.log(`\npeak RSS: ${rssMb()}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
