// View-model builders and the decision → engine mapping, on a real plan of a copy of the sample repo.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plan } from '../../src/engine/plan.js';
import type { Finding, RunResult } from '../../src/engine/types.js';
import { BUCKET_ORDER } from '../../src/report/text.js';
import { insertIgnoreComments, lineMapper } from '../../src/cli/ignore-comments.js';
import {
  buildPromptEditsViewModel,
  buildReviewViewModel,
  buildScopeViewModel,
  buildSummaryViewModel,
  decideFrom,
  diffLinesOf,
  pathOfKey,
  ruleOfKey,
} from '../../src/cli/interactive-model.js';
import type { ReviewDecision } from '../../src/ui/types.js';

const SAMPLE = join(import.meta.dirname, '..', '..', 'fixtures', 'sample-repo');
const TODAY = '2026-01-15';
const EXTRACT = 'services/extractor/extract.py';

let root: string;
let whole: RunResult;

const findings = (run: RunResult, path: string): Finding[] => run.files.find((f) => f.path === path)!.findings;
const one = (run: RunResult, path: string, rule: string): Finding => findings(run, path).find((f) => f.rule === rule)!;

const decision = (over: Partial<ReviewDecision>): ReviewDecision => ({ acceptedFindingIds: [], skippedFindingIds: [], suppress: [], definerChoices: {}, prefillChoices: {}, quit: false, ...over });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'claude-migrate-interactive-'));
  cpSync(SAMPLE, root, { recursive: true });
  whole = await plan({ root, target: 'auto', today: TODAY, applySuggestions: true });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('scope view model', () => {
  test('auto mapping counts each old-model occurrence once, per source → target', () => {
    const vm = buildScopeViewModel(whole);
    expect(vm.target).toBe('auto');
    // Occurrences of this ID in the repo's files, counted from the text itself; a generated snapshot
    // is reported as a whole file (regenerate it), not as occurrences to map.
    const id = 'claude-3-5-sonnet-20241022';
    const inText = whole.files.filter((f) => !f.path.includes('__snapshots__')).reduce((n, f) => n + (readFileSync(join(root, f.path), 'utf8').split(id).length - 1), 0);
    expect(inText).toBeGreaterThan(2);
    const row = vm.autoMapping.find((m) => m.from === id)!;
    expect(row.to).toBe('claude-sonnet-4-6');
    expect(row.count).toBe(inText);
    expect(vm.autoMapping.map((m) => m.count)).toEqual([...vm.autoMapping.map((m) => m.count)].sort((a, b) => b - a));
  });

  test('directories at every useful depth, with per-bucket file counts', () => {
    const vm = buildScopeViewModel(whole);
    const dir = (p: string) => vm.dirs.find((d) => d.path === p);
    expect(dir('services')).toEqual({ path: 'services', total: 3, byBucket: { caller: 1, definer: 1, variant: 1, 'string-reference': 0 } });
    expect(dir('services/extractor')?.total).toBe(2);
    expect(dir('services/billing')?.byBucket.definer).toBe(1);
    // java/src/main/java/com/acme holds exactly java's files: no extra choices for the chain.
    expect(dir('java')?.total).toBe(1);
    expect(vm.dirs.filter((d) => d.path.startsWith('java/'))).toEqual([]);
    for (const d of vm.dirs) expect(Object.values(d.byBucket).reduce((a, b) => a + b, 0)).toBe(d.total);
  });

  test('sync markers first, with the marker line as written; every file listed once', () => {
    const vm = buildScopeViewModel(whole);
    expect(vm.syncMarkers).toEqual([
      { path: 'routing/models.yaml', line: 2, text: '# KEEP IN SYNC with services/billing/pricing.json' },
      { path: EXTRACT, line: 6, text: '# MODEL LAUNCH: bump the extractor model and the pricing table together.' },
    ]);
    expect(vm.files.slice(0, 2).map((f) => f.path)).toEqual(['routing/models.yaml', EXTRACT]);
    expect(new Set(vm.files.map((f) => f.path)).size).toBe(whole.files.length);
    expect(vm.files.find((f) => f.path === 'routing/models.yaml')?.bucket).toBe('definer');
  });

  test('git status is passed through', () => {
    const vm = buildScopeViewModel({ ...whole, git: { isRepo: true, clean: false, dirtyFiles: ['a.py'] } });
    expect(vm.git).toEqual({ isRepo: true, clean: false, dirtyFiles: ['a.py'] });
  });
});

