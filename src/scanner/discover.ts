// Which files are in scope. Inside a git work tree git itself answers (`git ls-files`: exactly what
// .gitignore, .git/info/exclude and core.excludesFile say); elsewhere fdir walks the tree and `ignore`
// applies every nested .gitignore the way git would. Then default excludes, --include/--exclude globs,
// and a per-file lstat: vanished files drop out, symlinks are never followed, non-regular files are skipped.
import { accessSync, constants, lstatSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fdir } from 'fdir';
import ignore, { type Ignore } from 'ignore';
import type { SkippedFile } from '../engine/types.js';
import { gitSnapshot, runGit, splitNul, workTreeOf, type GitSnapshot } from './git.js';
import { describeFsError, describeNonRegular, isInside } from './read.js';

type Matcher = (path: string) => boolean;
// picomatch ships no types; the posix build matches our '/'-separated paths on every OS.
const picomatch = createRequire(import.meta.url)('picomatch/posix.js') as (
  glob: string | string[],
  options?: { dot?: boolean; basename?: boolean },
) => Matcher;

/** A problem with the scope the user asked for (exit 2 with the hint, not a crash). */
export class ScopeError extends Error {
  override name = 'ScopeError';
  constructor(
    public title: string,
    public hint: string,
  ) {
    super(title);
  }
}

/** Directory names skipped at any depth (unless the user names one explicitly): dependencies, build output, VCS data. */
export const DEFAULT_EXCLUDED_DIRS: readonly string[] = [
  'node_modules',
  'vendor',
  'dist',
  'build',
  // Python environments hold installed SDKs (including the Claude SDK itself), never the user's code.
  '.venv',
  'venv',
  'site-packages',
  '__pycache__',
  '.tox',
];
/** Never listed, whatever the options say. */
const VCS_DIRS = new Set(['.git', '.hg', '.svn']);
/** Minified bundles: generated, unreadable, and rewritten by their build. Lockfiles stay listed (classified as generated). */
export const DEFAULT_EXCLUDED_FILES: readonly string[] = ['*.min.js', '*.min.mjs', '*.min.cjs'];

export interface DiscoverOptions {
  root: string;
  /** Files or directories relative to `root` (or absolute inside it); default: all of `root`. */
  paths?: string[];
  /** Globs on root-relative paths; a file is kept if it or one of its directories matches. Globs without `/` match any basename. */
  include?: string[];
  exclude?: string[];
  /** Skip DEFAULT_EXCLUDED_DIRS and DEFAULT_EXCLUDED_FILES (default true). */
  defaultExcludes?: boolean;
  /** false: never ask git, walk with the .gitignore files instead (default true: git inside a work tree). */
  git?: boolean;
  /** git's view of the root when the caller takes it anyway (the dirty-tree check): taken here otherwise. */
  gitSnapshot?: Promise<GitSnapshot | undefined>;
}

export interface DiscoverResult {
  /** Relative to `root`, '/' separators, sorted, regular files only. */
  files: string[];
  isGitRepo: boolean;
  /** Entries in scope that will not be read: symlinks leaving the root, dangling symlinks, pipes, unreadable entries. */
  skipped: SkippedFile[];
  /**
   * Git blob ids of the tracked files git reports unchanged (their bytes are that blob's, as far as git's own
   * change detection goes): content keys the result cache uses without reading the files. Empty outside git.
   */
  objectIds: Map<string, string>;
}

interface Scope {
  /** Directories to list, root-relative ('' = the whole root). */
  dirs: string[];
  /** Files named explicitly: always listed (even if ignored or default-excluded), still subject to the globs. */
  files: string[];
  skipped: SkippedFile[];
}

