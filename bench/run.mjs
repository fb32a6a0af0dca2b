// Benchmark: `npm run bench` (build first, then this). Never run by the tests.
// Generates seeded repos under .bench/ (gitignored) and prints, per repo: discovery and prefilter time
// (files/s), the whole CLI scan against `rg -l` with the same pattern (ripgrep from @vscode/ripgrep) as a
// ratio, the CLI's CPU time and peak RSS, and parse+rules files/s; on the TypeScript repo, `apply` against
// jscodeshift running the equivalent transform (bench/jscodeshift-transform.cjs), installed on demand into
// .bench/tools (never a dependency), and the write phase's files/s. Best of several runs: other work on
// the machine only ever slows a run down; the two sides of a ratio run alternately. Usage: node bench/run.mjs [--only 20k,100k,ts2k] [--runs N]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
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

export async function benchPrefilter(scanner, dir, files, runs, reference) {
  const js = await timed(runs, () => scanner.prefilter(dir, files, scanner.pattern, { engine: 'js' }));
  const rgPath = await scanner.findRipgrep();
  const rg = rgPath ? await timed(runs, () => scanner.prefilter(dir, files, scanner.pattern, { engine: 'rg' })) : undefined;
  // The product pattern may escape '/', which ripgrep 13 rejects: the same rewrite the prefilter applies.
  const baseline = reference ? await timed(runs, () => rgBaseline(reference.path, dir, scanner.toRustPattern(scanner.pattern))) : undefined;
  return { js, rg, baseline, rgPath };
}

/** ripgrep shipped in @vscode/ripgrep (the same build everywhere), else the one the scanner found. */
async function referenceRipgrep(scanner) {
  try {
    const mod = await import('@vscode/ripgrep');
    if (mod.rgPath && existsSync(mod.rgPath)) return { path: mod.rgPath, source: '@vscode/ripgrep' };
  } catch {
    // optional dependency not installed
  }
  const found = await scanner.findRipgrep();
  return found ? { path: found, source: found } : undefined;
}

const CLI = join(DIST, 'cli', 'bin.js');
const PROBE = join(ROOT, 'bench', 'probe.cjs');

/** Run the built CLI once; wall time, CPU time and peak RSS of the whole process (workers included). */
function runCli(args, env = {}) {
  const probeDir = mkdtempSync(join(BENCH_DIR, 'probe-'));
  const probe = join(probeDir, 'probe.json');
  const start = performance.now();
  const res = spawnSync(process.execPath, ['--require', PROBE, CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env, CLAUDE_MIGRATE_BENCH_PROBE: probe } });
  const ms = performance.now() - start;
  let usage = { cpuMs: NaN, maxRssKb: NaN };
  try { usage = JSON.parse(readFileSync(probe, 'utf8')); } catch { /* the CLI died before exit */ }
  rmSync(probeDir, { recursive: true, force: true });
  return { res, ms, ...usage };
}

/**
 * The whole product scan through the built CLI (`scan <dir> --format json`), best wall time of `runs`.
 * With `reference` (the rg -l baseline), each scan run follows a reference run: this machine's speed
 * drifts by tens of percent over a minute, and interleaving puts both sides of the ratio in the same drift.
 */
export async function scanViaCli(dir, runs, reference, { repeat = false } = {}) {
  if (!existsSync(CLI)) return { skipped: 'scan: CLI not built yet' };
  // Cold: every file parsed (--no-cache). Repeat: after one untimed run, nothing changed, plans reused.
  const args = ['scan', dir, '--format', 'json', '--quiet', ...(repeat ? [] : ['--no-cache'])];
  if (repeat) runCli(args);
  let best;
  let referenceMs = Infinity;
  for (let i = 0; i < runs; i++) {
    if (reference) referenceMs = Math.min(referenceMs, (await timed(1, reference)).ms);
    const r = runCli(args);
    if (r.res.status !== 0 && r.res.status !== 1) return { skipped: `scan: CLI exited ${r.res.status}: ${(r.res.stderr || '').split('\n').find(Boolean)}` };
    if (!best || r.ms < best.ms) best = r;
    best.maxRssKb = Math.max(best.maxRssKb, r.maxRssKb);
  }
  let files = 0;
  let fromCache = 0;
  try {
    const report = JSON.parse(best.res.stdout);
    files = report.files?.length ?? 0;
    fromCache = report.stats?.fromCache ?? 0;
  } catch {
    return { skipped: 'scan: CLI output was not JSON', ms: best.ms };
  }
  return { ms: best.ms, cpuMs: best.cpuMs, maxRssKb: best.maxRssKb, files, fromCache, referenceMs: reference ? referenceMs : undefined };
}

