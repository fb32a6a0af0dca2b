// Thin wrappers over the git CLI (execFile semantics: no shell, arguments passed as-is).
import { spawn } from 'node:child_process';

export interface GitResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /** Set when git could not be started at all (not installed). */
  spawnError?: Error;
}

/**
 * Settings from the repository's own config that make read-only git commands run programs: an fsmonitor hook
 * runs on every status/ls-files, hooks on some events. Scanning never executes repository code.
 */
const NO_REPO_COMMANDS = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null'];

/**
 * Runs git in `cwd`. Variables that point git at another repository (set when we run inside a git hook)
 * are dropped, so the repository is always the one containing `cwd`.
 */
export function runGit(cwd: string, args: string[]): Promise<GitResult> {
  const env = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_COMMON_DIR']) delete env[name];
  // Never prompt (credential helpers, pagers) and never take optional locks: we only read.
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_OPTIONAL_LOCKS = '0';
  // Untranslated messages: discovery reads git's "could not open directory" warnings.
  env.LC_ALL = 'C';
  delete env.LANGUAGE;
  return new Promise((resolvePromise) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let child;
    try {
      child = spawn('git', [...NO_REPO_COMMANDS, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (e) {
      resolvePromise({ code: null, stdout: Buffer.alloc(0), stderr: '', spawnError: e as Error });
      return;
    }
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (e) => resolvePromise({ code: null, stdout: Buffer.alloc(0), stderr: '', spawnError: e }));
    child.on('close', (code) => resolvePromise({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** Splits NUL-terminated git output (`-z`). */
export function splitNul(buffer: Buffer): string[] {
  const text = buffer.toString('utf8');
  const parts = text.split('\0');
  if (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export interface WorkTreeInfo {
  /** `root` relative to the top of the work tree, with a trailing `/` (empty at the top). */
  prefix: string;
}

/** The work tree containing `root`, or undefined outside git (or when git is missing or refuses the repository). */
export async function workTreeOf(root: string): Promise<WorkTreeInfo | undefined> {
  const res = await runGit(root, ['rev-parse', '--is-inside-work-tree', '--show-prefix']);
  if (res.code !== 0) return undefined;
  const [inside, prefix = ''] = res.stdout.toString('utf8').split('\n');
  if (inside.trim() !== 'true') return undefined;
  return { prefix: prefix.trim() };
}

/**
 * What git knows of `root`, taken once per run for both discovery and the dirty-tree check: the index entries
 * under it (`ls-files --stage`) and every change under it (`status -uall`: tracked changes and each untracked,
 * not ignored file). One status instead of status plus `ls-files --others` plus `ls-files --modified`: each of
 * those stats every file of the work tree. Undefined outside a work tree (or when git is missing or refuses it).
 */
export interface GitSnapshot {
  /** `root` relative to the top of the work tree, with a trailing `/` (empty at the top). */
  prefix: string;
  /**
   * `ls-files -v --stage` entries (`<tag> <mode> <object> <stage>\t<path>`), paths relative to `root`. Tag `H`:
   * an ordinary cached entry; lowercase (assume-unchanged) and `S` (skip-worktree) entries are ones git does not
   * check against the work tree, so status cannot vouch for them.
   */
  staged: string[];
  /** Changed paths relative to `root`: `??` = untracked (a nested repository as `dir/`), else tracked and changed. */
  changes: { xy: string; path: string }[];
  /** `git status` failed (changes unknown): its message. */
  statusError?: string;
  /** Untracked directories git could not open (it warns and goes on), relative to `root`. */
  unreadableDirs: string[];
}

export async function gitSnapshot(root: string): Promise<GitSnapshot | undefined> {
  const tree = await workTreeOf(root);
  if (!tree) return undefined;
  const [staged, status] = await Promise.all([
    runGit(root, ['-c', 'core.quotePath=false', 'ls-files', '-z', '-v', '--stage']),
    // --no-renames: a rename is its deletion and its addition, both paths listed, as the dirty check needs.
    runGit(root, ['-c', 'core.quotePath=false', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--', '.']),
  ]);
  if (staged.code !== 0) return undefined;
  const snapshot: GitSnapshot = { prefix: tree.prefix, staged: splitNul(staged.stdout), changes: [], unreadableDirs: [] };
  if (status.code !== 0) {
    snapshot.statusError = status.stderr.trim() || `exit ${status.code}`;
    return snapshot;
  }
  // Porcelain paths are relative to the top of the work tree, whatever the cwd; `-- .` keeps them under root.
  for (const entry of splitNul(status.stdout)) snapshot.changes.push({ xy: entry.slice(0, 2), path: stripPrefix(entry.slice(3), tree.prefix) });
  snapshot.unreadableDirs = unopenedDirs(status.stderr).map((dir) => stripPrefix(dir, tree.prefix));
  return snapshot;
}

/** git's `warning: could not open directory 'a/b/': Permission denied` lines (runGit sets LC_ALL=C), top-relative. */
export function unopenedDirs(stderr: string): string[] {
  const out: string[] = [];
  for (const m of stderr.matchAll(/^warning: could not open directory '(.*)\/': /gm)) out.push(m[1]);
  return out;
}

/**
 * Uncommitted changes under `root` (staged, unstaged and untracked-but-not-ignored), as paths relative to
 * `root`, listed as `git status` lists them: an untracked directory holding no tracked file is one `dir/`
 * entry. Outside git: `{ isRepo: false, clean: true, dirtyFiles: [] }`.
 */
export async function gitStatus(root: string, snapshot: Promise<GitSnapshot | undefined> = gitSnapshot(root)): Promise<{ isRepo: boolean; clean: boolean; dirtyFiles: string[] }> {
  const git = await snapshot;
  if (!git) return { isRepo: false, clean: true, dirtyFiles: [] };
  if (git.statusError !== undefined) return { isRepo: true, clean: false, dirtyFiles: [`(git status failed: ${git.statusError})`] };
  const trackedDirs = new Set<string>();
  for (const entry of git.staged) {
    const path = entry.slice(entry.indexOf('\t') + 1);
    for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) trackedDirs.add(path.slice(0, i));
  }
  const dirty = new Set<string>();
  for (const { xy, path } of git.changes) dirty.add(xy === '??' ? collapsedUntracked(path, trackedDirs) : path);
  const dirtyFiles = [...dirty].sort();
  return { isRepo: true, clean: dirtyFiles.length === 0, dirtyFiles };
}

/** The outermost directory of an untracked path that holds no tracked file (`dir/`), or the path itself. */
function collapsedUntracked(path: string, trackedDirs: Set<string>): string {
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const dir = path.slice(0, i);
    if (!trackedDirs.has(dir)) return `${dir}/`;
  }
  return path;
}

function stripPrefix(path: string, prefix: string): string {
  if (prefix && path.startsWith(prefix)) return path.slice(prefix.length);
  // A path outside the root (none under `-- .`, but never drop one): keep it relative to the root.
  if (!prefix) return path;
  const up = prefix.split('/').filter(Boolean).map(() => '..');
  return [...up, path].join('/');
}
