// The result cache must never change a run's result: a reused plan is only taken when the file, every sibling
// file its plan read, the options and the build are what they were.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { plan, type PlanOptions } from '../../src/engine/plan.js';
import type { RunResult } from '../../src/engine/types.js';
import { ResultCache } from '../../src/engine/result-cache.js';
import { commitAll, git, initRepo, isolateGit } from '../scanner/helpers.js';

const SAMPLE = join(import.meta.dirname, '..', '..', 'fixtures', 'sample-repo');

let repo: string;
let cacheDir: string;

beforeEach(() => {
  isolateGit();
  const base = mkdtempSync(join(tmpdir(), 'cm-result-cache-'));
  repo = join(base, 'repo');
  cacheDir = join(base, 'cache');
  cpSync(SAMPLE, repo, { recursive: true });
});

afterEach(() => {
  rmSync(join(repo, '..'), { recursive: true, force: true });
});

function options(extra: Partial<PlanOptions> = {}): PlanOptions {
  return { root: repo, target: 'auto', today: '2026-03-01', prefilterEngine: 'js', workers: 0, cache: true, cacheDir, ...extra };
}

/** The result without what may differ between a cached and an uncached run. */
function comparable(run: RunResult): RunResult {
  return { ...run, stats: { ...run.stats, durationMs: 0, fromCache: 0 } };
}

function writePackage(files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, rel)), { recursive: true });
    writeFileSync(join(repo, rel), text);
  }
}

const SERVICE = 'import anthropic\nfrom .settings import MODEL\n\nclient = anthropic.Anthropic()\nclient.messages.create(model=MODEL, max_tokens=1024, messages=[{"role": "user", "content": "hi"}])\n';

