// The bad-input battery (issue 7, reliability): every case gets a clear reason in the report, no crash,
// and nothing is lost: the bytes on disk after apply are compared with what they must be.
import { chmodSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plan } from '../../src/engine/plan.js';
import { planFile } from '../../src/engine/plan-file.js';
import { applyPlan, type ApplyResult } from '../../src/engine/apply.js';
import { reporterFor } from '../../src/report/index.js';
import type { RunResult, SkippedFile } from '../../src/engine/types.js';
import type { LanguageId } from '../../src/languages/types.js';
import { REPO, canDropPrivileges, isRoot, removeTree, runCli, tempDir, unprivileged, writeTree } from './helpers.js';

const OPUS_3 = 'claude-3-opus-20240229';
const OPUS_NEW = 'claude-opus-4-8';
const SONNET_35 = 'claude-3-5-sonnet-20241022';
const SONNET_NEW = 'claude-sonnet-4-6';
const CALL = (model: string) => `import anthropic\n\nclient = anthropic.Anthropic()\nclient.messages.create(model="${model}", max_tokens=100, messages=[{"role": "user", "content": "hi"}])\n`;
const ASSIGN = (eol: string) => `import anthropic${eol}MODEL = "${OPUS_3}"${eol}`;

let root: string;
let outside: string;
let run: RunResult;
let applied: ApplyResult;
/** Bytes of every file before anything ran. */
const before = new Map<string, Buffer>();

