// Cheap first pass: which listed files contain the combined pattern at all. ripgrep when available (PATH,
// then the optional @vscode/ripgrep), a synchronous JS scan otherwise. Both engines apply the same rules,
// so they return the same set:
//   - a file with a UTF-16 byte-order mark is searched as UTF-16 (ripgrep transcodes it; it is later skipped
//     as not-utf8, with a reason, instead of vanishing);
//   - otherwise a NUL byte in the first 8 KB makes the file binary: never a candidate (a binary file that does
//     match is passed to `onBinaryMatch`, so the run can report it as skipped instead of silently dropping it);
//   - a UTF-8 BOM is not part of the text; matching is line by line (patterns must not span lines);
//   - a file that cannot be opened is a candidate, so reading it reports why it was skipped;
//   - explicitly listed files are searched even if hidden or ignored (the list is already filtered);
//   - directories in the list are not descended into;
//   - escaped punctuation that old Rust regex rejects (`\/`) is unescaped for ripgrep (same meaning).
// Size limits are not applied here: an over-size file that matches becomes a `too-large` skip later. The one
// exception: the JS engine does not load files over 256 MB into memory and returns them as candidates unread
// (they then get a too-large skip); ripgrep lists them only if they match.
import { spawn } from 'node:child_process';
import { accessSync, closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { delimiter, join } from 'node:path';
import { BINARY_SNIFF_BYTES, hasNulInSniff } from './read.js';

export type PrefilterEngine = 'rg' | 'js';

export interface PrefilterOptions {
  /** `auto` (default): ripgrep if found and working, else JS. `rg`: fail if ripgrep is unavailable. */
  engine?: 'auto' | PrefilterEngine;
  /** Called for each binary file (our NUL rule) whose bytes match the pattern: not a candidate, but worth a skip reason. */
  onBinaryMatch?: (rel: string) => void;
}

/** Asked for `--prefilter rg` (or similar) where no ripgrep can be found or run. */
export class PrefilterError extends Error {
  override name = 'PrefilterError';
  constructor(
    public title: string,
    public hint: string,
  ) {
    super(title);
  }
}

/** `files`: discoverFiles output (regular files only: ripgrep would wait forever on a named pipe). */
export async function prefilter(
  root: string,
  files: string[],
  pattern: string,
  opts: PrefilterOptions = {},
): Promise<{ candidates: string[]; engine: PrefilterEngine }> {
  const regex = compileForJs(pattern);
  const engine = opts.engine ?? 'auto';
  if (engine !== 'js') {
    const rg = await findRipgrep();
    if (rg) {
      const result = await prefilterWithRg(rg, root, files, pattern, undefined, opts.onBinaryMatch);
      if (result.ok) return { candidates: result.candidates, engine: 'rg' };
      if (engine === 'rg') throw new PrefilterError(`ripgrep failed: ${result.error}`, 'Use --prefilter js (or auto) to search without ripgrep.');
    } else if (engine === 'rg') {
      throw new PrefilterError('ripgrep (rg) was not found', 'Install ripgrep or the optional @vscode/ripgrep package, or use --prefilter js.');
    }
  }
  return { candidates: prefilterWithJs(root, files, regex, opts.onBinaryMatch), engine: 'js' };
}

/**
 * JavaScript's closest reading of a pattern written for both engines. `m` gives `^`/`$` ripgrep's per-line
 * meaning; `u` makes `.` and classes work on code points as Rust's regex does (falls back without it for
 * patterns using escapes `u` forbids).
 */
export function compileForJs(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'mu');
  } catch {
    return new RegExp(pattern, 'm');
  }
}

// ---------------------------------------------------------------- JS engine

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const JS_MAX_SEARCH_BYTES = 256 * 1024 * 1024;

/** Synchronous reads: measured 3.5× faster than fs.promises with many reads in flight on small files. */
export function prefilterWithJs(root: string, files: string[], regex: RegExp, onBinaryMatch?: (rel: string) => void): string[] {
  const candidates: string[] = [];
  let scratch = Buffer.allocUnsafe(1 << 20);
  for (const rel of files) {
    let fd: number;
    try {
      fd = openSync(join(root, rel), OPEN_FLAGS);
    } catch {
      candidates.push(rel);
      continue;
    }
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) continue;
      if (stat.size > JS_MAX_SEARCH_BYTES) {
        candidates.push(rel);
        continue;
      }
      if (stat.size + 1 > scratch.length) scratch = Buffer.allocUnsafe(stat.size + 1);
      let length = 0;
      for (;;) {
        const n = readSync(fd, scratch, length, scratch.length - length, null);
        if (n === 0) break;
        length += n;
        if (length === scratch.length) {
          const bigger = Buffer.allocUnsafe(scratch.length * 2);
          scratch.copy(bigger, 0, 0, length);
          scratch = bigger;
        }
      }
      const bytes = scratch.subarray(0, length);
      const text = searchableText(bytes);
      if (text !== undefined) {
        if (regex.test(text)) candidates.push(rel);
      } else if (onBinaryMatch && regex.test(bytes.toString('latin1'))) {
        // latin1 maps every byte to one character: ASCII matches exactly as ripgrep --text sees the raw bytes.
        onBinaryMatch(rel);
      }
    } catch {
      candidates.push(rel);
    } finally {
      closeSync(fd);
    }
  }
  return candidates;
}

