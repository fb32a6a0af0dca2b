import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BYTES, detectEol, readCandidate } from '../../src/scanner/read.js';
import { isRoot, removeDir, tempDir, writeTree } from './helpers.js';

let root: string;
let outside: string;
const limits = { maxBytes: DEFAULT_MAX_BYTES };

beforeAll(() => {
  root = tempDir('read');
  outside = tempDir('read-outside');
  writeTree(outside, { 'secret.py': 'model = "claude-3-opus-20240229"\n', 'dir/inner.py': 'x = 1\n' });
  writeTree(root, {
    'plain.py': 'model = "claude-3-5-sonnet-20241022"\n',
    'crlf.py': 'a = 1\r\nb = 2\r\n',
    'mixed.py': 'a = 1\r\nb = 2\n',
    'oneline.py': 'x = 1',
    'empty.py': '',
    'bom.py': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('print("héllo")\n')]),
    'binary.bin': Buffer.concat([Buffer.from('anthropic '), Buffer.from([0, 1, 2]), Buffer.from(' more')]),
    'late-nul.txt': Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0]), Buffer.from('anthropic\n')]),
    'latin1.py': Buffer.concat([Buffer.from('name = "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]),
    'overlong.py': Buffer.from([0x61, 0x0a, 0xc0, 0xaf]),
    'truncated.py': Buffer.from([0x61, 0xe2, 0x82]),
    'utf16le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('anthropic\n', 'utf16le')]),
    'utf16be.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('anthropic\n', 'utf16le').swap16()]),
    'emoji.ts': 'const s = "🚀 ünïcödé";\n',
  });
  symlinkSync(join(outside, 'secret.py'), join(root, 'link-out.py'));
  symlinkSync(join(outside, 'dir'), join(root, 'dir-out'));
  symlinkSync('plain.py', join(root, 'link-in.py'));
  symlinkSync('nowhere.py', join(root, 'dangling.py'));
  mkdirSync(join(root, 'a-dir'));
  execFileSync('mkfifo', [join(root, 'pipe.py')]);
});

afterAll(() => {
  removeDir(root);
  removeDir(outside);
});

describe('readCandidate: files that are read', () => {
  it('returns the text, a sha256 of the bytes, and the line-ending style', () => {
    const r = readCandidate(root, 'plain.py', limits);
    expect(r).toEqual({
      ok: true,
      text: 'model = "claude-3-5-sonnet-20241022"\n',
      bom: false,
      sha256: createHash('sha256').update('model = "claude-3-5-sonnet-20241022"\n').digest('hex'),
      eol: 'lf',
    });
    expect(readCandidate(root, 'crlf.py', limits)).toMatchObject({ ok: true, eol: 'crlf' });
    expect(readCandidate(root, 'mixed.py', limits)).toMatchObject({ ok: true, eol: 'mixed' });
    expect(readCandidate(root, 'oneline.py', limits)).toMatchObject({ ok: true, eol: 'none', text: 'x = 1' });
    expect(readCandidate(root, 'empty.py', limits)).toMatchObject({ ok: true, eol: 'none', text: '' });
    expect(readCandidate(root, 'emoji.ts', limits)).toMatchObject({ ok: true, text: 'const s = "🚀 ünïcödé";\n' });
  });

  it('strips a UTF-8 BOM from the text, says it was there, and hashes the original bytes', () => {
    const r = readCandidate(root, 'bom.py', limits);
    expect(r).toMatchObject({ ok: true, bom: true, text: 'print("héllo")\n' });
    const raw = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('print("héllo")\n')]);
    expect(r.ok && r.sha256).toBe(createHash('sha256').update(raw).digest('hex'));
  });

  it('reads a NUL beyond the first 8 KB as text (the binary rule only sniffs 8 KB)', () => {
    const r = readCandidate(root, 'late-nul.txt', limits);
    expect(r.ok).toBe(true);
  });

  it('follows a symlink that stays inside the root', () => {
    expect(readCandidate(root, 'link-in.py', limits)).toMatchObject({ ok: true, text: 'model = "claude-3-5-sonnet-20241022"\n' });
  });
});

