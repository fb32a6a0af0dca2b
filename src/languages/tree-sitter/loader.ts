// Lazy web-tree-sitter runtime + grammars. Grammars are .wasm files copied into grammars/ at build
// time (scripts/copy-grammars.mjs); each is loaded the first time a file of that language is parsed.
import { Parser, Language } from 'web-tree-sitter';
import { existsSync } from 'node:fs';
import v8 from 'node:v8';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type GrammarName =
  | 'python' | 'go' | 'java' | 'ruby' | 'c_sharp' | 'php' | 'bash' | 'json' | 'yaml' | 'toml';

let initPromise: Promise<void> | undefined;
const languages = new Map<GrammarName, Promise<Language>>();

/** grammars/ sits at the package root; this file is at src/languages/tree-sitter (or dist/src/…). */
function grammarDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'grammars');
    if (existsSync(join(candidate, 'python.wasm'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('tree-sitter grammars not found: run `npm run grammars` (copies them from the grammar packages)');
}

/**
 * Grammars run on V8's baseline wasm compiler only. Optimising a grammar (up to 5 MB of wasm for C#)
 * cost 40 to 130 ms per grammar per thread, while parsing is a small share of planning a file: on the
 * bench's 20k-file repository a thread's planning took 25-35% less, and 360 Python plans in a row were
 * no slower. The flag is process-wide and read when a module is compiled, so it is set before the first.
 */
function baselineWasmOnly(): void {
  try {
    v8.setFlagsFromString('--liftoff-only');
  } catch {
    // an engine without the flag: grammars are optimised as usual
  }
}

export async function loadLanguage(name: GrammarName): Promise<Language> {
  if (!initPromise) {
    baselineWasmOnly();
    initPromise = Parser.init();
  }
  await initPromise;
  let lang = languages.get(name);
  if (!lang) {
    lang = Language.load(join(grammarDir(), `${name}.wasm`));
    languages.set(name, lang);
  }
  return lang;
}

const parsers = new Map<GrammarName, Parser>();

/** One parser per grammar, reused; callers must `tree.delete()` when done (WASM memory is not GC'd). */
export async function getParser(name: GrammarName): Promise<Parser> {
  const existing = parsers.get(name);
  if (existing) return existing;
  const lang = await loadLanguage(name);
  const parser = new Parser();
  parser.setLanguage(lang);
  parsers.set(name, parser);
  return parser;
}
