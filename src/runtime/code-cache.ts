// Requiring a large CommonJS file (the 9 MB TypeScript compiler) with a V8 code cache: compiling it
// costs about 0.2 s per thread on every run, deserialising the cache about 25 ms. Node 20 has no
// built-in compile cache (module.enableCompileCache came in 22.1), so this does what it does for one file.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { basename, dirname, join, sep } from 'node:path';
import vm from 'node:vm';
import { setEngineFlags } from './v8-flags.js';

/**
 * Where caches live: CLAUDE_MIGRATE_CACHE_DIR, else `node_modules/.cache/claude-migrate` beside the
 * package the file comes from (the convention Babel and ESLint loaders use), or none when
 * CLAUDE_MIGRATE_NO_CACHE is set or the file is not under node_modules. Never a shared directory such as
 * the system temp dir: a cache is code V8 runs, so it must be as trusted as the installed packages.
 */
export function codeCacheDir(file: string): string | undefined {
  if (process.env.CLAUDE_MIGRATE_NO_CACHE) return undefined;
  const override = process.env.CLAUDE_MIGRATE_CACHE_DIR;
  if (override) return override;
  const marker = `${sep}node_modules${sep}`;
  const at = file.lastIndexOf(marker);
  return at === -1 ? undefined : join(file.slice(0, at + marker.length), '.cache', 'claude-migrate');
}

/** The directory of this tool's caches (see codeCacheDir), found through a package it depends on. */
export function toolCacheDir(): string | undefined {
  try {
    return codeCacheDir(createRequire(import.meta.url).resolve('ts-morph'));
  } catch {
    return undefined;
  }
}

/**
 * A cache belongs to one file version on one Node build (V8 also rejects a cache made with other flags
 * or source). Named after the file, so a new version replaces the caches of the old ones.
 */
function cacheName(file: string): { name: string; prefix: string } {
  const st = statSync(file);
  const key = createHash('sha256').update([process.version, process.arch, file, st.size, st.mtimeMs].join('\0')).digest('hex').slice(0, 16);
  const prefix = `${basename(file).replace(/[^\w.-]/g, '_')}-`;
  return { name: `${prefix}${key}.v8cache`, prefix };
}

function readCache(path: string | undefined): Buffer | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Written beside its final name and renamed: a concurrent run reads either no cache or a whole one. */
function writeCache(path: string, data: Buffer, stalePrefix: string): void {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, data);
    renameSync(temp, path);
    for (const name of readdirSync(dirname(path))) {
      if (name.startsWith(stalePrefix) && name.endsWith('.v8cache') && join(dirname(path), name) !== path) unlinkSync(join(dirname(path), name));
    }
  } catch {
    // a read-only install: every run compiles, as without a cache
    try {
      unlinkSync(temp);
    } catch {
      // nothing was written
    }
  }
}

export type CodeCacheOutcome = 'hit' | 'miss' | 'rejected' | 'off';

/**
 * `require(file)` through a code cache. `warm` runs once after a compile without a usable cache, before
 * the cache is made, so the functions it calls (a first parse) are in the cache too. Any failure of the
 * cache falls back to compiling: the result is the same module either way.
 */
export function requireWithCodeCache<T>(file: string, warm?: (exports: T) => void): T {
  return loadWithCodeCache(file, warm).exports;
}

/** requireWithCodeCache, saying what became of the cache. */
export function loadWithCodeCache<T>(file: string, warm?: (exports: T) => void): { exports: T; cache: CodeCacheOutcome } {
  setEngineFlags();
  const dir = codeCacheDir(file);
  let cache: { path: string; prefix: string } | undefined;
  try {
    if (dir) {
      const { name, prefix } = cacheName(file);
      cache = { path: join(dir, name), prefix };
    }
  } catch {
    cache = undefined;
  }
  const cachedData = readCache(cache?.path);
  const source = readFileSync(file, 'utf8');
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} as T, filename: file, id: file, loaded: false };
  const wrapper = script.runInThisContext() as (exports: T, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  if (!cache) return { exports: module.exports, cache: 'off' };
  if (cachedData && !script.cachedDataRejected) return { exports: module.exports, cache: 'hit' };
  try {
    warm?.(module.exports);
  } catch {
    // warming only decides what the cache holds
  }
  writeCache(cache.path, script.createCachedData(), cache.prefix);
  return { exports: module.exports, cache: cachedData ? 'rejected' : 'miss' };
}
