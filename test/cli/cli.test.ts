// The CLI as users and pipelines meet it: the real binary, on a copy of the sample repo.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/report/index.js';
import { REPO, cli, ensureBuilt, git, sampleRepoCopy } from '../support/cli.js';

const require = createRequire(import.meta.url);
const temps: string[] = [];
function repo(): string {
  const dir = sampleRepoCopy();
  temps.push(dir);
  return dir;
}

function snapshotTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(root, p), readFileSync(p, 'latin1'));
    }
  };
  walk(root);
  return out;
}

beforeAll(() => ensureBuilt(), 300_000);
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe('help and usage errors', () => {
  it('lists every command', () => {
    const r = cli(['--help'], { cwd: REPO });
    expect(r.code).toBe(0);
    for (const c of ['scan', 'diff', 'apply', 'lint', 'rules']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });
  it('exits 2 with a hint on an unknown option, target, rule or path', () => {
    const dir = repo();
    const cases = [
      ['scan', '--frobnicate'],
      ['scan', '--target', 'claude-opus-9'],
      ['rules', 'no-such-rule'],
      ['scan', 'does/not/exist'],
      ['apply'],
      ['diff', '--apply-suggestions', 'no-such-rule'],
    ];
    for (const args of cases) {
      const r = cli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().length, args.join(' ')).toBeGreaterThan(0);
    }
    expect(cli(['scan', '--target', 'claude-opus-9'], { cwd: dir }).stderr).toContain('claude-opus-4-8');
  });
  it('refuses the interactive flow without a terminal and names the commands to use', () => {
    const r = cli([], { cwd: repo() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/claude-migrate scan/);
    expect(r.stderr).toMatch(/apply --yes/);
  });
  it('prints a rule\'s docs', () => {
    const r = cli(['rules', 'thinking-budget'], { cwd: REPO });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/What it does/);
    expect(cli(['rules'], { cwd: REPO }).stdout.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(30);
  });
});

describe('scan', () => {
  it('never writes, and reports buckets and findings in the JSON contract of rules.md', () => {
    const dir = repo();
    const before = snapshotTree(dir);
    const r = cli(['scan', '--format', 'json', '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(snapshotTree(dir)).toEqual(before);
    const report = JSON.parse(r.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.target).toBe('auto');
    const buckets = new Set(report.files.map((f: { bucket: string }) => f.bucket));
    for (const b of ['caller', 'definer', 'variant', 'string-reference']) expect(buckets).toContain(b);
    for (const f of report.files) {
      expect(f.path).not.toMatch(/\\|^\//);
      for (const x of f.findings) {
        expect(x.line).toBeGreaterThanOrEqual(1);
        expect(x.column).toBeGreaterThanOrEqual(1);
        expect(['blocks', 'tune', 'info']).toContain(x.severity);
        if (x.rule === 'model-id' && x.fix === 'auto') expect(x.from && x.to).toBeTruthy();
      }
    }
    // Sync markers come first (guide: Step 1, "Find intentionally-flagged sync points first").
    const text = cli(['scan', '-q'], { cwd: dir }).stdout;
    expect(text.indexOf('Sync markers')).toBeLessThan(text.indexOf('caller ('));
  });
  it('writes SARIF 2.1.0 that validates against the schema', () => {
    const dir = repo();
    const r = cli(['scan', '--format', 'sarif', '-q', '--output', 'out.sarif'], { cwd: dir });
    expect(r.code).toBe(0);
    const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
    const Ajv = require('ajv-draft-04');
    const schema = JSON.parse(readFileSync(join(require.resolve('@microsoft/jest-sarif/package.json'), '..', 'lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const validate = new Ajv({ strict: false, unicodeRegExp: false, validateFormats: false, logger: false }).compile(schema);
    const ok = validate(sarif);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
    expect(ok).toBe(true);
    expect(sarif.runs[0].results.length).toBeGreaterThan(10);
    expect(sarif.runs[0].tool.driver.rules.some((x: { id: string }) => x.id === 'model-id')).toBe(true);
  });
});

describe('lint exit codes', () => {
  it('exits 1 on blocking findings whatever the format, 0 below --fail-on', () => {
    const dir = repo();
    for (const format of FORMATS) {
      const r = cli(['lint', '-q', '--format', format], { cwd: dir });
      expect(r.code, format).toBe(1);
    }
    // A clean repo (only current models) passes.
    const clean = mkdtempSync(join(tmpdir(), 'cm-clean-'));
    temps.push(clean);
    writeFileSync(join(clean, 'app.py'), 'import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-opus-4-8", max_tokens=1024, messages=[])\n');
    for (const format of FORMATS) expect(cli(['lint', '-q', '--format', format], { cwd: clean }).code, format).toBe(0);
  });
  it('honours --fail-on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cm-failon-'));
    temps.push(dir);
    // Superseded but not retired: an info finding only.
    writeFileSync(join(dir, 'app.py'), 'import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-opus-4-6", max_tokens=1024, messages=[{"role": "user", "content": "hi"}])\n');
    expect(cli(['lint', '-q'], { cwd: dir }).code).toBe(0);
    expect(cli(['lint', '-q', '--fail-on', 'info'], { cwd: dir }).code).toBe(1);
    expect(cli(['lint', '-q', '--target', 'claude-opus-4-8'], { cwd: dir }).code).toBe(1);
  });
  it('adopts a baseline: old findings pass, a new one fails', () => {
    const dir = repo();
    const base = cli(['lint', '-q', '--baseline', '.cm-baseline.json', '--update-baseline'], { cwd: dir });
    expect(base.code).toBe(0);
    expect(cli(['lint', '-q', '--baseline', '.cm-baseline.json'], { cwd: dir }).code).toBe(0);
    writeFileSync(join(dir, 'services', 'new_caller.py'), 'import anthropic\nanthropic.Anthropic().messages.create(model="claude-3-haiku-20240307", max_tokens=10, messages=[])\n');
    const r = cli(['lint', '-q', '--baseline', '.cm-baseline.json', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
  });
  it('honours inline suppressions and config severity overrides', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cm-suppress-'));
    temps.push(dir);
    const src = 'import anthropic\nclient = anthropic.Anthropic()\n# claude-migrate-ignore model-id: pinned for the eval baseline\nclient.messages.create(model="claude-3-haiku-20240307", max_tokens=10, messages=[])\n';
    writeFileSync(join(dir, 'app.py'), src);
    expect(cli(['lint', '-q'], { cwd: dir }).code).toBe(0);
    expect(cli(['apply', '--yes', '-q'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'app.py'), 'utf8')).toBe(src);
    writeFileSync(join(dir, 'app.py'), src.replace('# claude-migrate-ignore model-id: pinned for the eval baseline\n', ''));
    expect(cli(['lint', '-q'], { cwd: dir }).code).toBe(1);
    writeFileSync(join(dir, 'claude-migrate.config.json'), JSON.stringify({ rules: { 'model-id': 'off' } }));
    expect(cli(['lint', '-q'], { cwd: dir }).code).toBe(0);
  });
});

describe('diff and apply', () => {
  it('writes a patch git apply accepts, equal to what apply writes; a second apply changes nothing', () => {
    const viaPatch = repo();
    const viaApply = repo();
    const d = cli(['diff', '-q', '--patch', join(viaPatch, '..', `${relative(tmpdir(), viaPatch)}.patch`)], { cwd: viaPatch });
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/^@@ /m);
    expect(d.stdout).toMatch(/^# .*model-id/m); // the why of each hunk
    const patchFile = join(viaPatch, '..', `${relative(tmpdir(), viaPatch)}.patch`);
    temps.push(patchFile);
    git(viaPatch, 'apply', '--check', patchFile);
    git(viaPatch, 'apply', patchFile);

    const a = cli(['apply', '--yes', '-q'], { cwd: viaApply });
    expect(a.code).toBe(0);
    expect(a.stderr).toMatch(/Summary: \d+ file\(s\) changed/);
    const patched = snapshotTree(viaPatch);
    const applied = snapshotTree(viaApply);
    const strip = (m: Map<string, string>) => new Map([...m].filter(([k]) => !k.startsWith('.git/')));
    expect(strip(applied)).toEqual(strip(patched));

    git(viaApply, 'add', '-A');
    git(viaApply, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'migrated');
    const second = cli(['diff', '-q'], { cwd: viaApply });
    expect(second.stdout).not.toMatch(/^@@ /m);
  });
  it('a repeat scan reuses the plans of unchanged files; an apply after it writes what an uncached apply writes', () => {
    const dir = repo();
    const other = repo();
    const cacheDir = mkdtempSync(join(tmpdir(), 'cm-cli-cache-'));
    temps.push(cacheDir);
    const env = { CLAUDE_MIGRATE_CACHE_DIR: cacheDir };
    const scan = () => JSON.parse(cli(['scan', '-q', '--format', 'json'], { cwd: dir, env }).stdout);
    const comparable = (run: { stats: object }) => ({ ...run, stats: { ...run.stats, durationMs: 0, fromCache: 0 } });
    const first = scan();
    const second = scan();
    expect(first.stats.fromCache).toBe(0);
    expect(second.stats.fromCache).toBe(second.stats.candidates);
    expect(comparable(second)).toEqual(comparable(first));
    expect(cli(['scan', '-q'], { cwd: dir, env }).stdout).toMatch(/candidate\(s\) \(\d+ unchanged since the last run, plans reused\)/);
    expect(JSON.parse(cli(['scan', '-q', '--format', 'json', '--no-cache'], { cwd: dir, env }).stdout).stats.fromCache).toBe(0);

    expect(cli(['apply', '--yes', '-q'], { cwd: dir, env }).code).toBe(0);
    expect(cli(['apply', '--yes', '-q', '--no-cache'], { cwd: other, env }).code).toBe(0);
    const strip = (m: Map<string, string>) => new Map([...m].filter(([k]) => !k.startsWith('.git/')));
    expect(strip(snapshotTree(dir))).toEqual(strip(snapshotTree(other)));
    // The written files are planned again (their bytes changed): nothing left to do.
    const after = cli(['diff', '-q', '--format', 'json'], { cwd: dir, env });
    expect(after.code).toBe(0);
    const rerun = JSON.parse(after.stdout);
    expect(rerun.stats.fromCache).toBeLessThan(rerun.stats.candidates);
    expect(rerun.files.filter((f: { changed: boolean }) => f.changed)).toEqual([]);
    expect(first.files.filter((f: { changed: boolean }) => f.changed).length).toBeGreaterThan(2);
  });
  it('refuses a dirty git tree unless --allow-dirty', () => {
    const dir = repo();
    appendFileSync(join(dir, 'README.md'), '\nlocal edit\n');
    const r = cli(['apply', '--yes', '-q'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/uncommitted/);
    expect(git(dir, 'status', '--porcelain').trim()).toBe('M README.md');
    expect(cli(['apply', '--yes', '-q', '--allow-dirty'], { cwd: dir }).code).toBe(0);
    expect(git(dir, 'status', '--porcelain').split('\n').filter(Boolean).length).toBeGreaterThan(1);
  });
  it('scopes to the paths given and applies suggestions only when asked', () => {
    const dir = repo();
    const before = snapshotTree(dir);
    expect(cli(['apply', '--yes', '-q', 'go'], { cwd: dir }).code).toBe(0);
    const after = snapshotTree(dir);
    const changed = [...after.keys()].filter((k) => after.get(k) !== before.get(k) && !k.startsWith('.git/'));
    expect(changed).toEqual(['go/summarizer/summarize.go']);
    const py = join(dir, 'services/extractor/extract.py');
    const withSuggestions = repo();
    cli(['apply', '--yes', '-q', 'services'], { cwd: dir });
    cli(['apply', '--yes', '-q', '--apply-suggestions', 'prompt-aggressive-language', 'services'], { cwd: withSuggestions });
    expect(readFileSync(py, 'utf8')).toContain('CRITICAL: You MUST use');
    expect(readFileSync(join(withSuggestions, 'services/extractor/extract.py'), 'utf8')).not.toContain('CRITICAL: You MUST use');
    // `all`, as the help says, is every rule's suggestions.
    const withAll = repo();
    expect(cli(['apply', '--yes', '-q', '--apply-suggestions', 'all', 'services'], { cwd: withAll }).code).toBe(0);
    expect(readFileSync(join(withAll, 'services/extractor/extract.py'), 'utf8')).not.toContain('CRITICAL: You MUST use');
  });
});

describe('packaging', () => {
  it('packs and installs offline from the npm cache with no install scripts, and the installed bins run', () => {
    const work = mkdtempSync(join(tmpdir(), 'cm-pack-'));
    temps.push(work);
    const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: REPO, encoding: 'utf8' }).trim().split('\n').pop()!;
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    expect(pkg.scripts?.postinstall ?? pkg.scripts?.install ?? pkg.scripts?.preinstall).toBeUndefined();
    const project = join(work, 'project');
    cpSync(join(REPO, 'fixtures/sample-repo'), project, { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    try {
      execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--omit=optional', join(work, tgz)], { cwd: project, stdio: 'pipe', timeout: 180_000 });
    } catch (err) {
      const msg = String((err as { stderr?: Buffer }).stderr ?? err);
      // The npm cache of a fresh machine is filled by `npm ci`; without it there is nothing to prove offline.
      if (/ENOTCACHED/.test(msg)) return console.warn('skipped: the npm cache lacks a dependency (run npm ci first)');
      throw err;
    }
    for (const bin of ['claude-migrate', 'migrate']) {
      const out = execFileSync(join(project, 'node_modules/.bin', bin), ['scan', '-q', '--format', 'json'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(JSON.parse(out).files.length).toBeGreaterThan(5);
    }
  }, 240_000);
});
