import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledRipgrep, compileForJs, prefilter, prefilterWithJs, prefilterWithRg, PrefilterError, toRustPattern } from '../../src/scanner/prefilter.js';
import { isRoot, removeDir, tempDir, writeTree } from './helpers.js';

const PATTERN = 'claude-[0-9a-z][0-9a-z.\\-]*|anthropic|budget_tokens';

function which(cmd: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Every ripgrep we can find: the one on PATH (13 on Debian) and the one in @vscode/ripgrep (15). */
const ripgreps: Array<[string, string]> = [];

let root: string;
const TREE: Record<string, string | Uint8Array> = {
  'match.py': 'client.messages.create(model="claude-3-5-sonnet-20241022")\n',
  'crlf.ts': 'const a = 1;\r\nconst model = "claude-opus-4-1";\r\n',
  'crlf-anchored.txt': 'first\r\nanthropic\r\nlast',
  'last-line.go': 'package main\n\nvar model = "claude-3-haiku-20240307"',
  'thinking.rb': 'thinking = { type: "enabled", budget_tokens: 2048 }',
  'unicode.md': '# Prüfung ✓\n\nSprachmodell: anthropic — “quoted” 日本語\n',
  'unicode-none.md': '# Prüfung ✓\n\nkein Treffer — 日本語\n',
  'no-match.js': 'export const x = 1;\n',
  'empty.txt': '',
  'near-miss.txt': 'Claude is great; Anthropic (capitalised) and claude- alone\n',
  '.env.example': 'ANTHROPIC_API_KEY=\nMODEL=claude-sonnet-4-5\n',
  'ignored-by-gitignore.py': 'anthropic\n',
  '.gitignore': 'ignored-by-gitignore.py\n',
  '-leading-dash.py': 'anthropic\n',
  'with space/ünï.py': 'budget_tokens=1\n',
  'binary.bin': Buffer.concat([Buffer.from('\x7fELF'), Buffer.from([0, 0, 0]), Buffer.from('anthropic claude-3-opus')]),
  'late-nul.dat': Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0x0a, 0]), Buffer.from('\nanthropic\n')]),
  'late-nul-no-match.dat': Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0x0a, 0]), Buffer.from('\nnothing\n')]),
  'utf16le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x = "claude-3-opus-20240229"\r\n', 'utf16le')]),
  'utf16le-none.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('nothing here\r\n', 'utf16le')]),
  'utf16be.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('anthropic\n', 'utf16le').swap16()]),
  'utf8-bom.py': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('anthropic\n')]),
  'latin1.py': Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(' anthropic\n')]),
  'big.log': 'x'.repeat(3 * 1024 * 1024) + '\nbudget_tokens\n',
  'big-none.log': 'y\n'.repeat(1024 * 1024),
};
const EXPECTED = [
  '-leading-dash.py',
  '.env.example',
  'big.log',
  'crlf-anchored.txt',
  'crlf.ts',
  'gone.py', // listed but missing: a candidate, so reading it reports why
  'ignored-by-gitignore.py',
  'last-line.go',
  'late-nul.dat',
  'latin1.py',
  'match.py',
  'thinking.rb',
  'unicode.md',
  'utf16be.txt',
  'utf16le.txt',
  'utf8-bom.py',
  'with space/ünï.py',
];
let files: string[];

beforeAll(async () => {
  const onPath = which('rg');
  if (onPath) ripgreps.push(['PATH rg', onPath]);
  const bundled = await bundledRipgrep();
  if (bundled) ripgreps.push(['@vscode/ripgrep', bundled]);
  root = tempDir('prefilter');
  writeTree(root, TREE);
  mkdirSync(join(root, 'a-directory'));
  files = [...Object.keys(TREE), 'gone.py', 'a-directory'].sort();
});

afterAll(() => removeDir(root));

