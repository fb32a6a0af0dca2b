// Discovery of rule fixtures: fixtures/<lang>/<rule-id>/<case>.input.<ext> (+ .output / .suggest /
// .options.json). Folders starting with `_` (adapter request shapes) and sample-repo are not rule fixtures.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LanguageId } from '../../src/languages/types.js';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/** Fixture folder name -> language id of the adapter. */
export const FIXTURE_LANGUAGES: Record<string, LanguageId> = {
  python: 'python',
  typescript: 'typescript',
  javascript: 'javascript',
  go: 'go',
  java: 'java',
  ruby: 'ruby',
  csharp: 'csharp',
  php: 'php',
  shell: 'shell',
  yaml: 'yaml',
  json: 'json',
  toml: 'toml',
  env: 'env',
  dockerfile: 'dockerfile',
  markdown: 'markdown',
  // AsciiDoc and reStructuredText pages: no adapter, read as text.
  docs: 'text',
};

export interface FixtureCase {
  lang: string;
  language: LanguageId;
  rule: string;
  name: string;
  ext: string;
  inputPath: string;
  input: string;
  output?: string;
  suggest?: string;
  options: { target: string; today: string; keepBudgetTokens?: boolean };
  keep: boolean;
}

const DEFAULT_OPTIONS = { target: 'auto', today: '2026-11-22' };

export function listFixtureCases(): FixtureCase[] {
  const out: FixtureCase[] = [];
  if (!existsSync(FIXTURES)) return out;
  for (const lang of readdirSync(FIXTURES).sort()) {
    const language = FIXTURE_LANGUAGES[lang];
    if (!language) continue;
    const langDir = join(FIXTURES, lang);
    for (const rule of readdirSync(langDir).sort()) {
      if (rule.startsWith('_') || !statSync(join(langDir, rule)).isDirectory()) continue;
      const dir = join(langDir, rule);
      for (const file of readdirSync(dir).sort()) {
        const m = /^(.+)\.input\.(.+)$/.exec(file);
        if (!m) continue;
        const [, name, ext] = m;
        const sibling = (kind: string) => {
          const p = join(dir, `${name}.${kind}.${ext}`);
          return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
        };
        const optionsPath = join(dir, `${name}.options.json`);
        const options = { ...DEFAULT_OPTIONS, ...(existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, 'utf8')) : {}) };
        out.push({
          lang,
          language,
          rule,
          name,
          ext,
          inputPath: join(dir, file),
          input: readFileSync(join(dir, file), 'utf8'),
          output: sibling('output'),
          suggest: sibling('suggest'),
          options,
          keep: name.startsWith('keep-'),
        });
      }
    }
  }
  return out;
}

export interface RepoCase {
  rule: string;
  name: string;
  dir: string;
  keep: boolean;
}

/** Mini repositories for cross-file rules: fixtures/repos/<rule-id>/<case>/{repo/,expected.json}. */
export function listRepoCases(): RepoCase[] {
  const root = join(FIXTURES, 'repos');
  if (!existsSync(root)) return [];
  return readdirSync(root).sort().flatMap((rule) =>
    readdirSync(join(root, rule)).sort().map((name) => ({ rule, name, dir: join(root, rule, name), keep: name.startsWith('keep-') })),
  );
}
