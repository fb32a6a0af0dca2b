// Scope (issue 7): the real CLI writes only inside the chosen paths, never touches .git/ or anything outside
// the root, runs with the network unavailable without trying to connect, and never executes repository code.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, buildCli, changedPaths, git, removeTree, runCli, tempDir, treeDigest, writeTree } from './helpers.js';

const TODAY = '2026-11-22';
const OLD = 'claude-3-opus-20240229';
const NEW = 'claude-opus-4-8';
const PY_CALL = `import anthropic\n\nclient = anthropic.Anthropic()\nclient.messages.create(model="${OLD}", max_tokens=100, messages=[{"role": "user", "content": "hi"}])\n`;

let bin: string;
let base: string;
let markers: string;

/** Code that, if anything ever ran it, leaves a file in `markers`. */
function sideEffects(tag: string): Record<string, string> {
  const mark = join(markers, tag);
  return {
    'package.json': JSON.stringify({ name: 'victim', version: '1.0.0', scripts: { preinstall: `touch ${mark}-preinstall`, postinstall: `touch ${mark}-postinstall`, prepare: `touch ${mark}-prepare`, test: `touch ${mark}-test` } }, null, 2),
    'chosen/evil.py': `import anthropic, pathlib\npathlib.Path("${mark}-python-import").touch()\nclient = anthropic.Anthropic()\nclient.messages.create(model="${OLD}", max_tokens=10, messages=[])\n`,
    'chosen/conftest.py': `import pathlib\npathlib.Path("${mark}-conftest").touch()\nMODEL = "${OLD}"\n`,
    'setup.py': `import pathlib\npathlib.Path("${mark}-setup-py").touch()\nMODEL = "${OLD}"\n`,
    'chosen/evil.ts': `import Anthropic from "@anthropic-ai/sdk";\nimport { writeFileSync } from "node:fs";\nwriteFileSync("${mark}-ts", "");\nconst c = new Anthropic();\nawait c.messages.create({ model: "${OLD}", max_tokens: 10, messages: [] });\n`,
    'chosen/run.sh': `#!/bin/sh\ntouch ${mark}-shell\ncurl https://api.anthropic.com/v1/messages -d '{"model": "${OLD}", "max_tokens": 10}'\n`,
    'Makefile': `all:\n\ttouch ${mark}-make\n`,
  };
}

/** A committed git repository with hooks and an fsmonitor command that would leave markers if git ran them. */
function makeRepo(tag: string): { root: string; outside: string } {
  const root = tempDir(`scope-${tag}`);
  const outside = tempDir(`scope-outside-${tag}`);
  writeTree(root, {
    ...sideEffects(tag),
    'chosen/a.py': PY_CALL,
    'chosen/sub/b.ts': `import Anthropic from "@anthropic-ai/sdk";\nconst model = "${OLD}";\n`,
    'other/c.py': PY_CALL,
    'top.py': PY_CALL,
  });
  writeTree(outside, { 'shared.py': PY_CALL, 'dir/inner.py': PY_CALL });
  symlinkSync(join(outside, 'shared.py'), join(root, 'chosen/link-out.py'));
  symlinkSync(join(outside, 'dir'), join(root, 'chosen/link-out-dir'));
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'init');
  // Repository-controlled commands git would run: an fsmonitor hook (run by status/ls-files when configured)
  // and hooks for every event.
  git(root, 'config', 'core.fsmonitor', join(root, '.git/hooks/fsmonitor-mark'));
  for (const hook of ['fsmonitor-mark', 'post-index-change', 'pre-commit', 'post-checkout', 'reference-transaction', 'pre-auto-gc']) {
    writeFileSync(join(root, '.git/hooks', hook), `#!/bin/sh\ntouch ${join(markers, tag)}-git-${hook}\n`);
    chmodSync(join(root, '.git/hooks', hook), 0o755);
  }
  return { root, outside };
}

beforeAll(async () => {
  base = tempDir('scope-base');
  markers = join(base, 'markers');
  mkdirSync(markers);
  bin = await buildCli();
}, 300_000);

afterAll(() => removeTree(base));

function markersLeft(): string[] {
  const out = spawnSync('ls', ['-A', markers], { encoding: 'utf8' }).stdout.trim();
  return out ? out.split('\n') : [];
}

