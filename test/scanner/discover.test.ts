import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverFiles, ScopeError } from '../../src/scanner/discover.js';
import { commitAll, git, initRepo, isolateGit, removeDir, tempDir, writeTree } from './helpers.js';

beforeAll(() => isolateGit());

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
function fresh(label: string): string {
  const dir = tempDir(label);
  dirs.push(dir);
  return dir;
}

/** A tree exercising gitignore semantics: nested files, negation, anchoring, directory-only patterns. */
const IGNORE_TREE: Record<string, string> = {
  '.gitignore': ['# comment', '*.log', '/rooted.txt', 'cache/', 'logs/', '!logs/important.txt', '*.pyc', 'docs/**/*.tmp', '\\#hash.txt', 'trailing.txt   '].join('\n') + '\n',
  'app.py': 'print(1)\n',
  'rooted.txt': 'ignored at the top only\n',
  'sub/rooted.txt': 'kept: /rooted.txt is anchored\n',
  'debug.log': 'x',
  'pkg/.gitignore': 'secret.py\n!keep.log\nlocal/only.py\n',
  'pkg/keep.log': 're-included by the nested file',
  'pkg/other.log': 'still ignored',
  'pkg/secret.py': 'ignored by pkg/.gitignore',
  'pkg/deeper/secret.py': 'also ignored (no slash: any depth)',
  'pkg/local/only.py': 'ignored: slash pattern relative to pkg/',
  'pkg/local/other.py': 'kept',
  'pkg/mod.py': 'kept',
  'a/cache/x.py': 'ignored: cache/ at any depth',
  'cache/y.py': 'ignored',
  'logs/important.txt': 'stays ignored: its directory is excluded',
  'mod.pyc': 'ignored',
  'docs/a/b/note.tmp': 'ignored',
  'docs/a/b/note.md': 'kept',
  '#hash.txt': 'ignored (escaped #)',
  'trailing.txt': 'ignored (trailing spaces trimmed)',
  'src/index.ts': 'export {}\n',
  'src/ünïcödé.ts': 'export {}\n',
  'src/with space.js': '1\n',
};

const EXPECTED_IGNORE_TREE = [
  '.gitignore',
  'app.py',
  'docs/a/b/note.md',
  'pkg/.gitignore',
  'pkg/keep.log',
  'pkg/local/other.py',
  'pkg/mod.py',
  'src/index.ts',
  'src/with space.js',
  'src/ünïcödé.ts',
  'sub/rooted.txt',
];

describe('discoverFiles: gitignore semantics', () => {
  it('inside git lists tracked and untracked-but-not-ignored files, honouring nested .gitignore files', async () => {
    const root = fresh('git');
    writeTree(root, IGNORE_TREE);
    initRepo(root);
    git(root, 'add', 'app.py', '.gitignore', 'pkg/.gitignore');
    git(root, 'commit', '-q', '-m', 'part');
    const result = await discoverFiles({ root });
    expect(result.isGitRepo).toBe(true);
    expect(result.files).toEqual(EXPECTED_IGNORE_TREE);
    expect(result.skipped).toEqual([]);
  });

  it('outside git the fdir + ignore walk gives exactly the list git gives', async () => {
    const plain = fresh('plain');
    writeTree(plain, IGNORE_TREE);
    const walked = await discoverFiles({ root: plain });
    expect(walked.isGitRepo).toBe(false);
    expect(walked.files).toEqual(EXPECTED_IGNORE_TREE);

    // The same tree under git, nothing committed: all untracked.
    const repo = fresh('plain-as-git');
    cpSync(plain, repo, { recursive: true });
    initRepo(repo);
    const listed = await discoverFiles({ root: repo });
    expect(listed.isGitRepo).toBe(true);
    expect(walked.files).toEqual(listed.files);
  });

  it('drops files git still lists but that were deleted from disk', async () => {
    const root = fresh('deleted');
    writeTree(root, { 'a.py': 'a', 'b.py': 'b' });
    initRepo(root);
    commitAll(root);
    unlinkSync(join(root, 'b.py'));
    expect((await discoverFiles({ root })).files).toEqual(['a.py']);
  });

  it('scans a root that is a subdirectory of the repository, with the top-level .gitignore applied', async () => {
    const repo = fresh('subroot');
    writeTree(repo, { '.gitignore': '*.gen.py\n', 'top.py': '', 'svc/api/a.py': '', 'svc/api/b.gen.py': '', 'svc/api/inner/c.py': '', 'svc/other.py': '' });
    initRepo(repo);
    commitAll(repo);
    const result = await discoverFiles({ root: join(repo, 'svc/api') });
    expect(result.isGitRepo).toBe(true);
    expect(result.files).toEqual(['a.py', 'inner/c.py']);
  });

  it('walks a root that the enclosing repository ignores (git would list nothing there)', async () => {
    const repo = fresh('ignored-root');
    writeTree(repo, { '.gitignore': 'scratch/\n', 'scratch/.gitignore': '*.tmp\n', 'scratch/try.py': '', 'scratch/x.tmp': '' });
    initRepo(repo);
    const result = await discoverFiles({ root: join(repo, 'scratch') });
    expect(result.isGitRepo).toBe(false);
    expect(result.files).toEqual(['.gitignore', 'try.py']);
  });

  it('does not descend into submodule-like nested repositories (listed by git as directories)', async () => {
    const repo = fresh('nested');
    writeTree(repo, { 'a.py': '', 'inner/b.py': '' });
    initRepo(join(repo, 'inner'));
    initRepo(repo);
    expect((await discoverFiles({ root: repo })).files).toEqual(['a.py']);
  });
});