describe('result cache', () => {
  it('a repeat run reuses every plan and gives the same result as planning again', async () => {
    const uncached = await plan(options({ cache: false }));
    const first = await plan(options());
    const second = await plan(options());
    expect(uncached.stats.candidates).toBeGreaterThan(4);
    expect(first.stats.fromCache).toBe(0);
    expect(second.stats.fromCache).toBe(second.stats.candidates);
    expect(comparable(first)).toEqual(comparable(uncached));
    expect(comparable(second)).toEqual(comparable(uncached));
    // On worker threads too: misses are planned there and their inputs come back with them.
    rmSync(cacheDir, { recursive: true, force: true });
    const onWorkers = await plan(options({ workers: 2 }));
    const again = await plan(options({ workers: 2 }));
    expect(again.stats.fromCache).toBe(again.stats.candidates);
    expect(comparable(onWorkers)).toEqual(comparable(uncached));
    expect(comparable(again)).toEqual(comparable(uncached));
  });

  it('plans an edited file again, and only that one', async () => {
    const first = await plan(options());
    const edited = first.files.find((f) => f.planned !== undefined)!;
    writeFileSync(join(repo, edited.path), `${readFileSync(join(repo, edited.path), 'utf8')}\n`);
    const second = await plan(options());
    expect(second.stats.fromCache).toBe(second.stats.candidates - 1);
    expect(comparable(second)).toEqual(comparable(await plan(options({ cache: false }))));
  });

  it('plans a file again when a sibling module it imports a constant from changes, disappears or appears', async () => {
    writePackage({ 'pkg/__init__.py': '', 'pkg/service.py': SERVICE });
    const modelOf = (run: RunResult) => run.files.find((f) => f.path === 'pkg/service.py')?.findings.map((x) => x.rule).sort().join(',') ?? '';
    // `.settings` does not exist yet: the model is an unresolved reference.
    const missing = await plan(options());
    const missingAgain = await plan(options());
    expect(missingAgain.stats.fromCache).toBe(missingAgain.stats.candidates);
    // It appears: the constant now resolves, so the request is read with its model.
    writePackage({ 'pkg/settings.py': 'MODEL = "claude-3-5-sonnet-20241022"\n' });
    const appeared = await plan(options());
    expect(comparable(appeared)).toEqual(comparable(await plan(options({ cache: false }))));
    expect(modelOf(missing)).toBe('');
    expect(modelOf(appeared)).toBe('effort-explicit');
    // It changes.
    writePackage({ 'pkg/settings.py': 'MODEL = "claude-opus-4-8"\n' });
    const changed = await plan(options());
    expect(comparable(changed)).toEqual(comparable(await plan(options({ cache: false }))));
    expect(modelOf(changed)).toBe('');
    // It goes away again.
    rmSync(join(repo, 'pkg', 'settings.py'));
    const gone = await plan(options());
    expect(comparable(gone)).toEqual(comparable(await plan(options({ cache: false }))));
    expect(modelOf(gone)).toBe('');
    expect(gone.stats.fromCache).toBeLessThan(gone.stats.candidates);
  });

  it('follows a TypeScript import the same way', async () => {
    writePackage({
      'web/client.ts': "import Anthropic from '@anthropic-ai/sdk';\nimport { MODEL } from './config';\n\nconst client = new Anthropic();\nexport const reply = () => client.messages.create({ model: MODEL, max_tokens: 1024, temperature: 0.2, top_p: 0.9, messages: [] });\n",
      'web/config.ts': "export const MODEL = 'claude-3-5-sonnet-20241022';\n",
    });
    const before = await plan(options());
    writePackage({ 'web/config.ts': "export const MODEL = 'claude-opus-4-7';\n" });
    const after = await plan(options());
    expect(comparable(after)).toEqual(comparable(await plan(options({ cache: false }))));
    const rules = (run: RunResult) => run.files.find((f) => f.path === 'web/client.ts')?.findings.map((x) => x.rule).sort();
    expect(rules(after)).not.toEqual(rules(before));
  });

  it('reuses nothing across other options, and nothing when a person decides finding by finding', async () => {
    await plan(options());
    const otherTarget = await plan(options({ target: 'claude-opus-4-7' }));
    expect(otherTarget.stats.fromCache).toBe(0);
    const otherDay = await plan(options({ today: '2027-01-01' }));
    expect(otherDay.stats.fromCache).toBe(0);
    const decided = await plan(options({ decide: () => undefined }));
    expect(decided.stats.fromCache).toBe(0);
  });

  it('starts empty from a corrupt cache and writes a good one', async () => {
    await plan(options());
    const [file] = readdirSync(cacheDir).filter((n) => n.endsWith('.bin'));
    writeFileSync(join(cacheDir, file), 'not a cache');
    const afterCorrupt = await plan(options());
    expect(afterCorrupt.stats.fromCache).toBe(0);
    expect(comparable(afterCorrupt)).toEqual(comparable(await plan(options({ cache: false }))));
    expect((await plan(options())).stats.fromCache).toBe(afterCorrupt.stats.candidates);
  });

  it('reads no cache that others may write (a plan holds the bytes apply writes)', async () => {
    await plan(options());
    const [file] = readdirSync(cacheDir).filter((n) => n.endsWith('.bin'));
    expect(statSync(join(cacheDir, file)).mode & 0o077).toBe(0);
    expect((await plan(options())).stats.fromCache).toBeGreaterThan(0);
    chmodSync(join(cacheDir, file), 0o666);
    expect((await plan(options())).stats.fromCache).toBe(0);
  });

  it('writes nothing when off (CLAUDE_MIGRATE_NO_CACHE, or not asked for)', async () => {
    await plan(options({ cache: false }));
    expect(existsSync(cacheDir)).toBe(false);
    process.env.CLAUDE_MIGRATE_NO_CACHE = '1';
    try {
      await plan(options());
    } finally {
      delete process.env.CLAUDE_MIGRATE_NO_CACHE;
    }
    expect(existsSync(cacheDir)).toBe(false);
  });
});