/** Parse + rules alone, in this process (workers as the CLI would use them): candidates/s. */
async function benchParseRules(dir, candidates) {
  const { planCandidates } = await import(pathToFileURL(join(DIST, 'engine', 'worker.js')).href);
  const start = performance.now();
  await planCandidates(dir, candidates, { target: 'auto', today: new Date().toISOString().slice(0, 10) });
  return performance.now() - start;
}

const TARGET = 'claude-opus-4-7';
const TOOLS = join(BENCH_DIR, 'tools');
const JSCODESHIFT_BIN = join(TOOLS, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');

/** jscodeshift from the npm registry into .bench/tools, once; never a project dependency. */
function ensureJscodeshift() {
  if (existsSync(JSCODESHIFT_BIN)) return { ok: true };
  console.log('installing jscodeshift@17 into .bench/tools (npm registry; not a project dependency)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const res = spawnSync(npm, ['install', '--prefix', TOOLS, 'jscodeshift@17', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund'], { encoding: 'utf8' });
  if (res.status !== 0 || !existsSync(JSCODESHIFT_BIN)) return { ok: false, why: (res.stderr || res.error?.message || '').trim().split('\n').pop() };
  return { ok: true };
}

/** What the equivalent migration must leave in every file of the TS repo: the three edits, nothing of the old request. */
function checkMigrated(dir, files) {
  const bad = [];
  for (const rel of files) {
    const text = readFileSync(join(dir, rel), 'utf8');
    const ok = text.includes(`'${TARGET}'`) && /thinking:\s*\{\s*type:\s*'adaptive'\s*\}/.test(text) && /output_config:\s*\{\s*effort:\s*'high'\s*\}/.test(text) && !/budget_tokens|temperature|top_p|claude-3-|claude-(sonnet|opus)-4-(20|1|5)/.test(text);
    if (!ok) bad.push(rel);
  }
  return bad;
}

function freshCopy(src, name) {
  const dest = join(BENCH_DIR, 'work', name);
  rmSync(dest, { recursive: true, force: true });
  cpSync(src, dest, { recursive: true });
  return dest;
}

