// Real toolchain checks for rewritten fixtures, where the machine has them (CI installs them from
// Debian's apt: python3, gofmt, ruby, php, bash). A missing tool is reported once and skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const COMMANDS: Record<string, { tool: string; args: (file: string) => string[] }> = {
  py: { tool: 'python3', args: (f) => ['-c', 'import ast,sys; ast.parse(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1])', f] },
  go: { tool: 'gofmt', args: (f) => ['-e', '-l', f] },
  rb: { tool: 'ruby', args: (f) => ['-c', f] },
  php: { tool: 'php', args: (f) => ['-l', f] },
  sh: { tool: 'bash', args: (f) => ['-n', f] },
};

const available = new Map<string, boolean>();

function has(tool: string): boolean {
  let ok = available.get(tool);
  if (ok === undefined) {
    ok = spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
    if (!ok) console.warn(`toolchain check skipped: ${tool} is not installed`);
    available.set(tool, ok);
  }
  return ok;
}

/** Undefined when the toolchain accepts `text` (or has no checker for `ext`), else its error output. */
export function toolchainError(ext: string, text: string): string | undefined {
  const cmd = COMMANDS[ext];
  if (!cmd || !has(cmd.tool)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'cm-toolchain-'));
  const file = join(dir, `check.${ext}`);
  try {
    writeFileSync(file, text);
    execFileSync(cmd.tool, cmd.args(file), { stdio: 'pipe' });
    return undefined;
  } catch (err) {
    const e = err as { stderr?: Buffer; stdout?: Buffer; message: string };
    return `${cmd.tool}: ${(e.stderr?.toString() || e.stdout?.toString() || e.message).trim()}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