describe('review view model', () => {
  test('groups follow the reporter bucket order; prompt edits and suppressed findings are left out', () => {
    const vm = buildReviewViewModel(whole);
    const order = vm.groups.map((g) => g.bucket);
    expect(order).toEqual(BUCKET_ORDER.filter((b) => order.includes(b)));
    const all = vm.groups.flatMap((g) => g.files.flatMap((f) => f.findings));
    expect(new Set(all.map((f) => f.id)).size).toBe(all.length);
    expect(all.some((f) => f.rule === 'prompt-aggressive-language')).toBe(false);
    for (const g of vm.groups) for (const f of g.files) expect(f.bucket).toBe(g.bucket);
  });

  test('auto fixes preselected, with the planned edit as a diff and the rule\'s why', () => {
    const vm = buildReviewViewModel(whole);
    const file = vm.groups.find((g) => g.bucket === 'caller')!.files.find((f) => f.path === EXTRACT)!;
    const modelId = file.findings.find((f) => f.rule === 'model-id' && f.line === 7)!;
    expect(modelId.preselected).toBe(true);
    expect(modelId.why).toMatch(/\w/);
    expect(modelId.diff).toEqual([
      { kind: '-', text: 'MODEL = os.environ.get("EXTRACTOR_MODEL", "claude-3-5-sonnet-20241022")' },
      { kind: '+', text: 'MODEL = os.environ.get("EXTRACTOR_MODEL", "claude-sonnet-4-6")' },
    ]);
    const effort = file.findings.find((f) => f.rule === 'effort-explicit')!;
    expect(effort.fix).toBe('suggest');
    expect(effort.preselected).toBe(false);
    const manual = file.findings.find((f) => f.rule === 'stop-reason-refusal')!;
    expect(manual.diff).toEqual([]);
  });

  test('definer entries offer the guide\'s three answers with the engine\'s previews; manual ones none', () => {
    const vm = buildReviewViewModel(whole);
    const registry = vm.groups.find((g) => g.bucket === 'definer')!.files.find((f) => f.path === 'routing/models.yaml')!;
    const offered = registry.findings.filter((f) => f.rule === 'definer-entry' && f.fix === 'suggest');
    expect(offered.length).toBeGreaterThan(0);
    for (const f of offered) {
      expect(f.choice).toMatchObject({ kind: 'definer', initial: 'add-alongside', options: ['add-alongside', 'leave', 'retire-old'] });
      expect((f.choice as { diffByChoice?: Record<string, { kind: string; text: string }[]> }).diffByChoice?.['retire-old']?.some((d) => d.kind === '-')).toBe(true);
      expect(f.diff.some((d) => d.kind === '+')).toBe(true);
    }
    expect(registry.findings.filter((f) => f.fix === 'manual').every((f) => f.choice === undefined)).toBe(true);
  });

  test('prompt edits quote before and after, with the behavioural reason', () => {
    const vm = buildPromptEditsViewModel(whole);
    expect(vm.items).toEqual([
      expect.objectContaining({ file: EXTRACT, line: 11, rule: 'prompt-aggressive-language', before: 'CRITICAL: You MUST use ', after: 'Use ' }),
    ]);
    expect(vm.items[0]!.why).toMatch(/system prompt/);
  });

  test('diffLinesOf keeps context lines and handles deletions', () => {
    expect(diffLinesOf('a\nb\nc', 'a\nB\nc')).toEqual([
      { kind: ' ', text: 'a' },
      { kind: '-', text: 'b' },
      { kind: '+', text: 'B' },
      { kind: ' ', text: 'c' },
    ]);
    expect(diffLinesOf('x = 1', '')).toEqual([{ kind: '-', text: 'x = 1' }]);
    expect(diffLinesOf(undefined, 'x')).toEqual([]);
  });

  test('finding keys split back into path and rule', () => {
    expect(pathOfKey('a/b#c.py#model-id@3:4')).toBe('a/b#c.py');
    expect(ruleOfKey('a/b#c.py#model-id@3:4')).toBe('model-id');
  });
});