describe('scope', () => {
  let root: string;
  let outside: string;
  const cleanup: string[] = [];
  afterAll(() => cleanup.forEach(removeTree));

  it('writes only inside the chosen paths; .git/, siblings and symlink targets outside the root are untouched', async () => {
    ({ root, outside } = makeRepo('paths'));
    cleanup.push(root, outside);
    const before = treeDigest(root);
    const outsideBefore = treeDigest(outside);
    const res = await runCli([process.execPath, bin, 'apply', '--yes', '--allow-dirty', '--today', TODAY, '--no-color', '--root', root, join(root, 'chosen')], { cwd: root, env: { ...process.env, CI: '1' } });
    expect(res.code, res.stderr).toBe(0);
    const changed = changedPaths(before, treeDigest(root));
    expect(changed.length).toBeGreaterThan(0);
    for (const p of changed) expect(p.startsWith('chosen/'), `${p} changed outside the chosen path`).toBe(true);
    expect(changed.filter((p) => p.startsWith('.git'))).toEqual([]);
    expect(changed).toEqual(expect.arrayContaining(['chosen/a.py', 'chosen/sub/b.ts']));
    expect(changedPaths(outsideBefore, treeDigest(outside))).toEqual([]);
    expect(readFileSync(join(root, 'chosen/a.py'), 'utf8')).toContain(NEW);
    expect(readFileSync(join(root, 'other/c.py'), 'utf8')).toContain(OLD);
    expect(res.stdout + res.stderr).toMatch(/link-out\.py: symlink-outside-root/);
    expect(markersLeft()).toEqual([]);
  }, 120_000);

  it('never executes repository code (install scripts, imports, hooks, fsmonitor) on scan, diff or apply', async () => {
    const repo = makeRepo('exec');
    cleanup.push(repo.root, repo.outside);
    for (const cmd of [['scan'], ['diff'], ['lint'], ['apply', '--yes', '--allow-dirty']]) {
      const res = await runCli([process.execPath, bin, ...cmd, '--today', TODAY, '--no-color', repo.root], { cwd: repo.root, env: { ...process.env, CI: '1' } });
      expect(res.code === 0 || (cmd[0] === 'lint' && res.code === 1), `${cmd[0]}: ${res.stderr}`).toBe(true);
      expect(markersLeft(), cmd[0]).toEqual([]);
    }
    // Sanity check that the markers work: git itself runs the fsmonitor hook on `git status` here.
    spawnSync('git', ['status'], { cwd: repo.root, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
    expect(markersLeft()).toContain('exec-git-fsmonitor-mark');
  }, 180_000);
});

describe('network', () => {
  const cleanup: string[] = [];
  afterAll(() => cleanup.forEach(removeTree));

  it('apply succeeds with every network API made to throw, and attempts none', async () => {
    const repo = makeRepo('net-preload');
    cleanup.push(repo.root, repo.outside);
    const log = join(base, 'network-attempts.log');
    writeFileSync(log, '');
    const res = await runCli([process.execPath, '--import', join(REPO, 'test/reliability/support/no-network.mjs'), bin, 'apply', '--yes', '--allow-dirty', '--today', TODAY, '--no-color', repo.root], {
      cwd: repo.root,
      env: { ...process.env, CI: '1', NO_NETWORK_LOG: log },
    });
    expect(res.code, res.stderr).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe('');
    expect(readFileSync(join(repo.root, 'chosen/a.py'), 'utf8')).toContain(NEW);
  }, 120_000);

  const canUnshare = spawnSync('unshare', ['-rn', 'true']).status === 0;
  it.skipIf(!canUnshare)('apply succeeds in a network namespace with no interfaces up (unshare -rn)', async () => {
    const repo = makeRepo('net-unshare');
    cleanup.push(repo.root, repo.outside);
    const res = await runCli(['unshare', '-rn', process.execPath, bin, 'apply', '--yes', '--allow-dirty', '--today', TODAY, '--no-color', repo.root], { cwd: repo.root, env: { ...process.env, CI: '1' } });
    expect(res.code, res.stderr).toBe(0);
    expect(readFileSync(join(repo.root, 'chosen/a.py'), 'utf8')).toContain(NEW);
    expect(existsSync(join(repo.root, '.git/index'))).toBe(true);
  }, 120_000);
});