describe('discoverFiles: default excludes and globs', () => {
  const TREE = {
    'src/app.ts': '',
    'src/app.test.ts': '',
    'src/vendor/lib.js': '',
    'node_modules/pkg/index.js': '',
    'web/node_modules/pkg/index.js': '',
    'vendor/github.com/x/y.go': '',
    'dist/out.js': '',
    'build/gen.py': '',
    'static/app.min.js': '',
    'package-lock.json': '{}',
    'Gemfile.lock': '',
    '.venv/lib/site.py': '',
    'legacy/old.py': '',
    'legacy/deep/older.py': '',
    'py/main.py': '',
  };

  for (const withGit of [false, true]) {
    it(`skips dependency and build directories and minified bundles, keeps lockfiles (${withGit ? 'git' : 'walk'})`, async () => {
      const root = fresh('defaults');
      writeTree(root, TREE);
      if (withGit) initRepo(root);
      const result = await discoverFiles({ root });
      expect(result.files).toEqual(['Gemfile.lock', 'legacy/deep/older.py', 'legacy/old.py', 'package-lock.json', 'py/main.py', 'src/app.test.ts', 'src/app.ts']);
      const all = await discoverFiles({ root, defaultExcludes: false });
      expect(all.files).toEqual(Object.keys(TREE).sort());
    });
  }

  it('applies --include and --exclude globs (basename globs at any depth, directory names exclude their contents)', async () => {
    const root = fresh('globs');
    writeTree(root, TREE);
    expect((await discoverFiles({ root, include: ['*.py'] })).files).toEqual(['legacy/deep/older.py', 'legacy/old.py', 'py/main.py']);
    expect((await discoverFiles({ root, include: ['*.py'], exclude: ['legacy'] })).files).toEqual(['py/main.py']);
    expect((await discoverFiles({ root, include: ['src/**'], exclude: ['*.test.ts'] })).files).toEqual(['src/app.ts']);
    expect((await discoverFiles({ root, exclude: ['legacy/', '**/*.json', 'src/*.ts'] })).files).toEqual(['Gemfile.lock', 'py/main.py']);
  });

  it('does not apply a default exclude to a directory the user named', async () => {
    const root = fresh('named-vendor');
    writeTree(root, TREE);
    initRepo(root);
    expect((await discoverFiles({ root, paths: ['vendor'] })).files).toEqual(['vendor/github.com/x/y.go']);
    // Below the named directory the defaults still apply.
    writeTree(root, { 'vendor/node_modules/z.js': '' });
    expect((await discoverFiles({ root, paths: ['vendor'] })).files).toEqual(['vendor/github.com/x/y.go']);
  });
});