describe('decisions drive the final plan', () => {
  test('only accepted findings are applied; skipped auto fixes and declined prompt edits stay', async () => {
    const reviewed = await plan({ root, target: 'auto', today: TODAY, paths: [EXTRACT], applySuggestions: true });
    const modelId = one(reviewed, EXTRACT, 'model-id');
    const sampling = one(reviewed, EXTRACT, 'sampling-params');
    const prompt = one(reviewed, EXTRACT, 'prompt-aggressive-language');
    const decide = decideFrom(decision({ acceptedFindingIds: [modelId.id], skippedFindingIds: [sampling.id] }), { accepted: [], declined: [prompt.id], quit: false }, reviewed);
    const final = await plan({ root, target: 'auto', today: TODAY, paths: [EXTRACT], applySuggestions: false, decide });
    const file = final.files.find((f) => f.path === EXTRACT)!;
    expect(file.planned).toContain('"claude-sonnet-4-6")');
    expect(file.planned).toContain('top_p=0.9');
    expect(file.planned).toContain('CRITICAL: You MUST use the lookup_customer tool');
    // Auto fixes the user never accepted (thinking budget, beta headers) are not applied either.
    expect(file.planned).toContain('"budget_tokens": THINKING_BUDGET');
    expect(file.findings.filter((f) => f.applied).map((f) => f.rule)).toEqual(['model-id']);
  });

  test('an accepted prompt edit and a definer answered "leave"', async () => {
    const paths = [EXTRACT, 'routing/models.yaml'];
    const reviewed = await plan({ root, target: 'auto', today: TODAY, paths, applySuggestions: true });
    const prompt = one(reviewed, EXTRACT, 'prompt-aggressive-language');
    const definers = findings(reviewed, 'routing/models.yaml').filter((f) => f.rule === 'definer-entry' && f.fix === 'suggest');
    const decide = decideFrom(
      decision({ acceptedFindingIds: [definers[0]!.id], skippedFindingIds: definers.slice(1).map((f) => f.id), definerChoices: Object.fromEntries(definers.map((f, i) => [f.id, i === 0 ? 'add-alongside' : 'leave'])) }),
      { accepted: [prompt.id], declined: [], quit: false },
      reviewed,
    );
    const final = await plan({ root, target: 'auto', today: TODAY, paths, applySuggestions: false, decide });
    expect(final.files.find((f) => f.path === EXTRACT)!.planned).toContain('tickets. Use the lookup_customer tool');
    const registry = final.files.find((f) => f.path === 'routing/models.yaml')!;
    expect(registry.findings.filter((f) => f.applied).map((f) => f.id)).toEqual([definers[0]!.id]);
  });

  test('files outside the review keep the engine defaults', () => {
    const decide = decideFrom(decision({}), undefined, { ...whole, files: whole.files.filter((f) => f.path === EXTRACT) });
    expect(decide(`${EXTRACT}#model-id@7:44`)).toBe('skip');
    expect(decide('web/src/chat.ts#model-id@5:31')).toBeUndefined();
  });
});

