// The V8 code cache used to load the TypeScript compiler: same module with or without it, a cache
// reused when valid, replaced when stale or corrupt, never written when turned off. Each load runs in a
// process of its own (as each run of the CLI does): within one process V8 reuses its own compilation.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { codeCacheDir } from '../../src/runtime/code-cache.js';
import { buildCli, removeTree, tempDir } from '../reliability/helpers.js';

let moduleUrl: string;
beforeAll(async () => {
  moduleUrl = pathToFileURL(join(dirname(await buildCli()), '..', 'runtime', 'code-cache.js')).href;
}, 120_000);

interface Loaded { cache: string; version: string; sum: number; dir: string; warmed: number }

/** One load in a fresh Node process; the warm-up calls `sum`. */
function load(file: string): Loaded {
  const script = `import { loadWithCodeCache } from ${JSON.stringify(moduleUrl)};
let warmed = 0;
const r = loadWithCodeCache(${JSON.stringify(file)}, (m) => { warmed++; m.sum(10); });
console.log(JSON.stringify({ cache: r.cache, version: r.exports.version, sum: r.exports.sum(10), dir: r.exports.dir, warmed }));`;
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: process.env });
  if (res.status !== 0) throw new Error(res.stderr);
  return JSON.parse(res.stdout) as Loaded;
}

let root: string;
const saved = { dir: process.env.CLAUDE_MIGRATE_CACHE_DIR, off: process.env.CLAUDE_MIGRATE_NO_CACHE };

/** A CommonJS package with enough code for V8 to cache, and a function the warm-up calls. */
function makePackage(version: string): string {
  const dir = join(root, 'node_modules', 'fake-compiler');
  mkdirSync(dir, { recursive: true });
  const body = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x * ${i} + ${JSON.stringify(version)}.length; }`).join('\n');
  const file = join(dir, 'index.js');
  writeFileSync(file, `${body}\nexports.version = ${JSON.stringify(version)};\nexports.sum = (n) => { let s = 0; for (let i = 0; i < n; i++) s += f${'1'}(i); return s; };\nexports.dir = __dirname;\n`);
  return file;
}

const cacheFiles = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.v8cache'));

beforeEach(() => {
  root = tempDir('code-cache');
  delete process.env.CLAUDE_MIGRATE_CACHE_DIR;
  delete process.env.CLAUDE_MIGRATE_NO_CACHE;
});
afterEach(() => {
  removeTree(root);
  for (const [key, value] of [['CLAUDE_MIGRATE_CACHE_DIR', saved.dir], ['CLAUDE_MIGRATE_NO_CACHE', saved.off]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('code cache', () => {
  it('lives in node_modules/.cache beside the package, or where CLAUDE_MIGRATE_CACHE_DIR says, or nowhere', () => {
    const file = makePackage('1');
    expect(codeCacheDir(file)).toBe(join(root, 'node_modules', '.cache', 'claude-migrate'));
    expect(codeCacheDir(join(root, 'src', 'x.js'))).toBeUndefined();
    process.env.CLAUDE_MIGRATE_CACHE_DIR = join(root, 'elsewhere');
    expect(codeCacheDir(file)).toBe(join(root, 'elsewhere'));
    process.env.CLAUDE_MIGRATE_NO_CACHE = '1';
    expect(codeCacheDir(file)).toBeUndefined();
  });

  it('compiles and caches on the first load, reuses the cache on the next, with the same module', () => {
    const file = makePackage('1');
    const first = load(file);
    expect(first).toMatchObject({ cache: 'miss', warmed: 1 });
    const dir = join(root, 'node_modules', '.cache', 'claude-migrate');
    expect(cacheFiles(dir)).toHaveLength(1);
    const second = load(file);
    expect(second).toMatchObject({ cache: 'hit', warmed: 0 });
    // The module runs as require would run it: exports, __dirname.
    expect(second.version).toBe('1');
    expect(second.sum).toBe(first.sum);
    expect(second.dir).toBe(join(root, 'node_modules', 'fake-compiler'));
  });

  it('recompiles and replaces a corrupt cache', () => {
    const file = makePackage('1');
    load(file);
    const dir = join(root, 'node_modules', '.cache', 'claude-migrate');
    const [name] = cacheFiles(dir);
    writeFileSync(join(dir, name), Buffer.from('not a V8 code cache'));
    const again = load(file);
    expect(again).toMatchObject({ cache: 'rejected', version: '1' });
    expect(readFileSync(join(dir, name)).toString()).not.toBe('not a V8 code cache');
    expect(load(file).cache).toBe('hit');
  });

  it('a new version of the file gets its own cache and the old one is removed', () => {
    const file = makePackage('1');
    load(file);
    const dir = join(root, 'node_modules', '.cache', 'claude-migrate');
    const [old] = cacheFiles(dir);
    makePackage('22'); // other size: another key
    const updated = load(file);
    expect(updated).toMatchObject({ cache: 'miss', version: '22' });
    expect(cacheFiles(dir)).toHaveLength(1);
    expect(cacheFiles(dir)[0]).not.toBe(old);
  });

  it('writes nothing when turned off or when the cache directory cannot be created', () => {
    const file = makePackage('1');
    process.env.CLAUDE_MIGRATE_NO_CACHE = '1';
    expect(load(file)).toMatchObject({ cache: 'off', version: '1' });
    expect(readdirSync(join(root, 'node_modules'))).toEqual(['fake-compiler']);
    delete process.env.CLAUDE_MIGRATE_NO_CACHE;
    // A file where the directory should be: the load still works, uncached.
    writeFileSync(join(root, 'blocked'), '');
    process.env.CLAUDE_MIGRATE_CACHE_DIR = join(root, 'blocked', 'cache');
    expect(load(file)).toMatchObject({ cache: 'miss', version: '1' });
    expect(load(file).cache).toBe('miss');
  });
});
