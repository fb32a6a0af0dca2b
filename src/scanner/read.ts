// Reading one candidate file behind the guards: every problem becomes a skip reason with a human detail,
// never a throw. The same binary rule (a NUL byte in the first 8 KB) is used by the prefilter.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { createHash } from 'node:crypto';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { SkippedFile } from '../engine/types.js';

export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
/** Bytes inspected for a NUL to call a file binary (what git and ripgrep sniff). */
export const BINARY_SNIFF_BYTES = 8192;

export type Eol = 'lf' | 'crlf' | 'mixed' | 'none';

export type ReadResult =
  | { ok: true; text: string; bom: boolean; sha256: string; eol: Eol; blobId?: string }
  | { ok: false; reason: SkippedFile['reason']; detail: string };

// O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer (undefined on Windows).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** `blobId`: also the git (SHA-1) blob id of the bytes, to confirm they are the blob git's index names. */
export function readCandidate(root: string, rel: string, opts: { maxBytes: number; blobId?: boolean }): ReadResult {
  const abs = join(root, rel);
  const contained = checkContainment(root, abs);
  if (contained) return contained;

  let fd: number;
  try {
    fd = openSync(abs, OPEN_FLAGS);
  } catch (err) {
    return { ok: false, reason: 'unreadable', detail: describeFsError(err) };
  }
  try {
    const stat = fstatSync(fd);
    const notRegular = describeNonRegular(stat);
    if (notRegular) return { ok: false, reason: 'unreadable', detail: notRegular };
    if (stat.size > opts.maxBytes) {
      return { ok: false, reason: 'too-large', detail: `${formatBytes(stat.size)} is over the ${formatBytes(opts.maxBytes)} limit (raise it with --max-file-size)` };
    }
    const bytes = readAll(fd, stat.size, opts.maxBytes);
    if (bytes === 'too-large') {
      return { ok: false, reason: 'too-large', detail: `grew past the ${formatBytes(opts.maxBytes)} limit while being read` };
    }
    const result = decode(bytes);
    if (result.ok && opts.blobId) result.blobId = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    return result;
  } catch (err) {
    return { ok: false, reason: 'unreadable', detail: describeFsError(err) };
  } finally {
    closeSync(fd);
  }
}

/** Guards on raw bytes, in order: foreign Unicode encodings (before the NUL rule: UTF-16 is full of NULs), binary, UTF-8. */
export function decode(bytes: Buffer): ReadResult {
  const foreign = foreignBom(bytes);
  if (foreign) {
    return { ok: false, reason: 'not-utf8', detail: `${foreign} text (byte-order mark); only UTF-8 files are migrated: convert it to UTF-8 to include it` };
  }
  if (hasNulInSniff(bytes)) {
    return { ok: false, reason: 'binary', detail: `NUL byte at offset ${bytes.indexOf(0)}: treated as binary` };
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = countLines(bytes, at);
    return { ok: false, reason: 'not-utf8', detail: `invalid UTF-8 at byte ${at} (line ${line}); probably Latin-1 or Windows-1252: convert it to UTF-8 to include it` };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  return { ok: true, text, bom, sha256: createHash('sha256').update(bytes).digest('hex'), eol: detectEol(text) };
}

export function hasNulInSniff(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/** UTF-32 before UTF-16: the UTF-32LE mark starts with the UTF-16LE one. */
export function foreignBom(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'UTF-32LE';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'UTF-32BE';
  if (a === 0xff && b === 0xfe) return 'UTF-16LE';
  if (a === 0xfe && b === 0xff) return 'UTF-16BE';
  return undefined;
}

export function detectEol(text: string): Eol {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
    if (crlf && lf) return 'mixed';
  }
  return crlf ? 'crlf' : lf ? 'lf' : 'none';
}

const realRoots = new Map<string, string>();

/** Resolves the real path and refuses anything that leaves the root (a symlinked file or directory on the way). */
function checkContainment(root: string, abs: string): ReadResult | undefined {
  let realRoot = realRoots.get(root);
  let real: string;
  try {
    if (realRoot === undefined) {
      realRoot = realpathSync.native(root);
      realRoots.set(root, realRoot);
    }
    real = realpathSync.native(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && isDanglingLink(abs)) return { ok: false, reason: 'unreadable', detail: 'dangling symlink: its target does not exist' };
    return { ok: false, reason: 'unreadable', detail: describeFsError(err) };
  }
  if (!isInside(realRoot, real)) {
    return { ok: false, reason: 'symlink-outside-root', detail: `resolves to ${real}, outside the scanned root; symlinks are never followed out of it` };
  }
  return undefined;
}

function isDanglingLink(abs: string): boolean {
  try {
    return lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

export function isInside(parent: string, child: string): boolean {
  if (child === parent) return true;
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
}

export function describeNonRegular(stat: Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return 'is a directory';
  if (stat.isFIFO()) return 'not a regular file (named pipe)';
  if (stat.isSocket()) return 'not a regular file (socket)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'not a regular file (device)';
  return 'not a regular file';
}

function readAll(fd: number, size: number, maxBytes: number): Buffer | 'too-large' {
  // Sized from fstat plus one byte to see EOF in the same pass: the file may change size in between.
  let buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) return 'too-large';
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  return length > maxBytes ? 'too-large' : buffer.subarray(0, length);
}

export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no longer exists';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'symlink loop';
    case 'EAGAIN':
      return 'not ready for reading (named pipe or device)';
    default:
      return e?.code ? `${e.code}: ${e.message}` : String(e?.message ?? err);
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${trim(n / 1024)} KB`;
  return `${trim(n / (1024 * 1024))} MB`;
}

function trim(x: number): string {
  return x >= 10 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (only called after a decode failed). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= bytes.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 10) line++;
  return line;
}
