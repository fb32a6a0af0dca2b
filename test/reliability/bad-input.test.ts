// The bad-input battery (issue: reliability): every case gets a clear reason in the report, no crash,
// and nothing is lost. Runs the real engine on a temporary repository.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plan } from '../../src/engine/plan.js';
import { applyPlan } from '../../src/engine/apply.js';
import type { RunResult } from '../../src/engine/types.js';

const CALL = (model: string) => `import anthropic\n\nclient = anthropic.Anthropic()\nclient.messages.create(model="${model}", max_tokens=100, messages=[{"role": "user", "content": "hi"}])\n`;

let root: string;
let outside: string;
let run: RunResult;

function reasonOf(path: string): string | undefined {
  return run.skipped.find((s) => s.path === path)?.reason;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cm-battery-'));
  outside = mkdtempSync(join(tmpdir(), 'cm-outside-'));
  const w = (p: string, data: string | Buffer) => { mkdirSync(join(root, p, '..'), { recursive: true }); writeFileSync(join(root, p), data); };
  w('ok.py', CALL('claude-3-5-sonnet-20241022'));
  w('crlf.py', CALL('claude-3-5-sonnet-20241022').replace(/\n/g, '\r\n'));
  w('bom.py', '\uFEFF' + CALL('claude-3-5-sonnet-20241022'));
  w('binary.bin', Buffer.concat([Buffer.from('claude-3-opus-20240229'), Buffer.from([0, 1, 2, 3]), Buffer.from('claude-3-opus-20240229')]));
  w('huge.py', '# claude-3-opus-20240229\n' + 'x = 1\n'.repeat(9_000_000)); // ~54 MB
  w('latin1.py', Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nMODEL = "claude-3-opus-20240229"\n')]));
  w('utf16.py', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('MODEL = "claude-3-opus-20240229"\n', 'utf16le')]));
  w('broken.py', 'def f(:\n    client.messages.create(model="claude-3-opus-20240229"\n');
  w('empty.py', '');
  w('long.py', `MODEL = "claude-3-opus-20240229"  # ${'x'.repeat(200_000)}\n`);
  w('nested.py', `MODEL = ${'['.repeat(400)}"claude-3-opus-20240229"${']'.repeat(400)}\n`);
  writeFileSync(join(outside, 'secret.py'), CALL('claude-3-opus-20240229'));
  symlinkSync(join(outside, 'secret.py'), join(root, 'link-out.py'));
  w('unreadable.py', CALL('claude-3-opus-20240229'));
  chmodSync(join(root, 'unreadable.py'), 0o000);
  mkdirSync(join(root, '.git-not-a-repo'), { recursive: true });
  run = await plan({ root, target: 'auto', today: '2026-11-22' });
}, 120_000);

afterAll(() => {
  try { chmodSync(join(root, 'unreadable.py'), 0o644); } catch { /* gone */ }
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('bad input', () => {
  it('migrates ordinary files, keeping CRLF and BOM', () => {
    const paths = run.files.filter((f) => f.planned).map((f) => f.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['bom.py', 'crlf.py', 'ok.py']));
    const crlf = run.files.find((f) => f.path === 'crlf.py')!;
    expect(crlf.planned).toContain('claude-sonnet-4-6');
    expect(crlf.planned!.replace(/\r\n/g, '')).not.toContain('\n');
    expect(run.files.find((f) => f.path === 'bom.py')!.bom).toBe(true);
  });
  it('skips a binary file with a model ID inside', () => expect(reasonOf('binary.bin')).toBe('binary'));
  it('skips a 50 MB file', () => expect(reasonOf('huge.py')).toBe('too-large'));
  it('skips invalid UTF-8 and UTF-16', () => {
    expect(reasonOf('latin1.py')).toBe('not-utf8');
    expect(reasonOf('utf16.py')).toBe('not-utf8');
  });
  it('reports a file with syntax errors and leaves it untouched', () => {
    expect(reasonOf('broken.py')).toBe('parse-error');
    expect(run.files.find((f) => f.path === 'broken.py')?.planned).toBeUndefined();
  });
  it('never follows a symlink out of the root', () => {
    expect(reasonOf('link-out.py')).toBe('symlink-outside-root');
    expect(run.files.find((f) => f.path === 'link-out.py')).toBeUndefined();
  });
  it.skipIf(process.getuid?.() === 0)('skips an unreadable file', () => expect(reasonOf('unreadable.py')).toBe('unreadable'));
  it('handles empty files, very long lines and deep nesting without crashing', () => {
    expect(reasonOf('empty.py')).toBeUndefined();
    expect(run.files.find((f) => f.path === 'long.py')?.planned).toContain('claude-opus-4-8');
    expect(run.files.find((f) => f.path === 'nested.py')).toBeDefined();
  });
});

describe('writes', () => {
  it('refuses a file changed on disk between scan and apply, writes the rest atomically with mode kept', () => {
    chmodSync(join(root, 'ok.py'), 0o750);
    const planned = JSON.parse(JSON.stringify(run)) as RunResult;
    writeFileSync(join(root, 'crlf.py'), 'changed by someone else\n');
    const before = readFileSync(join(outside, 'secret.py'), 'utf8');
    const res = applyPlan(planned);
    expect(res.refused.map((r) => [r.path, r.reason])).toEqual(expect.arrayContaining([['crlf.py', 'changed-on-disk']]));
    expect(readFileSync(join(root, 'crlf.py'), 'utf8')).toBe('changed by someone else\n');
    expect(readFileSync(join(root, 'ok.py'), 'utf8')).toContain('claude-sonnet-4-6');
    expect(statSync(join(root, 'ok.py')).mode & 0o777).toBe(0o750);
    const bom = readFileSync(join(root, 'bom.py'));
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readFileSync(join(outside, 'secret.py'), 'utf8')).toBe(before);
    expect(execFileSync('ls', ['-a', root]).toString()).not.toContain('.claude-migrate.tmp');
  });
});