/** jscodeshift with the equivalent transform on a fresh copy of `dir`: wall time, or why it could not run. */
function runJscodeshift(dir, sample) {
  const cpus = availableParallelism();
  const jsCopy = freshCopy(dir, 'apply-jscodeshift');
  const start = performance.now();
  const res = spawnSync(process.execPath, [JSCODESHIFT_BIN, '-t', join(ROOT, 'bench', 'jscodeshift-transform.cjs'), '--parser=ts', '--extensions=ts', `--cpus=${cpus}`, '--silent', '.'], { cwd: jsCopy, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  if (res.status !== 0) return { skipped: `jscodeshift exited ${res.status}: ${(res.stderr || '').split('\n').find(Boolean)}` };
  const bad = checkMigrated(jsCopy, sample);
  if (bad.length) return { skipped: `jscodeshift left ${bad.length}/${sample.length} sampled files unmigrated (e.g. ${bad[0]}): not a fair comparison` };
  return { ms, cpus, sampled: sample.length };
}

/**
 * apply (CLI, target claude-opus-4-7) vs jscodeshift with the same edits, each on a fresh copy of `dir`,
 * run alternately (ours, theirs, ours, theirs…) and compared best against best, so a slow spell of the
 * machine does not land on one side only.
 */
export async function compareApplyWithJscodeshift(dir, files, runs) {
  const sources = files.filter((f) => f.endsWith('.ts'));
  const sample = sources.filter((_, i) => i % Math.max(1, Math.floor(sources.length / 50)) === 0);
  const tool = ensureJscodeshift();
  let ours;
  let jscodeshift = tool.ok ? undefined : { skipped: `jscodeshift could not be installed (${tool.why || 'offline?'}): apply vs jscodeshift ratio skipped` };
  for (let i = 0; i < runs; i++) {
    const copy = freshCopy(dir, 'apply-ours');
    // --no-cache: every copy has the same bytes at the same path, so cached plans would be reused.
    const r = runCli(['apply', copy, '--yes', '--quiet', '--no-cache', '--target', TARGET, '--format', 'json']);
    if (r.res.status !== 0 && r.res.status !== 1) return { skipped: `apply: CLI exited ${r.res.status}: ${(r.res.stderr || '').split('\n').find(Boolean)}` };
    const bad = checkMigrated(copy, sample);
    if (bad.length) return { skipped: `apply: ${bad.length}/${sample.length} sampled files not fully migrated by claude-migrate (e.g. ${bad[0]})` };
    if (!ours || r.ms < ours.ms) ours = r;
    if (jscodeshift?.skipped) continue;
    const theirs = runJscodeshift(dir, sample);
    if (theirs.skipped || !jscodeshift || theirs.ms < jscodeshift.ms) jscodeshift = theirs;
  }
  // The write phase alone: plan in this process, then time apply's writer (its own thread) on every file.
  const { plan } = await import(pathToFileURL(join(DIST, 'engine', 'plan.js')).href);
  const { applyWriter } = await import(pathToFileURL(join(DIST, 'engine', 'write-thread.js')).href);
  const copy = freshCopy(dir, 'apply-write');
  const run = await plan({ root: copy, target: TARGET });
  const writeStart = performance.now();
  const writer = applyWriter(copy);
  for (const file of run.files) writer.push(file);
  const written = (await writer.finish(run.files)).written.length;
  const writeMs = performance.now() - writeStart;
  return { ours, writeMs, written, jscodeshift };
}

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const rssMb = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;

const perSec = (n, ms) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')} files/s`;

export async function main(argv = process.argv.slice(2)) {
  const onlyArg = argv.indexOf('--only');
  const only = onlyArg >= 0 ? new Set(argv[onlyArg + 1].split(',')) : undefined;
  const runsArg = argv.indexOf('--runs');
  const runsOverride = runsArg >= 0 ? Number(argv[runsArg + 1]) : undefined;
  const scanner = await loadScanner();
  const reference = await referenceRipgrep(scanner);
  console.log(`claude-migrate bench · node ${process.version} · ${availableParallelism()} cores · load average ${loadavg()[0].toFixed(1)} · pattern: ${scanner.patternSource}`);
  console.log(`reference: ${reference ? `rg -l from ${reference.source}` : 'no ripgrep found: scan/rg ratios skipped'}`);
  const summary = {};
  for (const spec of REPOS) {
    if (only && !only.has(spec.id)) continue;
    const dir = join(BENCH_DIR, spec.dir);
    const genStart = performance.now();
    const gen = generateRepo(dir, spec);
    if (spec.git) ensureGitRepo(dir);
    const runs = runsOverride ?? (spec.files >= 100_000 ? 2 : 3);
    console.log(`\n== ${spec.id}: ${gen.files} files (${gen.claudeFiles} calling Claude, ${(gen.bytes / 1e6).toFixed(0)} MB) ${gen.reused ? 'reused' : `generated in ${fmtMs(performance.now() - genStart)}`}${spec.git ? ', git repo' : ', no git'}`);

    const discovery = await benchDiscovery(scanner, dir, runs);
    const { files, isGitRepo } = discovery.git.result;
    console.log(`discovery   ${isGitRepo ? 'git ls-files' : 'walk'}: ${fmtMs(discovery.git.ms)} (${files.length} files, ${perSec(files.length, discovery.git.ms)})   fdir+ignore walk: ${fmtMs(discovery.walk.ms)}`);

    const pre = await benchPrefilter(scanner, dir, files, runs, reference);
    const fastest = pre.rg && pre.rg.ms < pre.js.ms ? pre.rg : pre.js;
    const candidates = fastest.result.candidates;
    const same = !pre.rg || JSON.stringify(pre.rg.result.candidates) === JSON.stringify(pre.js.result.candidates);
    console.log(`prefilter   js: ${fmtMs(pre.js.ms)}   rg: ${pre.rg ? fmtMs(pre.rg.ms) : 'n/a'}   → ${candidates.length} candidates, ${perSec(files.length, fastest.ms)}; engines agree: ${same ? 'yes' : 'NO'}`);
    if (pre.baseline) console.log(`reference   rg -l over the tree: ${fmtMs(pre.baseline.ms)} (${pre.baseline.result} files; its own walk, no default excludes)`);

    const parseMs = await benchParseRules(dir, candidates);
    console.log(`parse+rules ${fmtMs(parseMs)} for ${candidates.length} candidates: ${perSec(candidates.length, parseMs)} (worker threads from 64 candidates)`);

    const baselineRun = pre.baseline ? () => rgBaseline(reference.path, dir, scanner.toRustPattern(scanner.pattern)) : undefined;
    for (const repeat of spec.kind === 'ts-all' ? [false] : [false, true]) {
      const label = repeat ? 'repeat' : 'cold';
      const scan = await scanViaCli(dir, runs, baselineRun, { repeat });
      if (scan.skipped) {
        console.log(scan.skipped);
        continue;
      }
      // Against the best reference run, the separate ones included.
      const referenceMs = Math.min(pre.baseline?.ms ?? Infinity, scan.referenceMs ?? Infinity);
      const ratio = Number.isFinite(referenceMs) ? scan.ms / referenceMs : NaN;
      (summary[spec.id] ??= {})[label] = { scanMs: scan.ms, ratio, rssMb: scan.maxRssKb / 1024 };
      const how = repeat ? `repeat run, nothing changed: ${scan.fromCache} plans reused from the result cache` : 'cold: --no-cache, every candidate parsed';
      console.log(`scan (CLI)  ${fmtMs(scan.ms)} wall, ${fmtMs(scan.cpuMs)} CPU, peak RSS ${(scan.maxRssKb / 1024).toFixed(0)} MB: ${scan.files} files with findings, ${perSec(files.length, scan.ms)} (${how})`);
      if (pre.baseline) console.log(`RATIO       ${label} scan / rg -l = ×${ratio.toFixed(1)} (best scan ${fmtMs(scan.ms)} / best rg -l ${fmtMs(referenceMs)}, runs alternated)`);
    }
    if (spec.kind === 'ts-all') {
      const apply = await compareApplyWithJscodeshift(dir, files, Math.min(runs, 2));
      if (apply.skipped) console.log(apply.skipped);
      else {
        console.log(`apply (CLI) ${fmtMs(apply.ours.ms)} wall, ${fmtMs(apply.ours.cpuMs)} CPU, target ${TARGET}; write phase alone: ${apply.written} files in ${fmtMs(apply.writeMs)}, ${perSec(apply.written, apply.writeMs)}`);
        if (apply.jscodeshift.skipped) console.log(apply.jscodeshift.skipped);
        else {
          const ratio = apply.jscodeshift.ms / apply.ours.ms;
          summary.apply = { oursMs: apply.ours.ms, jsMs: apply.jscodeshift.ms, ratio };
          console.log(`jscodeshift ${fmtMs(apply.jscodeshift.ms)} wall, best of ${Math.min(runs, 2)} runs alternated with ours (--cpus=${apply.jscodeshift.cpus}; ${apply.jscodeshift.sampled} sampled files checked migrated, as are ours)`);
          console.log(`RATIO       jscodeshift / apply = ×${ratio.toFixed(1)}`);
        }
      }
    }
  }
  console.log('\n== summary');
  const both = (id, f) => ['cold', 'repeat'].filter((k) => summary[id]?.[k]).map((k) => `${k} ${f(summary[id][k], k)}`).join(', ');
  if (summary['20k']) console.log(`20k scan / rg -l   ${both('20k', (r) => `×${r.ratio.toFixed(1)}`)}   (target ≤ ×3)`);
  if (summary['100k']) console.log(`100k scan / rg -l  ${both('100k', (r) => `×${r.ratio.toFixed(1)}`)}   peak RSS ${both('100k', (r) => `${r.rssMb.toFixed(0)} MB`)} (target < 400 MB)`);
  if (summary['20k'] && summary['100k']) console.log(`100k / 20k scan    ${both('100k', (r, k) => `×${(r.scanMs / summary['20k'][k].scanMs).toFixed(1)}`)}   (target < ×6)`);
  if (summary.apply) console.log(`jscodeshift / apply ×${summary.apply.ratio.toFixed(1)}   (target ≥ ×3)`);
  console.log(`load average now ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores; bench process peak RSS ${rssMb()}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
