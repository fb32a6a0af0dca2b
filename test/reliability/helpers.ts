// Shared by the reliability tests: temp trees, byte snapshots, running the CLI (built or through tsx),
// and running a command without root's privileges (root reads any file, so unreadable cases need it).
import { execFileSync, spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const isRoot = process.getuid?.() === 0;

export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cm-rel-${label}-`));
  // World-readable so the unprivileged runs below can enter it.
  chmodSync(dir, 0o755);
  return dir;
}

/** Deletes a tree even where a test removed permissions. */
export function removeTree(dir: string): void {
  try {
    execFileSync('chmod', ['-R', 'u+rwX', dir], { stdio: 'ignore' });
  } catch {
    /* best effort */
  }
  rmSync(dir, { recursive: true, force: true });
}

export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, data] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), data);
  }
}

/** Every entry under `dir` (including .git), with its bytes' hash, mode and link target: any change shows. */
export function treeDigest(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (abs: string) => {
    for (const name of readdirSync(abs)) {
      const path = join(abs, name);
      const rel = relative(dir, path);
      const st = lstatSync(path);
      if (st.isSymbolicLink()) out.set(rel, `link:${readlinkSync(path)}`);
      else if (st.isDirectory()) {
        out.set(rel + '/', `dir:${(st.mode & 0o7777).toString(8)}`);
        visit(path);
      } else out.set(rel, `file:${(st.mode & 0o7777).toString(8)}:${sha256(readFileSync(path))}`);
    }
  };
  visit(dir);
  return out;
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Paths whose digest differs between two snapshots (added, removed or changed). */
export function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/** Prefix that runs a command as `nobody` when we are root (setpriv from util-linux); empty otherwise. */
export function unprivileged(): string[] {
  if (!isRoot) return [];
  return ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'];
}

export const canDropPrivileges = !isRoot || spawnSync('setpriv', ['--version']).status === 0;

/** The source CLI through tsx (no build needed): one node process, so signals reach it directly. */
export const TSX_CLI = ['node', '--import', 'tsx', join(REPO, 'src/cli/bin.ts')];

let built: Promise<string> | undefined;

/**
 * Compiles src/ with tsconfig.build.json into a private temp directory (never the shared dist/, which other
 * people build too) and returns the path of bin.js. tsc emits even when an unrelated file does not type-check
 * (e.g. a module still being written), so the emitted bin.js is what counts.
 */
export function buildCli(): Promise<string> {
  built ??= new Promise((resolvePromise, reject) => {
    const out = mkdtempSync(join(tmpdir(), 'cm-rel-dist-'));
    // Module resolution, "type": "module" and the grammars are found by walking up from the emitted files.
    for (const name of ['node_modules', 'grammars', 'package.json']) symlinkSync(join(REPO, name), join(out, name));
    const child = spawn(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(REPO, 'tsconfig.build.json'), '--outDir', join(out, 'dist')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout!.on('data', (c: Buffer) => (log += c));
    child.stderr!.on('data', (c: Buffer) => (log += c));
    child.on('close', () => {
      const bin = join(out, 'dist/src/cli/bin.js');
      if (existsSync(bin)) resolvePromise(bin);
      else reject(new Error(`tsc emitted no bin.js:\n${log}`));
    });
  });
  return built;
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runCli(argv: string[], opts: SpawnOptions & { timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolvePromise) => {
    const child = spawn(argv[0], argv.slice(1), { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c));
    child.stderr!.on('data', (c: Buffer) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

/** git with no global/system configuration and a fixed identity. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
