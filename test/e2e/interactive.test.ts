// The interactive migration end to end: the built binary in a real 80x24 terminal (tmux), driven by
// key presses, on a clean git copy of the sample repo. Pick services/, accept every edit of one file,
// skip the rest, decline the prompt edit; then check the bytes on disk.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { plan } from '../../src/engine/plan.js';

const REPO = join(import.meta.dirname, '..', '..');
const SAMPLE = join(REPO, 'fixtures', 'sample-repo');
const BIN = join(REPO, 'dist', 'src', 'cli', 'bin.js');
const TODAY = '2026-01-15';
const EXTRACT = 'services/extractor/extract.py';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('test/e2e/interactive.test.ts: tmux is not installed; the interactive end-to-end test is skipped.');

const socket = `claude-migrate-e2e-${process.pid}`;
const session = 'migrate';
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', session);

async function waitFor(expected: string | RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = screen();
    if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${String(expected)}; the screen shows:\n${last}`);
}

/** Send one key and wait for the screen to react (tmux key names: Enter, j, F…). */
async function press(key: string, expected: string | RegExp): Promise<string> {
  tmux('send-keys', '-t', session, key);
  return waitFor(expected);
}

/** Send one key and wait until the screen changes (or a short while passes: the cursor may be at the end). */
async function pressAndSettle(key: string, before: string): Promise<string> {
  tmux('send-keys', '-t', session, key);
  const deadline = Date.now() + 3_000;
  let now = screen();
  while (now === before && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    now = screen();
  }
  return now;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === '.git') return [];
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

let work: string;
let out: string;

describe.skipIf(!hasTmux)('interactive migration in a terminal', () => {
  beforeAll(() => {
    // The binary under test is the built one: rebuild when any source is newer than it.
    const sources = Math.max(newestMtime(join(REPO, 'src')), newestMtime(join(REPO, 'transforms')));
    if (!existsSync(BIN) || !existsSync(join(REPO, 'dist', 'src', 'cli', 'interactive.js')) || statSync(join(REPO, 'dist', 'src', 'cli', 'interactive.js')).mtimeMs < sources) {
      const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: REPO, encoding: 'utf8' });
      // Type errors elsewhere still emit JavaScript; what matters is a fresh interactive.js.
      if (!existsSync(join(REPO, 'dist', 'src', 'cli', 'interactive.js'))) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
    }

    work = mkdtempSync(join(tmpdir(), 'claude-migrate-e2e-'));
    out = mkdtempSync(join(tmpdir(), 'claude-migrate-e2e-out-'));
    cpSync(SAMPLE, work, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: work, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'sample');

    // CI would make the CLI refuse the interactive flow: the terminal here is real.
    const command = `cd '${work}' && env -u CI NO_COLOR=1 node '${BIN}' --today ${TODAY} --report '${join(out, 'report.md')}'; echo "EXIT=$?"; sleep 600`;
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', command);
  });

  afterAll(() => {
    if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
    if (work) rmSync(work, { recursive: true, force: true });
    if (out) rmSync(out, { recursive: true, force: true });
  });

  test('pick a subdirectory, accept one file, decline the prompt edit: exactly that is written', async () => {
    // Scope: a subdirectory, moved to with j until the cursor is on services.
    await waitFor('What should I migrate?');
    // NO_COLOR: the pane holds no colour attributes (-e keeps them in the capture).
    expect(tmux('capture-pane', '-p', '-e', '-t', session)).not.toMatch(/\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;)/);
    let frame = await press('2', 'Pick a subdirectory:');
    for (let i = 0; i < 40 && !/› services\s/.test(frame); i++) frame = await pressAndSettle('j', frame);
    expect(frame).toMatch(/› services\s+3/);

    // Review: the first file is the caller; accept all of it, skip the variant file, leave the registry undecided.
    frame = await press('Enter', 'review planned edits');
    expect(frame).toContain(EXTRACT);
    await press('F', `in ${EXTRACT}.`);
    await press('G', 'services/extractor/features.py:');
    await press('S', 'in services/extractor/features.py.');
    await press('Enter', 'will be skipped. Press enter again');

    // Prompt edits: decline the only one.
    frame = await press('Enter', 'prompt edits (optional tuning');
    expect(frame).toContain('CRITICAL: You MUST use');
    await press('s', '1 declined');
    frame = await press('Enter', 'claude-migrate · summary');
    expect(frame).toContain('Wrote 1 file');
    expect(frame).toContain(EXTRACT);
    await press('q', 'EXIT=0');

    // The accepted file is exactly the plan with every one of its edits but the prompt edit.
    const expected = await plan({
      root: SAMPLE,
      paths: [EXTRACT],
      target: 'auto',
      today: TODAY,
      decide: (_key, finding) => (finding.rule === 'prompt-aggressive-language' ? 'skip' : 'apply'),
    });
    const planned = expected.files.find((f) => f.path === EXTRACT)!.planned!;
    const written = readFileSync(join(work, EXTRACT), 'utf8');
    expect(written).toBe(planned);
    expect(written).toContain('"claude-sonnet-4-6")');
    expect(written).not.toContain('top_p');
    // The declined prompt text is unchanged.
    expect(written).toContain('"You extract fields from support tickets. CRITICAL: You MUST use the lookup_customer tool "');

    // Every other file, inside services/ and out, is byte-for-byte the original.
    for (const abs of filesUnder(SAMPLE)) {
      const rel = relative(SAMPLE, abs);
      if (rel === EXTRACT) continue;
      expect(readFileSync(join(work, rel)).equals(readFileSync(abs)), rel).toBe(true);
    }
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: work, encoding: 'utf8' }).trim()).toBe(`M ${EXTRACT}`);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('## Claude model migration');
  });
});