const FILES: Record<string, string | Buffer> = {
  'ok.py': CALL(SONNET_35),
  'crlf.py': ASSIGN('\r\n'),
  'changed-later.py': ASSIGN('\n'),
  'mixed-eol.py': `import anthropic\r\nMODEL = "${OPUS_3}"\nOTHER = 1\r\n\n`,
  'no-trailing-newline.py': `import anthropic\nMODEL = "${OPUS_3}"`,
  'bom.py': '\uFEFF' + ASSIGN('\r\n'),
  'exec.sh': `#!/bin/sh\ncurl https://api.anthropic.com/v1/messages -d '{"model": "${OPUS_3}", "max_tokens": 10}'\n`,
  'binary.bin': Buffer.concat([Buffer.from(OPUS_3), Buffer.from([0, 1, 2, 3]), Buffer.from(OPUS_3)]),
  'huge.py': `# ${OPUS_3}\n` + 'x = 1\n'.repeat(9_000_000), // ~54 MB
  'latin1.py': Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\nMODEL = "${OPUS_3}"\n`)]),
  'utf16le.py': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`MODEL = "${OPUS_3}"\r\n`, 'utf16le')]),
  'utf16be.py': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`MODEL = "${OPUS_3}"\n`, 'utf16le').swap16()]),
  'broken.py': `def f(:\n    client.messages.create(model="${OPUS_3}"\n`,
  'empty.py': '',
  // 1 MB on one line, as a minifier writes it (not named *.min.js: those are excluded by default). Mostly an
  // inlined asset string: 250k tiny statements take the TypeScript adapter ~15-25 s (reported, a perf issue).
  'bundle.js': 'var a=require("@anthropic-ai/sdk");var s="' + 'abcdefghij'.repeat(100_000) + '";' + 'x=1;'.repeat(5_000) + `const m="${OPUS_3}";\n`,
  'nested.py': `import anthropic\nMODEL = ${'['.repeat(2000)}"${OPUS_3}"${']'.repeat(2000)}\n`,
  'nested.json': `{"model": "${OPUS_3}", "x": ${'['.repeat(2000)}1${']'.repeat(2000)}}\n`,
  'nested.js': `const m = "${OPUS_3}";\nconst x = ${'['.repeat(2000)}1${']'.repeat(2000)};\n`,
};

function reasonOf(path: string): SkippedFile['reason'] | undefined {
  return run.skipped.find((s) => s.path === path)?.reason;
}
function onDisk(path: string): Buffer {
  return readFileSync(join(root, path));
}
/** The file's original bytes with the one model ID swapped: everything else (EOLs, BOM, last line) identical. */
function swapped(path: string, from: string, to: string): Buffer {
  return Buffer.from(before.get(path)!.toString('utf8').replace(from, to), 'utf8');
}

beforeAll(async () => {
  root = tempDir('battery');
  outside = tempDir('outside');
  writeTree(root, FILES);
  chmodSync(join(root, 'exec.sh'), 0o755);
  chmodSync(join(root, 'crlf.py'), 0o640);
  writeTree(outside, { 'secret.py': CALL(OPUS_3), 'lib/inner.py': CALL(OPUS_3) });
  symlinkSync(join(outside, 'secret.py'), join(root, 'link-out.py'));
  symlinkSync(join(outside, 'lib'), join(root, 'link-out-dir'));
  for (const name of readdirSync(root)) if (lstatSync(join(root, name)).isFile()) before.set(name, readFileSync(join(root, name)));
  before.set('outside/secret.py', readFileSync(join(outside, 'secret.py')));
  run = await plan({ root, target: 'auto', today: '2026-11-22' });
  // Someone edits a planned file between the scan and the write.
  writeFileSync(join(root, 'changed-later.py'), 'changed by someone else\n');
  before.set('changed-later.py', readFileSync(join(root, 'changed-later.py')));
  applied = applyPlan(JSON.parse(JSON.stringify(run)) as RunResult);
}, 180_000);

afterAll(() => {
  removeTree(root);
  removeTree(outside);
});

describe('bad input: each case has a reason, nothing crashes', () => {
  it('skips a binary file with a model ID inside (reported, not dropped silently)', () => {
    expect(reasonOf('binary.bin')).toBe('binary');
    expect(onDisk('binary.bin').equals(before.get('binary.bin')!)).toBe(true);
  });
  it('skips a 50 MB file as too-large', () => {
    expect(reasonOf('huge.py')).toBe('too-large');
    expect(run.skipped.find((s) => s.path === 'huge.py')!.detail).toMatch(/MB is over the 2 MB limit/);
    expect(onDisk('huge.py').equals(before.get('huge.py')!)).toBe(true);
  });
  it('skips invalid UTF-8 and UTF-16 (both byte orders) as not-utf8, bytes untouched', () => {
    for (const p of ['latin1.py', 'utf16le.py', 'utf16be.py']) {
      expect(reasonOf(p), p).toBe('not-utf8');
      expect(onDisk(p).equals(before.get(p)!)).toBe(true);
    }
    expect(run.skipped.find((s) => s.path === 'latin1.py')!.detail).toMatch(/invalid UTF-8 at byte 5 \(line 1\)/);
    expect(run.skipped.find((s) => s.path === 'utf16le.py')!.detail).toMatch(/UTF-16LE/);
  });
  it('reports a file with syntax errors as a parse problem and leaves it untouched', () => {
    expect(reasonOf('broken.py')).toBe('parse-error');
    expect(run.files.find((f) => f.path === 'broken.py')?.planned).toBeUndefined();
    expect(onDisk('broken.py').equals(before.get('broken.py')!)).toBe(true);
  });
  it('never follows a symlink out of the root (file or directory), never writes there', () => {
    expect(reasonOf('link-out.py')).toBe('symlink-outside-root');
    expect(reasonOf('link-out-dir')).toBe('symlink-outside-root');
    expect(run.files.map((f) => f.path).filter((p) => p.startsWith('link-out'))).toEqual([]);
    expect(readFileSync(join(outside, 'secret.py'))).toEqual(before.get('outside/secret.py'));
    expect(lstatSync(join(root, 'link-out.py')).isSymbolicLink()).toBe(true);
  });
  it('an empty file is neither a finding nor a skip, and planFile copes with empty input in every language', async () => {
    expect(reasonOf('empty.py')).toBeUndefined();
    expect(run.files.find((f) => f.path === 'empty.py')).toBeUndefined();
    expect(onDisk('empty.py').length).toBe(0);
    const languages: LanguageId[] = ['python', 'typescript', 'javascript', 'go', 'java', 'ruby', 'csharp', 'php', 'shell', 'yaml', 'json', 'markdown'];
    for (const lang of languages) {
      const fp = await planFile(`empty.${lang}`, '', lang, { target: 'auto', today: '2026-11-22' });
      expect(fp.result.planned, lang).toBeUndefined();
      expect(fp.result.findings, lang).toEqual([]);
    }
  });
  it('migrates a 1 MB single-line minified bundle, changing only the model ID', () => {
    expect(reasonOf('bundle.js')).toBeUndefined();
    expect(onDisk('bundle.js').equals(swapped('bundle.js', OPUS_3, OPUS_NEW))).toBe(true);
  });
  it('2000-level nesting: migrated where the parser copes (Python), else a parse-error reason and no write', () => {
    expect(reasonOf('nested.py')).toBeUndefined();
    expect(onDisk('nested.py').equals(swapped('nested.py', OPUS_3, OPUS_NEW))).toBe(true);
    for (const p of ['nested.json', 'nested.js']) {
      const f = run.files.find((x) => x.path === p);
      if (f?.planned === undefined) {
        // The parser ran out of stack: said so, and the file is untouched.
        expect(reasonOf(p), p).toBe('parse-error');
        expect(onDisk(p).equals(before.get(p)!), p).toBe(true);
      } else {
        expect(onDisk(p).equals(swapped(p, OPUS_3, OPUS_NEW)), p).toBe(true);
      }
    }
  });
  it('the JSON report carries every skip with its reason', () => {
    const json = JSON.parse(reporterFor('json')(run, { color: false, mode: 'scan' })) as { skipped: SkippedFile[] };
    const reasons = Object.fromEntries(json.skipped.map((s) => [s.path, s.reason]));
    expect(reasons).toMatchObject({ 'binary.bin': 'binary', 'huge.py': 'too-large', 'latin1.py': 'not-utf8', 'utf16le.py': 'not-utf8', 'broken.py': 'parse-error', 'link-out.py': 'symlink-outside-root' });
    for (const s of json.skipped) expect(s.detail.length, s.path).toBeGreaterThan(10);
  });
});

describe('writes', () => {
  it('refuses a file changed on disk between scan and apply (hash), leaving the other person\'s bytes', () => {
    expect(applied.refused.map((r) => [r.path, r.reason])).toEqual([['changed-later.py', 'changed-on-disk']]);
    expect(onDisk('changed-later.py').equals(before.get('changed-later.py')!)).toBe(true);
    expect(applied.written).not.toContain('changed-later.py');
  });
  it('keeps CRLF, mixed line endings, a missing final newline and a BOM byte for byte outside the edit', () => {
    for (const p of ['crlf.py', 'mixed-eol.py', 'no-trailing-newline.py', 'bom.py']) {
      expect(applied.written, p).toContain(p);
      expect(onDisk(p).equals(swapped(p, OPUS_3, OPUS_NEW)), p).toBe(true);
    }
    expect([...onDisk('bom.py').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
  it('keeps the file mode (executable script, group-only file)', () => {
    expect(applied.written).toEqual(expect.arrayContaining(['exec.sh', 'crlf.py']));
    expect(statSync(join(root, 'exec.sh')).mode & 0o7777).toBe(0o755);
    expect(statSync(join(root, 'crlf.py')).mode & 0o7777).toBe(0o640);
    expect(onDisk('exec.sh').equals(swapped('exec.sh', OPUS_3, OPUS_NEW))).toBe(true);
  });
  it('every file is either untouched or exactly its planned text; no temp file is left behind', () => {
    const planned = new Map(run.files.filter((f) => f.planned !== undefined).map((f) => [f.path, f]));
    for (const [path, original] of before) {
      if (path.startsWith('outside/')) continue;
      const now = onDisk(path);
      if (applied.written.includes(path)) {
        const f = planned.get(path)!;
        expect(now.equals(Buffer.from((f.bom ? '\uFEFF' : '') + f.planned, 'utf8')), path).toBe(true);
      } else expect(now.equals(original), path).toBe(true);
    }
    expect(readdirSync(root).filter((n) => n.includes('.claude-migrate.tmp'))).toEqual([]);
    expect(applied.written).toEqual(expect.arrayContaining(['ok.py']));
    expect(onDisk('ok.py').toString()).toContain(SONNET_NEW);
  });
});

// Root reads every file whatever its mode: these cases run the engine as `nobody` when we are root.
describe.skipIf(!canDropPrivileges)('unreadable entries', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('unreadable');
    writeTree(dir, { 'readable.py': CALL(OPUS_3), 'locked.py': CALL(OPUS_3), 'locked-dir/inner.py': CALL(OPUS_3), 'open-dir/inner.py': CALL(OPUS_3) });
    chmodSync(join(dir, 'locked.py'), 0o000);
    chmodSync(join(dir, 'locked-dir'), 0o000);
  });
  afterAll(() => removeTree(dir));

  it('reports an unreadable file and an unreadable directory, and still plans the rest', async () => {
    const res = await runCli([...unprivileged(), 'node', '--import', 'tsx', join(REPO, 'test/reliability/support/plan-json.mts'), dir], { cwd: REPO, env: { ...process.env, HOME: '/tmp' } });
    expect(res.stderr).not.toMatch(/TypeError|RangeError|at .*\.ts:\d+/);
    expect(res.code).toBe(0);
    const result = JSON.parse(res.stdout) as RunResult;
    expect(result.skipped.map((s) => [s.path, s.reason])).toEqual(expect.arrayContaining([
      ['locked.py', 'unreadable'],
      ['locked-dir', 'unreadable'],
    ]));
    expect(result.skipped.find((s) => s.path === 'locked-dir')!.detail).toMatch(/directory/);
    expect(result.files.map((f) => f.path).sort()).toEqual(['open-dir/inner.py', 'readable.py']);
    if (isRoot) chmodSync(join(dir, 'locked-dir'), 0o755);
  });
});