describe('readCandidate: guards', () => {
  it('binary: a NUL in the first 8 KB', () => {
    expect(readCandidate(root, 'binary.bin', limits)).toEqual({ ok: false, reason: 'binary', detail: 'NUL byte at offset 10: treated as binary' });
  });

  it('too-large: over the configured limit, and exactly at it is fine', () => {
    const size = Buffer.byteLength('model = "claude-3-5-sonnet-20241022"\n');
    const r = readCandidate(root, 'plain.py', { maxBytes: size - 1 });
    expect(r).toMatchObject({ ok: false, reason: 'too-large' });
    expect(!r.ok && r.detail).toMatch(/37 B is over the 36 B limit/);
    expect(readCandidate(root, 'plain.py', { maxBytes: size }).ok).toBe(true);
  });

  it('not-utf8: invalid bytes, overlong and truncated sequences, with the offset and line', () => {
    const latin1 = readCandidate(root, 'latin1.py', limits);
    expect(latin1).toMatchObject({ ok: false, reason: 'not-utf8' });
    expect(!latin1.ok && latin1.detail).toMatch(/invalid UTF-8 at byte 11 \(line 1\)/);
    expect(readCandidate(root, 'overlong.py', limits)).toMatchObject({ ok: false, reason: 'not-utf8', detail: expect.stringMatching(/byte 2 \(line 2\)/) });
    expect(readCandidate(root, 'truncated.py', limits)).toMatchObject({ ok: false, reason: 'not-utf8', detail: expect.stringMatching(/byte 1 /) });
  });

  it('not-utf8: UTF-16 with a byte-order mark is named as such, not called binary', () => {
    expect(readCandidate(root, 'utf16le.txt', limits)).toMatchObject({ ok: false, reason: 'not-utf8', detail: expect.stringMatching(/^UTF-16LE text/) });
    expect(readCandidate(root, 'utf16be.txt', limits)).toMatchObject({ ok: false, reason: 'not-utf8', detail: expect.stringMatching(/^UTF-16BE text/) });
  });

  it('symlink-outside-root: a file link, and a file reached through a directory link', () => {
    const file = readCandidate(root, 'link-out.py', limits);
    expect(file).toMatchObject({ ok: false, reason: 'symlink-outside-root' });
    expect(!file.ok && file.detail).toContain(outside);
    expect(readCandidate(root, 'dir-out/inner.py', limits)).toMatchObject({ ok: false, reason: 'symlink-outside-root' });
  });

  it('unreadable: dangling link, missing file, directory, FIFO (without blocking)', () => {
    expect(readCandidate(root, 'dangling.py', limits)).toEqual({ ok: false, reason: 'unreadable', detail: 'dangling symlink: its target does not exist' });
    expect(readCandidate(root, 'gone.py', limits)).toEqual({ ok: false, reason: 'unreadable', detail: 'no longer exists' });
    expect(readCandidate(root, 'a-dir', limits)).toEqual({ ok: false, reason: 'unreadable', detail: 'is a directory' });
    expect(readCandidate(root, 'pipe.py', limits)).toEqual({ ok: false, reason: 'unreadable', detail: 'not a regular file (named pipe)' });
  });

  it.skipIf(isRoot)('unreadable: permission denied (not testable as root, who can read everything)', () => {
    writeTree(root, { 'locked.py': 'x' });
    chmodSync(join(root, 'locked.py'), 0o000);
    expect(readCandidate(root, 'locked.py', limits)).toEqual({ ok: false, reason: 'unreadable', detail: 'permission denied' });
    chmodSync(join(root, 'locked.py'), 0o644);
  });
});

describe('detectEol', () => {
  it('classifies line endings', () => {
    expect(detectEol('a\nb\n')).toBe('lf');
    expect(detectEol('a\r\nb\r\n')).toBe('crlf');
    expect(detectEol('a\r\nb\n')).toBe('mixed');
    expect(detectEol('\n')).toBe('lf');
    expect(detectEol('\r\n')).toBe('crlf');
    expect(detectEol('abc')).toBe('none');
  });
});