describe('suppression comments', () => {
  test('lineMapper follows lines through removed and rewritten blocks', () => {
    const map = lineMapper('a\nb\nc\nd\n', 'a\nc\nD\nd\n');
    expect([1, 2, 3, 4].map(map)).toEqual([1, 2, 2, 4]);
  });

  test('an ignore comment above the finding, read back by the engine as a suppression', async () => {
    const reviewed = await plan({ root, target: 'auto', today: TODAY, paths: [EXTRACT], applySuggestions: true });
    const modelId = one(reviewed, EXTRACT, 'model-id');
    const sampling = one(reviewed, EXTRACT, 'sampling-params');
    const decide = decideFrom(decision({ acceptedFindingIds: [modelId.id], suppress: [{ findingId: sampling.id }] }), undefined, reviewed);
    const final = await plan({ root, target: 'auto', today: TODAY, paths: [EXTRACT], applySuggestions: false, decide });
    const result = await insertIgnoreComments(final, [sampling.id], 'pinned on purpose');
    expect(result.refused).toEqual([]);
    expect(result.inserted.get(EXTRACT)).toBe(1);
    const planned = final.files.find((f) => f.path === EXTRACT)!.planned!;
    expect(planned).toContain('        # claude-migrate-ignore sampling-params: pinned on purpose\n        top_p=0.9,');
    expect(planned).toContain('"claude-sonnet-4-6")');

    // Written and planned again: the engine now reports the finding as suppressed.
    const copy = mkdtempSync(join(tmpdir(), 'claude-migrate-interactive-'));
    try {
      cpSync(root, copy, { recursive: true });
      writeFileSync(join(copy, EXTRACT), planned);
      const again = await plan({ root: copy, target: 'auto', today: TODAY, paths: [EXTRACT] });
      expect(one(again, EXTRACT, 'sampling-params').suppressed).toBe('inline');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  test('a file without planned edits is read again; a comment that cannot be placed is refused with a reason', async () => {
    const run = await plan({ root, target: 'auto', today: TODAY, paths: ['README.md'] });
    const prose = one(run, 'README.md', 'model-id');
    const result = await insertIgnoreComments(run, [prose.id]);
    expect(run.files[0]!.planned).toBeUndefined();
    expect(result.refused).toEqual([expect.objectContaining({ findingId: prose.id, path: 'README.md', reason: expect.stringMatching(/\w/) })]);
  });
});

describe('summary view model', () => {
  test('written files with edit counts, needs-a-person without info notes, checklist and snippet for the targets', async () => {
    const run = await plan({ root, target: 'auto', today: TODAY, paths: [EXTRACT] });
    const vm = buildSummaryViewModel({ run, written: [EXTRACT], notWritten: [{ path: 'x.py', reason: 'changed-on-disk', detail: 'changed' }], reportPath: 'r.md' });
    const applied = findings(run, EXTRACT).filter((f) => f.applied).length;
    expect(vm.written).toEqual([{ path: EXTRACT, edits: applied }]);
    expect(vm.needsPerson.map((n) => n.rule)).toEqual(expect.arrayContaining(['stop-reason-refusal', 'stop-reason-context-window', 'effort-explicit']));
    expect(vm.needsPerson.some((n) => n.rule === 'sync-marker')).toBe(false);
    expect(vm.notWritten).toEqual([{ path: 'x.py', reason: 'changed' }]);
    expect(vm.checklist.length).toBeGreaterThan(0);
    expect(vm.verificationSnippet).toMatch(/claude-(sonnet-4-6|haiku-4-5)/);
    expect(vm.reportPath).toBe('r.md');
  });

  test('an explicit target gives that target\'s checklist and snippet', async () => {
    const run = await plan({ root, target: 'claude-opus-4-7', today: TODAY, paths: ['web'] });
    const vm = buildSummaryViewModel({ run, written: [], notWritten: [] });
    expect(vm.checklist.join('\n')).toContain('Task Budgets');
    expect(vm.verificationSnippet).toContain("'claude-opus-4-7'");
  });
});
