// Runs the real built CLI (dist/) as users do: a child process with its own cwd and environment.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
export const BIN = join(REPO, 'dist/src/cli/bin.js');

/** `npm test` builds first; a bare `vitest run` builds once here. */
export function ensureBuilt(): void {
  if (existsSync(BIN)) return;
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: 'inherit' });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], opts: { cwd: string; env?: Record<string, string | undefined>; input?: string }): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', CI: undefined, FORCE_COLOR: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: env as NodeJS.ProcessEnv, encoding: 'utf8', input: opts.input ?? '', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A temp copy of the sample repo, committed in a fresh git repo (clean tree). */
export function sampleRepoCopy(prefix = 'cm-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(REPO, 'fixtures/sample-repo'), dir, { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'sample');
  return dir;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'core.autocrlf=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
}