export async function discoverFiles(opts: DiscoverOptions): Promise<DiscoverResult> {
  const root = resolve(opts.root);
  let rootStat: Stats;
  try {
    rootStat = statSync(root);
  } catch {
    throw new ScopeError(`root not found: ${opts.root}`, 'Pass a directory that exists.');
  }
  if (!rootStat.isDirectory()) throw new ScopeError(`root is not a directory: ${opts.root}`, 'Pass the directory to scan as the root.');
  const realRoot = realpathSync.native(root);
  const scope = resolveScope(root, realRoot, opts.paths);

  let listed: string[] = [];
  let unchanged = new Map<string, string>();
  // Directories that could not be listed: reported, so their files do not silently vanish from the scope.
  let unreadableDirs: string[] = [];
  let isGitRepo = false;
  if (scope.dirs.length) {
    const fromGit = opts.git === false ? undefined : await listWithGit(root, scope.dirs, opts.gitSnapshot ?? gitSnapshot(root));
    if (fromGit) {
      listed = fromGit.paths;
      unreadableDirs = fromGit.unreadableDirs;
      unchanged = fromGit.unchanged;
      isGitRepo = true;
    } else {
      listed = walk(root, scope.dirs, opts.defaultExcludes !== false, unreadableDirs);
    }
  } else if (opts.git !== false) {
    isGitRepo = (await workTreeOf(root)) !== undefined;
  }

  const useDefaults = opts.defaultExcludes !== false;
  const keepByGlobs = globFilter(opts.include, opts.exclude);
  const files = new Set<string>();
  const skipped = [...scope.skipped];
  const seen = new Set<string>();
  const consider = (rel: string, explicit: boolean) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    if (!explicit && useDefaults && isDefaultExcluded(rel, scopeDirOf(rel, scope.dirs))) return;
    if (!keepByGlobs(rel)) return;
    const verdict = unchanged.has(rel) ? 'file' : checkEntry(root, realRoot, rel);
    if (verdict === 'file') files.add(rel);
    else if (verdict !== 'drop') skipped.push(verdict);
  };
  for (const rel of listed) consider(rel, false);
  for (const rel of scope.files) consider(rel, true);
  const excludedByGlobs = globFilter(undefined, opts.exclude);
  for (const dir of unreadableDirs) {
    // `dir/_`: default excludes look at a path's directories, not at its own name.
    if ((useDefaults && isDefaultExcluded(`${dir}/_`, scopeDirOf(dir, scope.dirs))) || !excludedByGlobs(dir)) continue;
    skipped.push({ path: dir, reason: 'unreadable', detail: 'directory cannot be listed (permission denied): none of its files were scanned' });
  }
  return { files: [...files].sort(compareCodeUnits), isGitRepo, skipped: skipped.sort((a, b) => compareCodeUnits(a.path, b.path)), objectIds: unchanged };
}

/** Byte-order-independent, locale-independent sort (what `git ls-files` and most tools use for ASCII paths). */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

function resolveScope(root: string, realRoot: string, paths: string[] | undefined): Scope {
  const scope: Scope = { dirs: [], files: [], skipped: [] };
  if (!paths || paths.length === 0) {
    scope.dirs.push('');
    return scope;
  }
  for (const given of paths) {
    const abs = resolve(root, given);
    const rel = relative(root, abs);
    if (rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) {
      throw new ScopeError(`path is outside the root: ${given}`, `Paths must lie inside ${root}; pass --root to scan another directory.`);
    }
    let link: Stats;
    try {
      link = lstatSync(abs);
    } catch {
      throw new ScopeError(`path not found: ${given}`, 'Pass files or directories that exist, relative to the root.');
    }
    let real: string;
    try {
      real = realpathSync.native(abs);
    } catch (err) {
      scope.skipped.push({ path: toPosix(rel), reason: 'unreadable', detail: link.isSymbolicLink() ? 'dangling symlink: its target does not exist' : describeFsError(err) });
      continue;
    }
    if (!isInside(realRoot, real)) {
      // A named file that is a link out of the root is reported like any discovered one; a directory is a scope mistake.
      if (statSync(real).isDirectory()) {
        throw new ScopeError(`path resolves outside the root: ${given} → ${real}`, 'Symlinks are never followed out of the root; pass the target directory as the root instead.');
      }
      scope.skipped.push({ path: toPosix(rel), reason: 'symlink-outside-root', detail: `resolves to ${real}, outside the scanned root; symlinks are never followed out of it` });
      continue;
    }
    const realRel = toPosix(relative(realRoot, real));
    if (statSync(real).isDirectory()) scope.dirs.push(realRel);
    else scope.files.push(realRel);
  }
  // A directory inside another listed directory adds nothing.
  const dirs = [...new Set(scope.dirs)].sort();
  scope.dirs = dirs.filter((d) => !dirs.some((other) => other !== d && (other === '' || d.startsWith(other + '/'))));
  return scope;
}

/** The scope directory a listed file came from (default excludes only apply below it). */
function scopeDirOf(rel: string, dirs: string[]): string {
  let best = '';
  for (const d of dirs) if (d && rel.startsWith(d + '/') && d.length > best.length) best = d;
  return best;
}

const excludedDirNames = new Set(DEFAULT_EXCLUDED_DIRS);
const isExcludedFileName = fileNameMatcher(DEFAULT_EXCLUDED_FILES);

/** Globs on a file name; `*<literal suffix>` ones (all the defaults) as endsWith tests, run on every listed file. */
function fileNameMatcher(globs: readonly string[]): (name: string) => boolean {
  const suffixes = globs.map((g) => (/^\*[^*?[\]{}!()\\]+$/.test(g) ? g.slice(1) : undefined));
  if (suffixes.every((x) => x !== undefined)) return (name) => suffixes.some((suffix) => name.endsWith(suffix!));
  return picomatch([...globs], { dot: true });
}

