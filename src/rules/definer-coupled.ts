import { findModelIds } from '../catalog/index.js';
import { detectLanguage, isTestPath } from '../scanner/language.js';
import { defineRule, type CrossFileFinding, type PlannedFileSummary } from './types.js';

/** `packages/anthropic/` in a monorepo (packages/, apps/, libs/, services/…): a test is coupled to its own package's registries. */
function packageOf(path: string): string | undefined {
  return /^(?:.*\/)?(?:packages|apps|libs|services|modules|plugins|extensions|crates)\/[^/]+\//.exec(path)?.[0];
}

const DATA = new Set(['yaml', 'json', 'toml', 'env']);
const family = (path: string) => {
  const l = detectLanguage(path, '') ?? 'text';
  return l === 'javascript' ? 'typescript' : l;
};

/** A test reads registries of its own language, or data files any language loads (a Go test never reads a JS module). */
function sameCode(test: string, registry: string): boolean {
  const r = family(registry);
  return DATA.has(r) || r === family(test);
}

/** The bare model ID a finding's `to` names (`anthropic.claude-opus-4-8` → `claude-opus-4-8`). */
function targetId(to: string | undefined): string | undefined {
  return to ? findModelIds(to)[0]?.model?.id : undefined;
}

export default defineRule({
  id: 'definer-coupled',
  severity: 'tune',
  fix: 'manual',
  buckets: ['caller', 'string-reference', 'definer'],
  fixTitle: 'Add the new model to the registry the test depends on',
  appliesTo: () => true,
  checkFiles(files: PlannedFileSummary[]): CrossFileFinding[] {
    // Registries that hold an old model and will still lack the new one after this run.
    const lacking = new Map<string, { path: string; line: number }[]>();
    for (const f of files) {
      if (isTestPath(f.path)) continue;
      for (const x of f.findings) {
        if (x.rule !== 'definer-entry' || x.applied || x.suppressed) continue;
        const id = targetId(x.to);
        if (!id) continue;
        const list = lacking.get(id) ?? [];
        if (!list.some((l) => l.path === f.path)) list.push({ path: f.path, line: x.line });
        lacking.set(id, list);
      }
    }
    if (lacking.size === 0) return [];
    const out: CrossFileFinding[] = [];
    for (const f of files) {
      if (!isTestPath(f.path)) continue;
      for (const x of f.findings) {
        // Only swaps: an old ID the run reports and leaves (a recorded response, a test of the old model) moves nothing.
        if (x.rule !== 'model-id' || x.suppressed || (x.fix !== 'auto' && !x.applied)) continue;
        const id = targetId(x.to);
        const pkg = packageOf(f.path);
        const registries = id ? lacking.get(id)?.filter((r) => (!pkg || !packageOf(r.path) || packageOf(r.path) === pkg) && sameCode(f.path, r.path)) : undefined;
        if (!id || !registries?.length) continue;
        const where = registries.map((r) => `${r.path}:${r.line}`).join(', ');
        out.push({
          path: f.path,
          anchor: x.id,
          message: `This test ${x.applied ? 'now uses' : 'would use'} ${id}, but the model registry (${where}) has no ${id} entry yet: where the test's model is checked against it, the test fails (at run time, or in the type checker when the registry is a type such as a Literal[...] alias) until the definer is populated. Add the entry first (accept its definer-entry suggestion, reusing the nearest tier as a placeholder); do not skip the test (guide: Step 1, bucket 3, "Coupled to a definer").`,
          fix: 'manual',
          notes: [`claude-migrate apply --yes --apply-suggestions definer-entry ${registries.map((r) => r.path).join(' ')}`],
        });
      }
    }
    return out;
  },
  docs: {
    what: 'After every file is planned, flags a test whose model ID is swapped to the target while a registry, seed list or tier enum elsewhere in the repo still lacks that target (its definer-entry suggestion was not applied).',
    why: 'An integration test that authorises models through a shared seed list, or asserts on a tier or pricing enum, fails at run time when the test is swapped and the definer is not populated; the guide says to verify the definer has the new entry first and not to skip the test (guide: "Step 1: Classify each file", bucket 3 sub-cases, "Coupled to a definer").',
    source: 'model-migration.md#step-1-classify-each-file',
    fixSafety: 'Manual: the definer entry (tier, price, limits) is a decision for a person; the finding names the registry and the command that adds the entry alongside.',
    limits: [
      'Coupling is inferred from the model ID alone: a test and a registry that name the same old model are assumed to be related, whatever imports connect them; in a monorepo (`packages/*`, `apps/*`, `libs/*`, `services/*`…) only registries of the test\'s own package count.',
      'Only registries recognised as definers in the scanned paths are considered: scope the run to include them.',
    ],
    example: 'basic',
  },
});