describe('result cache in a git repository: files git vouches for are known by their blob id', () => {
  const blobOf = (rel: string) => git(repo, 'rev-parse', `:${rel}`).trim();
  const cacheOf = () => ResultCache.open(repo, { target: 'auto', today: '2026-03-01' }, cacheDir)!;

  beforeEach(() => {
    writeFileSync(join(repo, 'notes.txt'), 'nothing to see\n');
    writeFileSync(join(repo, 'blob.bin'), Buffer.from('\0\0claude-3-opus-20240229\0', 'latin1'));
    initRepo(repo);
    commitAll(repo);
  });

  it('reuses prefilter verdicts and plans of unchanged files, and the result is the uncached one', async () => {
    const first = await plan(options());
    const second = await plan(options());
    expect(second.stats.fromCache).toBe(second.stats.candidates);
    expect(comparable(second)).toEqual(comparable(first));
    expect(comparable(second)).toEqual(comparable(await plan(options({ cache: false }))));
    // The verdicts are there, by blob: a binary match stays reported, not lost to the cache.
    const cache = cacheOf();
    expect(cache.verdictOf('notes.txt', blobOf('notes.txt'))).toBe('n');
    expect(cache.verdictOf('blob.bin', blobOf('blob.bin'))).toBe('b');
    expect(cache.verdictOf('notes.txt', '0'.repeat(40))).toBeUndefined();
    expect(second.skipped.map((x) => `${x.path}:${x.reason}`)).toContain('blob.bin:binary');
    // Another day or target: plans are made again, what the files contain is still known.
    const otherOptions = ResultCache.open(repo, { target: 'claude-opus-4-7', today: '2026-03-02' }, cacheDir)!;
    expect(otherOptions.verdictOf('notes.txt', blobOf('notes.txt'))).toBe('n');
    expect(otherOptions.lookup('README.md', undefined, () => undefined)).toBeUndefined();
    const nextDay = await plan(options({ today: '2026-03-02', target: 'claude-opus-4-7' }));
    expect(nextDay.stats.fromCache).toBe(0);
    expect(comparable(nextDay)).toEqual(comparable(await plan(options({ today: '2026-03-02', target: 'claude-opus-4-7', cache: false }))));
  });

  it('searches a file again once it differs from its blob: edited, committed, reverted, or hidden by assume-unchanged', async () => {
    await plan(options());
    const candidatesNow = async () => (await plan(options())).files.map((f) => f.path);
    expect(await candidatesNow()).not.toContain('notes.txt');
    // Edited, not committed: status lists it, so it has no blob id and is searched.
    writeFileSync(join(repo, 'notes.txt'), 'we call claude-3-opus-20240229 here\n');
    expect(await candidatesNow()).toContain('notes.txt');
    // Committed: a new blob, no verdict for it yet.
    commitAll(repo, 'mention');
    expect(await candidatesNow()).toContain('notes.txt');
    // Back to the first blob: that blob's verdict applies again.
    git(repo, 'revert', '--no-edit', 'HEAD');
    expect(await candidatesNow()).not.toContain('notes.txt');
    // assume-unchanged: git does not look at the file, so its blob id says nothing about the bytes.
    git(repo, 'update-index', '--assume-unchanged', 'notes.txt');
    writeFileSync(join(repo, 'notes.txt'), 'now claude-3-opus-20240229 again\n');
    expect(await candidatesNow()).toContain('notes.txt');
    expect(comparable(await plan(options()))).toEqual(comparable(await plan(options({ cache: false }))));
  });
});

describe('sibling modules', () => {
  it('are read relative to the root planned, not the process working directory', async () => {
    writePackage({ 'pkg/__init__.py': '', 'pkg/service.py': SERVICE, 'pkg/settings.py': 'MODEL = "claude-3-5-sonnet-20241022"\n' });
    expect(process.cwd()).not.toBe(repo);
    const run = await plan(options({ cache: false }));
    const service = run.files.find((f) => f.path === 'pkg/service.py');
    // The request's model came from settings.py: the call is read as a request to that model.
    expect(service?.findings.map((f) => f.rule)).toContain('effort-explicit');
  });
});