describe('prefilter: both engines return the same candidates', () => {
  it('JS engine finds exactly the expected files', () => {
    expect(prefilterWithJs(root, files, compileForJs(PATTERN))).toEqual(EXPECTED);
  });

  it('at least one ripgrep is available to compare against', () => {
    // The dev environment ships both; if neither exists the comparison tests below would silently pass.
    expect(ripgreps.length).toBeGreaterThan(0);
  });

  it('every ripgrep finds exactly the same files as the JS engine', async () => {
    for (const [, rg] of ripgreps) {
      const outcome = await prefilterWithRg(rg, root, files, PATTERN);
      expect(outcome).toEqual({ ok: true, candidates: EXPECTED });
    }
  });

  it('agrees when the list is split into many ripgrep invocations', async () => {
    for (const [, rg] of ripgreps) {
      const outcome = await prefilterWithRg(rg, root, files, PATTERN, 40);
      expect(outcome).toEqual({ ok: true, candidates: EXPECTED });
    }
  });

  it('agrees on line-anchored patterns (per-line ^ and $, CRLF, UTF-8 BOM)', async () => {
    const anchored = '^anthropic$|^const model|"claude-3-haiku-20240307"$';
    const js = prefilterWithJs(root, files, compileForJs(anchored));
    expect(js).toEqual(['-leading-dash.py', 'crlf-anchored.txt', 'crlf.ts', 'gone.py', 'ignored-by-gitignore.py', 'last-line.go', 'late-nul.dat', 'utf16be.txt', 'utf8-bom.py']);
    for (const [, rg] of ripgreps) expect(await prefilterWithRg(rg, root, files, anchored)).toEqual({ ok: true, candidates: js });
  });

  it('agrees on escaped punctuation that old Rust regex rejects (`\\/`, as regex-escape helpers write it)', async () => {
    const escaped = 'curl\\/v1\\/messages|\\/v1\\/messages|budget\\_tokens';
    writeTree(root, { 'curl.sh': 'curl https://api.anthropic.com/v1/messages -d @body.json\n' });
    const list = [...files, 'curl.sh'].sort();
    const js = prefilterWithJs(root, list, compileForJs(escaped));
    expect(js).toEqual(['big.log', 'curl.sh', 'gone.py', 'thinking.rb', 'with space/ünï.py']);
    for (const [, rg] of ripgreps) expect(await prefilterWithRg(rg, root, list, escaped)).toEqual({ ok: true, candidates: js });
  });

  it.skipIf(isRoot)('agrees on a file that cannot be opened (a candidate in both)', async () => {
    writeTree(root, { 'locked.py': 'nothing' });
    chmodSync(join(root, 'locked.py'), 0o000);
    const list = [...files, 'locked.py'].sort();
    const js = prefilterWithJs(root, list, compileForJs(PATTERN));
    expect(js).toContain('locked.py');
    for (const [, rg] of ripgreps) expect(await prefilterWithRg(rg, root, list, PATTERN)).toEqual({ ok: true, candidates: js });
    chmodSync(join(root, 'locked.py'), 0o644);
  });

  it('agrees on a generated tree of many small files', async () => {
    const many = tempDir('prefilter-many');
    try {
      const generated: Record<string, string> = {};
      for (let i = 0; i < 600; i++) {
        const body = i % 7 === 0 ? `model = "claude-3-${i}"\n` : i % 11 === 0 ? `x = ${i}\r\nanthropic` : `value_${i} = ${i * 31}\n`;
        generated[`d${i % 13}/f${i}.py`] = body;
      }
      writeTree(many, generated);
      const list = Object.keys(generated).sort();
      const js = prefilterWithJs(many, list, compileForJs(PATTERN));
      const expected = list.filter((rel) => /claude-|anthropic/.test(generated[rel]));
      expect(js).toEqual(expected);
      for (const [, rg] of ripgreps) expect(await prefilterWithRg(rg, many, list, PATTERN, 500)).toEqual({ ok: true, candidates: expected });
    } finally {
      removeDir(many);
    }
  });
});

describe('toRustPattern', () => {
  it('drops only backslashes before non-special punctuation, keeping escaped backslashes and metacharacters', () => {
    expect(toRustPattern('\\/v1\\/messages')).toBe('/v1/messages');
    expect(toRustPattern('a\\.b\\-c\\(d\\)')).toBe('a\\.b\\-c\\(d\\)');
    expect(toRustPattern('\\\\/')).toBe('\\\\/');
    expect(toRustPattern('\\d+\\s\\bx')).toBe('\\d+\\s\\bx');
    expect(toRustPattern('trailing\\')).toBe('trailing\\');
  });
});

describe('prefilter: engine selection', () => {
  it('auto uses ripgrep when available and reports which engine ran', async () => {
    const auto = await prefilter(root, files, PATTERN);
    expect(auto.engine).toBe(ripgreps.length ? 'rg' : 'js');
    expect(auto.candidates).toEqual(EXPECTED);
    expect(await prefilter(root, files, PATTERN, { engine: 'js' })).toEqual({ engine: 'js', candidates: EXPECTED });
  });

  it('auto falls back to JS when ripgrep rejects the pattern; engine rg then fails with a hint', async () => {
    // Look-ahead is valid JavaScript but not Rust regex syntax.
    const lookahead = 'anthropic(?=\\n)';
    const auto = await prefilter(root, files, lookahead);
    expect(auto.engine).toBe('js');
    expect(auto.candidates).toContain('-leading-dash.py');
    expect(auto.candidates).not.toContain('match.py');
    if (ripgreps.length) {
      const err = await prefilter(root, files, lookahead, { engine: 'rg' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PrefilterError);
      expect((err as PrefilterError).hint).toMatch(/--prefilter js/);
    }
  });

  it('returns no candidates for an empty list without starting ripgrep', async () => {
    expect((await prefilter(root, [], PATTERN)).candidates).toEqual([]);
  });
});