function isDefaultExcluded(rel: string, scopeDir: string): boolean {
  const below = scopeDir ? rel.slice(scopeDir.length + 1) : rel;
  const parts = below.split('/');
  const name = parts.pop()!;
  if (isExcludedFileName(name)) return true;
  return parts.some((part) => excludedDirNames.has(part) || VCS_DIRS.has(part));
}

function globFilter(include: string[] | undefined, exclude: string[] | undefined): (rel: string) => boolean {
  const compile = (globs: string[] | undefined) => {
    const cleaned = (globs ?? []).map((g) => g.trim().replace(/^\.\//, '').replace(/\/+$/, '')).filter(Boolean);
    if (!cleaned.length) return undefined;
    // picomatch's basename option applies to every pattern given with it: only to those without a '/'.
    const onBasename = cleaned.filter((g) => !g.includes('/'));
    const onPath = cleaned.filter((g) => g.includes('/'));
    const byBasename = onBasename.length ? picomatch(onBasename, { dot: true, basename: true }) : undefined;
    const byPath = onPath.length ? picomatch(onPath, { dot: true }) : undefined;
    return (rel: string) => (byBasename?.(rel) ?? false) || (byPath?.(rel) ?? false);
  };
  const included = compile(include);
  const excluded = compile(exclude);
  if (!included && !excluded) return () => true;
  // `--exclude legacy` or `--include src/**` should act on whole directories too: test the file and each ancestor.
  const matchesSelfOrAncestor = (match: Matcher, rel: string) => {
    if (match(rel)) return true;
    for (let i = rel.lastIndexOf('/'); i > 0; i = rel.lastIndexOf('/', i - 1)) if (match(rel.slice(0, i))) return true;
    return false;
  };
  return (rel) => (!included || matchesSelfOrAncestor(included, rel)) && !(excluded && matchesSelfOrAncestor(excluded, rel));
}

/** lstat one listed path: a regular file is kept; anything else is dropped or becomes a skipped entry. */
function checkEntry(root: string, realRoot: string, rel: string): 'file' | 'drop' | SkippedFile {
  const abs = join(root, rel);
  let stat: Stats;
  try {
    stat = lstatSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Deleted since git last saw it (or a sparse checkout): nothing to scan.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'drop';
    return { path: rel, reason: 'unreadable', detail: describeFsError(err) };
  }
  if (stat.isFile()) return 'file';
  // Submodules and nested repositories are listed as directories: their files are another repository's.
  if (stat.isDirectory()) return 'drop';
  if (!stat.isSymbolicLink()) return { path: rel, reason: 'unreadable', detail: describeNonRegular(stat) ?? 'not a regular file' };
  let real: string;
  try {
    real = realpathSync.native(abs);
  } catch {
    return { path: rel, reason: 'unreadable', detail: 'dangling symlink: its target does not exist' };
  }
  if (!isInside(realRoot, real)) {
    return { path: rel, reason: 'symlink-outside-root', detail: `resolves to ${real}, outside the scanned root; symlinks are never followed out of it` };
  }
  // A link inside the root is not followed: its target is scanned under its own path when in scope, once.
  return 'drop';
}

interface GitListing {
  paths: string[];
  /** Tracked regular files git reports unchanged, with their blob ids: known to exist as regular files, no lstat needed. */
  unchanged: Map<string, string>;
  /** Untracked directories git could not open (it warns and goes on). */
  unreadableDirs: string[];
}

/**
 * The scope from git's snapshot (git.ts): index entries and untracked-not-ignored files under the scope
 * directories; undefined when git cannot answer (not a repo, git missing, unsafe repository, root ignored).
 * Tracked regular files that status does not list as changed are known to exist as regular files: only
 * the others need an lstat here, which on large repositories saves most of discovery's own time.
 */
async function listWithGit(root: string, dirs: string[], snapshot: Promise<GitSnapshot | undefined>): Promise<GitListing | undefined> {
  const git = await snapshot;
  if (!git) return undefined;
  const inScope = dirs.includes('') ? () => true : (rel: string) => dirs.some((d) => rel === d || rel.startsWith(`${d}/`));
  // Status failed: nothing is known unchanged, and untracked files come from ls-files instead.
  const untracked = git.statusError === undefined ? git.changes.filter((c) => c.xy === '??').map((c) => c.path) : await untrackedFromLsFiles(root);
  if (!untracked) return undefined;
  const changed = new Set(git.changes.map((c) => c.path));
  const paths = new Set<string>();
  const unchanged = new Map<string, string>();
  for (const entry of git.staged) {
    // `<tag> <mode> <object> <stage>\t<path>`; an unmerged path appears once per stage.
    const path = entry.slice(entry.indexOf('\t') + 1);
    if (!inScope(path)) continue;
    paths.add(path);
    // Only an ordinary entry (`H`) of a regular file that status does not list is vouched for; its blob id follows the mode.
    if (git.statusError === undefined && (entry.startsWith('H 100644 ') || entry.startsWith('H 100755 ')) && !changed.has(path)) unchanged.set(path, entry.slice(9, entry.indexOf(' ', 9)));
  }
  // Nested repositories are listed as `dir/`: dropped by the lstat as directories.
  for (const path of untracked) {
    const rel = path.endsWith('/') ? path.slice(0, -1) : path;
    if (inScope(rel)) paths.add(rel);
  }
  if (paths.size === 0 && git.prefix) {
    // The root itself is ignored (a scratch directory inside a repo): git lists nothing there, walk it instead.
    const ignored = await runGit(root, ['check-ignore', '-q', '--', '.']);
    if (ignored.code === 0) return undefined;
  }
  return { paths: [...paths], unchanged, unreadableDirs: git.unreadableDirs.filter(inScope) };
}

async function untrackedFromLsFiles(root: string): Promise<string[] | undefined> {
  const others = await runGit(root, ['-c', 'core.quotePath=false', 'ls-files', '-z', '--others', '--exclude-standard']);
  return others.code === 0 ? splitNul(others.stdout) : undefined;
}

function canList(abs: string): boolean {
  try {
    accessSync(abs, constants.R_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The walk outside git: fdir lists files (and symlinks, unfollowed) below each scope directory, pruning
 * ignored and default-excluded directories before descending into them.
 */
function walk(root: string, dirs: string[], useDefaults: boolean, unreadableDirs: string[]): string[] {
  const ignores = new GitignoreStack(root);
  const out: string[] = [];
  for (const dir of dirs) {
    if (dir && ignores.isIgnored(dir, true)) continue;
    const start = dir ? join(root, dir) : root;
    const prefixLength = root.length + (root.endsWith(sep) ? 0 : 1);
    const relOf = (abs: string) => toPosix(abs.slice(prefixLength)).replace(/\/$/, '');
    const crawler = new fdir()
      .withFullPaths()
      // Parents were vetted before fdir descended into them, so only the entry's own name is tested.
      .exclude((name, dirPath) => {
        if (VCS_DIRS.has(name) || (useDefaults && excludedDirNames.has(name)) || ignores.decide(relOf(dirPath), true)) return true;
        // fdir skips a directory it cannot read without a word: note it (one access() per directory descended).
        if (canList(dirPath)) return false;
        unreadableDirs.push(relOf(dirPath));
        return true;
      })
      .filter((path, isDirectory) => isDirectory || !ignores.decide(relOf(path), false));
    for (const abs of crawler.crawl(start).sync()) out.push(relOf(abs));
  }
  return out;
}

/** Nested .gitignore files with git's precedence: the deepest file that has an opinion decides. */
class GitignoreStack {
  private readonly byDir = new Map<string, Ignore | null>();
  private readonly ignoreCase = process.platform === 'darwin' || process.platform === 'win32';

  constructor(private readonly root: string) {}

  isIgnored(rel: string, isDirectory: boolean): boolean {
    // Directories above `rel` first: anything inside an ignored directory is ignored, as in git.
    const parts = rel.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      if (this.decide(parts.slice(0, depth).join('/'), true)) return true;
    }
    return this.decide(rel, isDirectory);
  }

  private readonly decided = new Map<string, boolean>();
  /** Whether `rel` itself is ignored by its ancestors' .gitignore files (whether a parent is ignored is not asked). */
  decide(rel: string, isDirectory: boolean): boolean {
    const key = isDirectory ? rel + '/' : rel;
    const cached = this.decided.get(key);
    if (cached !== undefined) return cached;
    let result = false;
    let dir = rel;
    while (dir !== '') {
      const slash = dir.lastIndexOf('/');
      dir = slash === -1 ? '' : dir.slice(0, slash);
      const rules = this.rulesFor(dir);
      if (!rules) continue;
      const local = (dir ? rel.slice(dir.length + 1) : rel) + (isDirectory ? '/' : '');
      const verdict = rules.test(local);
      if (verdict.ignored || verdict.unignored) {
        result = verdict.ignored;
        break;
      }
    }
    // Only directory verdicts are reused (each file is asked about once).
    if (isDirectory) this.decided.set(key, result);
    return result;
  }

  private rulesFor(dir: string): Ignore | null {
    let rules = this.byDir.get(dir);
    if (rules !== undefined) return rules;
    rules = null;
    const file = join(this.root, dir, '.gitignore');
    // Most directories have none: a stat that does not throw is much cheaper than a failed read.
    if (statSync(file, { throwIfNoEntry: false })?.isFile()) {
      try {
        rules = ignore({ ignorecase: this.ignoreCase, allowRelativePaths: true }).add(readFileSync(file, 'utf8'));
      } catch {
        // Unreadable: git would not apply it either.
      }
    }
    this.byDir.set(dir, rules);
    return rules;
  }
}
