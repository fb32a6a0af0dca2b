// Lazy web-tree-sitter runtime + grammars. Grammars are .wasm files copied into grammars/ at build
// time (scripts/copy-grammars.mjs); each is loaded the first time a file of that language is parsed.
import { Parser, Language } from 'web-tree-sitter';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setEngineFlags } from '../../runtime/v8-flags.js';

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

export async function loadLanguage(name: GrammarName): Promise<Language> {
  if (!initPromise) {
    setEngineFlags();
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
