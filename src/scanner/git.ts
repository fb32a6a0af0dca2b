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
 * Uncommitted changes under `root` (staged, unstaged and untracked-but-not-ignored), as paths relative to
 * `root`. Outside git: `{ isRepo: false, clean: true, dirtyFiles: [] }`.
 */
export async function gitStatus(root: string): Promise<{ isRepo: boolean; clean: boolean; dirtyFiles: string[] }> {
  const tree = await workTreeOf(root);
  if (!tree) return { isRepo: false, clean: true, dirtyFiles: [] };
  const res = await runGit(root, ['-c', 'core.quotePath=false', 'status', '--porcelain=v1', '-z', '--', '.']);
  if (res.code !== 0) return { isRepo: true, clean: false, dirtyFiles: [`(git status failed: ${res.stderr.trim() || `exit ${res.code}`})`] };
  const fields = splitNul(res.stdout);
  const dirty = new Set<string>();
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i];
    const xy = entry.slice(0, 2);
    // Porcelain paths are relative to the top of the work tree, whatever the cwd.
    dirty.add(stripPrefix(entry.slice(3), tree.prefix));
    // Renames and copies are followed by their source path as a separate field.
    if (xy[0] === 'R' || xy[0] === 'C' || xy[1] === 'R' || xy[1] === 'C') {
      const source = fields[++i];
      if (source !== undefined) dirty.add(stripPrefix(source, tree.prefix));
    }
  }
  const dirtyFiles = [...dirty].sort();
  return { isRepo: true, clean: dirtyFiles.length === 0, dirtyFiles };
}

function stripPrefix(path: string, prefix: string): string {
  if (prefix && path.startsWith(prefix)) return path.slice(prefix.length);
  // A rename source can lie outside the root: keep it relative to the root so it is still shown.
  if (!prefix) return path;
  const up = prefix.split('/').filter(Boolean).map(() => '..');
  return [...up, path].join('/');
}
