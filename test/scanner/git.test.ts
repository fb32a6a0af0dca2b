import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitStatus } from '../../src/scanner/git.js';
import { commitAll, git, initRepo, isolateGit, removeDir, tempDir, writeTree } from './helpers.js';

beforeAll(() => isolateGit());
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

describe('gitStatus', () => {
  it('outside git: not a repo, clean', async () => {
    const dir = tempDir('status-plain');
    dirs.push(dir);
    expect(await gitStatus(dir)).toEqual({ isRepo: false, clean: true, dirtyFiles: [] });
  });

  it('a clean repo, then modified, staged, untracked, renamed and deleted files (ignored ones are not dirty)', async () => {
    const repo = tempDir('status');
    dirs.push(repo);
    writeTree(repo, { '.gitignore': '*.log\n', 'a.py': 'a', 'b.py': 'b', 'c.py': 'c', 'd.py': 'd', 'sub/e.py': 'e' });
    initRepo(repo);
    commitAll(repo);
    expect(await gitStatus(repo)).toEqual({ isRepo: true, clean: true, dirtyFiles: [] });

    writeFileSync(join(repo, 'a.py'), 'changed');
    writeFileSync(join(repo, 'b.py'), 'staged');
    git(repo, 'add', 'b.py');
    git(repo, 'mv', 'c.py', 'c2 renamed.py');
    renameSync(join(repo, 'd.py'), join(repo, 'sub/moved-out.txt'));
    writeTree(repo, { 'new.py': 'n', 'debug.log': 'ignored' });
    const status = await gitStatus(repo);
    expect(status).toEqual({
      isRepo: true,
      clean: false,
      dirtyFiles: ['a.py', 'b.py', 'c.py', 'c2 renamed.py', 'd.py', 'new.py', 'sub/moved-out.txt'],
    });
  });

  it('scoped to a subdirectory root: only changes below it, relative to it', async () => {
    const repo = tempDir('status-sub');
    dirs.push(repo);
    writeTree(repo, { 'top.py': 't', 'svc/a.py': 'a', 'svc/deep/b.py': 'b' });
    initRepo(repo);
    commitAll(repo);
    writeFileSync(join(repo, 'top.py'), 'dirty outside the root');
    expect(await gitStatus(join(repo, 'svc'))).toEqual({ isRepo: true, clean: true, dirtyFiles: [] });
    writeFileSync(join(repo, 'svc/deep/b.py'), 'dirty');
    expect(await gitStatus(join(repo, 'svc'))).toEqual({ isRepo: true, clean: false, dirtyFiles: ['deep/b.py'] });
  });

  it('lists untracked files as `git status` does: a directory holding no tracked file is one `dir/` entry', async () => {
    const repo = tempDir('status-collapse');
    dirs.push(repo);
    writeTree(repo, { '.gitignore': '*.log\n', 'kept/t.py': 't', 'mixed/tracked.py': 't', 'mixed/deep/t.py': 't' });
    initRepo(repo);
    commitAll(repo);
    writeTree(repo, {
      'fresh/a/b.py': 'untracked, nothing tracked above it',
      'mixed/new.py': 'untracked beside a tracked file',
      'mixed/deep/new/c.py': 'untracked below a tracked directory',
      'mixed/only-ignored/x.log': 'ignored only: not dirty',
      'logs/y.log': 'ignored',
      'logs/z.py': 'untracked beside an ignored file',
      'top.py': 'untracked at the top',
    });
    writeTree(repo, { 'nested/inner.py': 'a nested repository' });
    initRepo(join(repo, 'nested'));
    commitAll(join(repo, 'nested'));
    // Exactly what git itself prints with its default (collapsed) untracked listing.
    const porcelain = git(repo, 'status', '--porcelain=v1', '-z').split('\0').filter(Boolean).map((e) => e.slice(3)).sort();
    expect(porcelain).toContain('fresh/');
    expect(porcelain).toContain('nested/');
    expect((await gitStatus(repo)).dirtyFiles).toEqual(porcelain);
  });
});