/** The text ripgrep would search, or undefined for a binary file. */
export function searchableText(bytes: Buffer): string | undefined {
  const utf16 = utf16Bom(bytes);
  if (utf16 === 'le') return bytes.toString('utf16le', 2);
  if (utf16 === 'be') return swapToLittleEndian(bytes.subarray(2)).toString('utf16le');
  if (hasNulInSniff(bytes)) return undefined;
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.toString('utf8', start);
}

function utf16Bom(bytes: Uint8Array): 'le' | 'be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  return undefined;
}

function swapToLittleEndian(bytes: Buffer): Buffer {
  // swap16 needs an even length; a dangling odd byte cannot be a character anyway.
  const copy = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return copy.swap16();
}

// ---------------------------------------------------------------- ripgrep engine

let ripgrepLookup: Promise<string | undefined> | undefined;

/** rg on PATH first (the user's own, possibly newer), then the binary shipped in @vscode/ripgrep >= 1.18. Cached per process. */
export function findRipgrep(): Promise<string | undefined> {
  ripgrepLookup ??= (async () => {
    const names = process.platform === 'win32' ? ['rg.exe'] : ['rg'];
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      if (!dir) continue;
      for (const name of names) {
        const candidate = join(dir, name);
        try {
          accessSync(candidate, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
          return candidate;
        } catch {
          // not here
        }
      }
    }
    return bundledRipgrep();
  })();
  return ripgrepLookup;
}

/** The optional dependency's binary, if installed for this platform (its module throws when the platform package is missing). */
export async function bundledRipgrep(): Promise<string | undefined> {
  // A variable specifier keeps the optional package out of static resolution.
  const specifier = '@vscode/ripgrep';
  try {
    const mod = (await import(specifier)) as { rgPath?: string };
    if (!mod.rgPath) return undefined;
    accessSync(mod.rgPath, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return mod.rgPath;
  } catch {
    return undefined;
  }
}

/** Forget the cached lookup (tests that change PATH). */
export function resetRipgrepLookup(): void {
  ripgrepLookup = undefined;
}

type RgOutcome = { ok: true; candidates: string[] } | { ok: false; error: string };

/**
 * ripgrep 13 (Debian) has no --files-from, so the list goes as arguments, in chunks under the OS limit on
 * argument size, a few processes at a time.
 */
export async function prefilterWithRg(
  rgPath: string,
  root: string,
  files: string[],
  pattern: string,
  /**
   * Bytes of paths per invocation, under the OS limit (Linux's ARG_MAX is 2 MB, macOS's 1 MB with the
   * environment, Windows' command line 32K characters). Few large chunks: ripgrep searches one
   * invocation's files on all its threads (20k files: 190 ms in 1 MB chunks, 270 ms in 256 KB ones).
   */
  chunkBudget = process.platform === 'win32' ? 24_000 : process.platform === 'darwin' ? 400_000 : 1_000_000,
  onBinaryMatch?: (rel: string) => void,
): Promise<RgOutcome> {
  if (files.length === 0) return { ok: true, candidates: [] };
  // A pattern this rg rejects (look-around, a newer syntax) or a flag it lacks fails every chunk the same way:
  // find out once, on empty input, so that file-level errors are the only exit-2 cause below.
  pattern = toRustPattern(pattern);
  // `-` reads stdin, which is the null device here: nothing is written to a pipe rg may already have left.
  const probe = await runRg(rgPath, root, ['-'], pattern);
  if (probe.spawnError || probe.code !== 1) return { ok: false, error: probe.spawnError ?? (probe.stderr.trim() || `exit code ${probe.code}`) };
  const chunks = chunkByLength(files, chunkBudget);
  const matched = new Set<string>();
  const listed = new Set(files);
  let failure: string | undefined;
  let next = 0;
  const worker = async () => {
    while (next < chunks.length && failure === undefined) {
      const chunk = chunks[next++];
      const res = await runRg(rgPath, root, chunk, pattern);
      if (res.spawnError) {
        failure = res.spawnError;
        return;
      }
      for (let path of res.paths) {
        if (!listed.has(path) && process.platform === 'win32') path = path.replace(/\\/g, '/');
        if (listed.has(path)) matched.add(path);
      }
      if (res.code === 2) {
        // Some files could not be searched. Candidates, as in the JS engine, if they cannot be opened; any
        // other error (a pattern this rg rejects, a flag it lacks) means rg cannot be trusted for this run.
        let unopenable = 0;
        for (const rel of chunk) {
          if (!matched.has(rel) && !canOpen(join(root, rel))) {
            matched.add(rel);
            unopenable++;
          }
        }
        if (unopenable === 0) failure = res.stderr.trim().split('\n')[0] || 'exit code 2';
      } else if (res.code !== 0 && res.code !== 1) {
        failure = res.stderr.trim().split('\n')[0] || `exit code ${res.code}`;
      }
    }
  };
  const parallel = Math.max(1, Math.min(3, availableParallelism() - 1, chunks.length));
  await Promise.all(Array.from({ length: parallel }, worker));
  if (failure !== undefined) return { ok: false, error: failure };
  // ripgrep searched binary files as text (--text) so that its binary rule cannot differ from ours: apply ours now.
  const candidates: string[] = [];
  for (const rel of files) {
    if (!matched.has(rel)) continue;
    if (!isBinaryBySniff(join(root, rel))) candidates.push(rel);
    else onBinaryMatch?.(rel);
  }
  return { ok: true, candidates };
}

/**
 * JavaScript accepts escaped punctuation that is not special (`\/`, as written by most regex-escape helpers);
 * Rust's regex before 1.10 (ripgrep 13) rejects it. Drop those backslashes: the meaning is unchanged.
 */
export function toRustPattern(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i];
      out += UNNEEDED_ESCAPES.has(next) ? next : ch + next;
    } else out += ch;
  }
  return out;
}
const UNNEEDED_ESCAPES = new Set(['/', '"', "'", '`', ':', ';', ',', '=', '!', '@', '%', '<', '>', '_']);

