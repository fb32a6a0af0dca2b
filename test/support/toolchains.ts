// Real toolchain checks for rewritten fixtures, where the machine has them (CI installs them from
// Debian's apt: python3, gofmt, ruby, php, bash). A missing tool is reported once and skipped.
// JavaScript outputs go through `node --check`; TypeScript outputs through one `tsc` program over
// every TypeScript fixture output (see typeScriptError).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listFixtureCases } from './fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');

const COMMANDS: Record<string, { tool: string; args: (file: string) => string[] }> = {
  py: { tool: 'python3', args: (f) => ['-c', 'import ast,sys; ast.parse(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1])', f] },
  go: { tool: 'gofmt', args: (f) => ['-e', '-l', f] },
  rb: { tool: 'ruby', args: (f) => ['-c', f] },
  php: { tool: 'php', args: (f) => ['-l', f] },
  sh: { tool: 'bash', args: (f) => ['-n', f] },
  js: { tool: 'node', args: (f) => ['--check', f] },
  mjs: { tool: 'node', args: (f) => ['--check', f] },
  cjs: { tool: 'node', args: (f) => ['--check', f] },
};

const TS_EXTENSIONS = new Set(['ts', 'tsx', 'mts', 'cts']);

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
  if (TS_EXTENSIONS.has(ext)) return typeScriptError(ext, text);
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

// ---- TypeScript: type-checked against the real @anthropic-ai/sdk types (node_modules) ----

/**
 * Compiler options for fixture outputs: loose (strict off: fixtures are snippets of real apps, not
 * strict-mode code) but real module resolution, so a wrong key, a wrong enum value or a removed SDK
 * parameter is an error. The platform SDKs (@anthropic-ai/bedrock-sdk, vertex-sdk) are not installed:
 * fixtures/typescript/_tsc/platform-sdks.d.ts declares their clients over the real SDK's resources.
 */
const TSC_OPTIONS = {
  target: 'ES2022',
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  lib: ['ES2022', 'DOM'],
  types: ['node'],
  jsx: 'react-jsx',
  strict: false,
  noEmit: true,
  skipLibCheck: true,
  pretty: false,
};
const PLATFORM_SHIMS = join(ROOT, 'fixtures', 'typescript', '_tsc', 'platform-sdks.d.ts');

/** Expected TS output text -> its diagnostics ('' when clean), from one tsc run over all fixture outputs. */
let batch: Map<string, string> | undefined;

function typeScriptError(ext: string, text: string): string | undefined {
  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
  if (!existsSync(tsc)) {
    if (!available.has('tsc')) console.warn('toolchain check skipped: tsc is not installed');
    available.set('tsc', false);
    return undefined;
  }
  batch ??= checkAll(tsc, fixtureOutputs());
  // A text that is not a fixture output (an output that differs from the expected file) gets its own run.
  const diagnostics = batch.get(text) ?? checkAll(tsc, [{ name: `check.${ext}`, text }]).get(text) ?? '';
  return diagnostics ? `tsc: ${diagnostics}` : undefined;
}

function fixtureOutputs(): { name: string; text: string }[] {
  const files: { name: string; text: string }[] = [];
  for (const c of listFixtureCases()) {
    if (!TS_EXTENSIONS.has(c.ext)) continue;
    for (const [kind, text] of [['output', c.output], ['suggest', c.suggest]] as const) {
      if (text !== undefined) files.push({ name: `${c.lang}__${c.rule}__${c.name}.${kind}.${c.ext}`, text });
    }
  }
  return files;
}

/**
 * A fixture is one file of a project: its imports of the project's own modules (`'../src/models'`)
 * cannot resolve, and what they import is typed `any`. Only those diagnostics are dropped.
 */
function isOwnModuleImport(source: string, line: number, column: number, message: string): boolean {
  if (!/^TS(2307|2834|2835):/.test(message)) return false;
  const lineStart = source.split('\n').slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  return /^['"]\.\.?\//.test(source.slice(lineStart + column - 1));
}

/** One tsc program over `files`; diagnostics grouped per file and keyed by the file's text. */
function checkAll(tsc: string, files: { name: string; text: string }[]): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'cm-tsc-'));
  try {
    // Module resolution walks up from the files: node_modules is linked in so the real SDK resolves.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    // ESM package: NodeNext then allows top-level await and `import` in .ts files.
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    for (const f of files) writeFileSync(join(dir, f.name), f.text);
    const names = files.map((f) => f.name);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: TSC_OPTIONS, files: [...names, PLATFORM_SHIMS] }));
    const r = spawnSync(tsc, ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', cwd: dir });
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    const perFile = new Map<string, string[]>();
    const global: string[] = [];
    // `file.ts(3,7): error TS2322: …` then indented continuation lines.
    let current: string[] | undefined;
    let seen = 0;
    for (const line of out.split('\n')) {
      if (!line.trim()) continue;
      const m = /^(.+?)\((\d+),(\d+)\): (error|warning) (TS\d+: .*)$/.exec(line);
      if (m) {
        const name = m[1].replace(/^.*[\\/]/, '');
        const source = files.find((f) => f.name === name)?.text;
        seen++;
        if (source !== undefined && isOwnModuleImport(source, Number(m[2]), Number(m[3]), m[5])) {
          current = undefined;
          continue;
        }
        current = perFile.get(name) ?? [];
        perFile.set(name, current);
        current.push(`${m[2]}:${m[3]} ${m[5]}`);
      } else if (current && /^\s/.test(line)) {
        current.push(line);
      } else {
        global.push(line);
        current = undefined;
      }
    }
    if (r.status !== 0 && seen === 0 && global.length === 0) global.push(`tsc exited with ${r.status}${r.error ? `: ${r.error.message}` : ''}`);
    const result = new Map<string, string>();
    for (const f of files) {
      const own = [...global, ...(perFile.get(f.name) ?? [])].join('\n');
      // Identical texts share an entry: keep any diagnostics found.
      result.set(f.text, result.get(f.text) || own);
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
