// Language of a file from its name, then (for extensionless scripts) from its shebang line.
import type { LanguageId } from '../languages/types.js';

const BY_EXTENSION: Record<string, LanguageId> = {
  py: 'python',
  pyi: 'python',
  pyw: 'python',
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  go: 'go',
  java: 'java',
  kt: 'kotlin',
  kts: 'kotlin',
  rb: 'ruby',
  rake: 'ruby',
  gemspec: 'ruby',
  cs: 'csharp',
  php: 'php',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  jsonc: 'json',
  // JSON Lines (batch request files): the JSON adapter reads each line as a document.
  jsonl: 'json',
  ndjson: 'json',
  // JSON5 allows unquoted keys and single quotes, which JSON/JSONC tooling cannot edit safely: text only.
  json5: 'text',
  toml: 'toml',
  env: 'env',
  dockerfile: 'dockerfile',
  md: 'markdown',
  mdx: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  cfg: 'text',
  ini: 'text',
  conf: 'text',
  properties: 'text',
};

const BY_BASENAME: Record<string, LanguageId> = {
  gemfile: 'ruby',
  rakefile: 'ruby',
  dockerfile: 'dockerfile',
  containerfile: 'dockerfile',
  '.env': 'env',
  '.envrc': 'shell',
  '.bashrc': 'shell',
  '.bash_profile': 'shell',
  '.zshrc': 'shell',
  '.profile': 'shell',
};

/** Interpreter name in a shebang → language. `env -S`, versions (`python3.12`) and paths are handled by the caller. */
const BY_INTERPRETER: Array<[RegExp, LanguageId]> = [
  [/^python[0-9.]*$/, 'python'],
  [/^(?:node|nodejs)$/, 'javascript'],
  [/^(?:ts-node|tsx|deno|bun)$/, 'typescript'],
  [/^(?:bash|sh|zsh|dash|ksh)$/, 'shell'],
  [/^ruby[0-9.]*$/, 'ruby'],
  [/^php[0-9.]*$/, 'php'],
];

export function detectLanguage(rel: string, firstLine?: string): LanguageId | undefined {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  const named = BY_BASENAME[lower];
  if (named) return named;
  const dot = lower.lastIndexOf('.');
  const ext = dot > 0 ? lower.slice(dot + 1) : '';
  // `.env.local`, `.env.example`, `prod.env`: env files, unless the suffix is a real code extension (`.env.ts`).
  if (lower.startsWith('.env.')) {
    const suffixLanguage = BY_EXTENSION[ext];
    return suffixLanguage && suffixLanguage !== 'text' ? suffixLanguage : 'env';
  }
  // `Dockerfile.dev`, `dev.Dockerfile`, `api.dockerfile`.
  if (lower.startsWith('dockerfile.') || lower.startsWith('containerfile.')) return 'dockerfile';
  if (ext && BY_EXTENSION[ext]) return BY_EXTENSION[ext];
  if (firstLine !== undefined) return languageFromShebang(firstLine);
  return undefined;
}

export function languageFromShebang(firstLine: string): LanguageId | undefined {
  const line = firstLine.replace(/^\uFEFF/, '');
  if (!line.startsWith('#!')) return undefined;
  const words = line.slice(2).trim().split(/\s+/);
  let interpreter = basename(words.shift() ?? '');
  if (interpreter === 'env') {
    // `#!/usr/bin/env -S node --flag`, `#!/usr/bin/env VAR=1 python3`: skip options and assignments.
    while (words.length && (words[0].startsWith('-') || words[0].includes('='))) words.shift();
    interpreter = basename(words.shift() ?? '');
    // `#!/usr/bin/env -S npx tsx`
    if (interpreter === 'npx' || interpreter === 'pnpx' || interpreter === 'bunx') interpreter = basename(words.shift() ?? '');
  }
  for (const [pattern, language] of BY_INTERPRETER) if (pattern.test(interpreter)) return language;
  return undefined;
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Test code by its path: a tests/ or spec/ directory, or a test file's own naming convention. */
const TEST_PATH = /(^|\/)(tests?|__tests__|spec|specs|testdata|test_data|e2e|integration[-_]tests?)\/|(^|\/)(conftest\.py|test_[^/]+|[^/]+_(test|spec)\.[a-z]+|[^/]+\.(test|spec|vitest|e2e|e2e-spec)\.[a-z]+|[^/]+(Test|Tests|Spec)\.(java|kt|cs|php))$/;

export function isTestPath(rel: string): boolean {
  return TEST_PATH.test(rel);
}