function chunkByLength(files: string[], budget: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const rel of files) {
    // The string, its NUL, and its argv pointer: Linux counts all three against ARG_MAX.
    const cost = Buffer.byteLength(rel) + 1 + 8;
    if (current.length && size + cost > budget) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(rel);
    size += cost;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

interface RgRun {
  code: number | null;
  paths: string[];
  stderr: string;
  spawnError?: string;
}

function runRg(rgPath: string, root: string, chunk: string[], pattern: string): Promise<RgRun> {
  const args = [
    '--no-config', // ignore RIPGREP_CONFIG_PATH: smart-case, globs or type filters there would change the answer
    '--files-with-matches',
    '--null',
    '--text', // binary decided afterwards by our own rule
    '--case-sensitive',
    '--crlf', // `$` before \r\n, as JavaScript's multiline `$`
    '--max-depth',
    '0', // a directory given by mistake is not descended into
    '--regexp',
    pattern,
    '--',
    ...chunk,
  ];
  return new Promise((resolvePromise) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const child = spawn(rgPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c: Buffer) => {
      // Keep the first errors only: one line per unreadable file could be large.
      if (err.length < 64) err.push(c);
    });
    child.on('error', (e) => resolvePromise({ code: null, paths: [], stderr: '', spawnError: e.message }));
    child.on('close', (code) => {
      const paths = Buffer.concat(out).toString('utf8').split('\0');
      paths.pop();
      resolvePromise({ code, paths, stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

function canOpen(abs: string): boolean {
  try {
    closeSync(openSync(abs, OPEN_FLAGS));
    return true;
  } catch {
    return false;
  }
}

/** Our binary rule on a file's first 8 KB; an unreadable file stays a candidate. */
function isBinaryBySniff(abs: string): boolean {
  let fd: number;
  try {
    fd = openSync(abs, OPEN_FLAGS);
  } catch {
    return false;
  }
  try {
    const head = Buffer.allocUnsafe(BINARY_SNIFF_BYTES);
    let length = 0;
    for (;;) {
      const n = readSync(fd, head, length, head.length - length, null);
      if (n === 0 || (length += n) === head.length) break;
    }
    const bytes = head.subarray(0, length);
    return utf16Bom(bytes) === undefined && hasNulInSniff(bytes);
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}
