// Language id -> adapter module, loaded lazily (each adapter pulls its own parser and grammar).
import type { LanguageAdapter, LanguageId } from './types.js';

type Loader = () => Promise<LanguageAdapter>;

const loaders: Partial<Record<LanguageId, Loader>> = {
  python: async () => (await import('./python/adapter.js')).adapter,
  typescript: async () => (await import('./typescript/adapter.js')).adapter,
  javascript: async () => (await import('./typescript/adapter.js')).adapter,
  go: async () => (await import('./go/adapter.js')).adapter,
  java: async () => (await import('./java/adapter.js')).adapter,
  ruby: async () => (await import('./ruby/adapter.js')).adapter,
  csharp: async () => (await import('./csharp/adapter.js')).adapter,
  php: async () => (await import('./php/adapter.js')).adapter,
  shell: async () => (await import('./shell/adapter.js')).adapter,
  yaml: async () => (await import('./config/adapter.js')).yamlAdapter,
  json: async () => (await import('./config/adapter.js')).jsonAdapter,
  toml: async () => (await import('./config/adapter.js')).tomlAdapter,
  env: async () => (await import('./config/adapter.js')).envAdapter,
  dockerfile: async () => (await import('./config/adapter.js')).dockerfileAdapter,
  markdown: async () => (await import('./markdown/adapter.js')).adapter,
};

const cache = new Map<LanguageId, Promise<LanguageAdapter | undefined>>();

/** The adapter for a language, or undefined (kotlin, text: report-only through the text finder). */
export function adapterFor(language: LanguageId): Promise<LanguageAdapter | undefined> {
  let p = cache.get(language);
  if (!p) {
    const load = loaders[language];
    p = load ? load().catch((err: unknown) => {
      // An adapter that fails to load must not stop the run: the file falls back to text-only findings.
      process.emitWarning(`claude-migrate: ${language} adapter unavailable: ${(err as Error).message}`);
      return undefined;
    }) : Promise.resolve(undefined);
    cache.set(language, p);
  }
  return p;
}
