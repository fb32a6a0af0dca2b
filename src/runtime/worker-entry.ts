// A worker thread's entry for a module of this package, built or run from sources.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * The entry for a worker running the module at `self` (its import.meta.url): the built file (`built`,
 * relative to it), or from sources (vitest, tsx) a bootstrap that registers tsx first: Node 20 does not
 * apply an inherited `--import tsx` to a worker's own entry.
 */
export function workerEntry(self: string, built: string): { entry: string | URL; evaluate: boolean } {
  if (!self.endsWith('.ts')) return { entry: new URL(built, self), evaluate: false };
  const api = createRequire(self).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  return { entry: `import(${JSON.stringify(pathToFileURL(api).href)}).then((m) => { m.register(); return import(${JSON.stringify(self)}); });`, evaluate: true };
}