describe('discoverFiles: scope paths', () => {
  it('limits the listing to the given files and directories and always lists a named file, even an ignored one', async () => {
    const root = fresh('scope');
    writeTree(root, { '.gitignore': 'gen.py\n', 'a/x.py': '', 'a/y.py': '', 'b/z.py': '', 'c.py': '', 'gen.py': '' });
    for (const withGit of [false, true]) {
      if (withGit) initRepo(root);
      const result = await discoverFiles({ root, paths: ['a', './c.py', 'gen.py', join(root, 'a/x.py')] });
      expect(result.files).toEqual(['a/x.py', 'a/y.py', 'c.py', 'gen.py']);
      expect((await discoverFiles({ root, paths: ['.'] })).files).toEqual(['.gitignore', 'a/x.py', 'a/y.py', 'b/z.py', 'c.py']);
    }
  });

  it('rejects paths outside the root and paths that do not exist with a ScopeError', async () => {
    const root = fresh('scope-err');
    writeTree(root, { 'in/a.py': '' });
    await expect(discoverFiles({ root: join(root, 'in'), paths: ['../in/a.py'] })).resolves.toMatchObject({ files: ['a.py'] });
    await expect(discoverFiles({ root: join(root, 'in'), paths: ['..'] })).rejects.toBeInstanceOf(ScopeError);
    await expect(discoverFiles({ root: join(root, 'in'), paths: ['/etc'] })).rejects.toThrow(/outside the root/);
    await expect(discoverFiles({ root, paths: ['nope.py'] })).rejects.toThrow(/not found/);
    await expect(discoverFiles({ root: join(root, 'missing') })).rejects.toBeInstanceOf(ScopeError);
    const err = await discoverFiles({ root, paths: ['../'] }).catch((e: ScopeError) => e);
    expect(err).toBeInstanceOf(ScopeError);
    expect((err as ScopeError).hint).toMatch(/--root/);
  });

  it('treats a named directory that is a symlink out of the root as a scope error', async () => {
    const root = fresh('scope-link');
    const outside = fresh('scope-link-target');
    writeTree(outside, { 'x.py': '' });
    symlinkSync(outside, join(root, 'linked'));
    await expect(discoverFiles({ root, paths: ['linked'] })).rejects.toThrow(/outside the root/);
  });
});

describe('discoverFiles: symlinks and special files', () => {
  for (const withGit of [false, true]) {
    it(`reports links leaving the root and dangling links as skipped, never follows links (${withGit ? 'git' : 'walk'})`, async () => {
      const root = fresh('links');
      const outside = fresh('links-outside');
      writeTree(outside, { 'secret.py': 'anthropic', 'dir/inner.py': '' });
      writeTree(root, { 'real.py': '', 'dir/a.py': '' });
      symlinkSync(join(outside, 'secret.py'), join(root, 'out.py'));
      symlinkSync(join(outside, 'dir'), join(root, 'outdir'));
      symlinkSync('real.py', join(root, 'alias.py'));
      symlinkSync('dir', join(root, 'dir-alias'));
      symlinkSync('missing.py', join(root, 'dangling.py'));
      if (withGit) initRepo(root);
      const result = await discoverFiles({ root });
      expect(result.files).toEqual(['dir/a.py', 'real.py']);
      expect(result.skipped.map((s) => [s.path, s.reason])).toEqual([
        ['dangling.py', 'unreadable'],
        ['out.py', 'symlink-outside-root'],
        ['outdir', 'symlink-outside-root'],
      ]);
      expect(result.skipped[1].detail).toContain(outside);
    });
  }

  it('notices a committed file replaced on disk by a link out of the root (not staged)', async () => {
    const root = fresh('typechange');
    const outside = fresh('typechange-outside');
    writeTree(outside, { 'secret.py': 'anthropic' });
    writeTree(root, { 'a.py': 'a', 'b.py': 'b' });
    initRepo(root);
    commitAll(root);
    unlinkSync(join(root, 'b.py'));
    symlinkSync(join(outside, 'secret.py'), join(root, 'b.py'));
    const result = await discoverFiles({ root });
    expect(result.files).toEqual(['a.py']);
    expect(result.skipped.map((s) => [s.path, s.reason])).toEqual([['b.py', 'symlink-outside-root']]);
    // The walk sees the same.
    expect(await discoverFiles({ root, git: false })).toMatchObject({ files: ['a.py'], isGitRepo: false, skipped: [{ path: 'b.py', reason: 'symlink-outside-root' }] });
  });

  it('skips a named FIFO as unreadable instead of blocking on it', async () => {
    const root = fresh('fifo');
    writeTree(root, { 'a.py': '' });
    execFileSync('mkfifo', [join(root, 'pipe.py')]);
    // Walks never list FIFOs; naming one gets a reason.
    expect((await discoverFiles({ root })).files).toEqual(['a.py']);
    const named = await discoverFiles({ root, paths: ['pipe.py'] });
    expect(named.files).toEqual([]);
    expect(named.skipped).toEqual([{ path: 'pipe.py', reason: 'unreadable', detail: 'not a regular file (named pipe)' }]);
  });

  it('lists nothing but returns normally for an empty directory', async () => {
    const root = fresh('empty');
    mkdirSync(join(root, 'e'));
    expect(await discoverFiles({ root })).toEqual({ files: [], isGitRepo: false, skipped: [], objectIds: new Map() });
    rmSync(join(root, 'e'), { recursive: true });
  });
});
