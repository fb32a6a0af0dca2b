// Planning one file: parse once per pass, gather every rule's intents, render, check overlaps,
// apply in one pass, re-parse (refuse edits that add syntax errors), and repeat until a pass
// produces no edit (a fixed point): dependent edits (betas removed → beta namespace dropped) converge.
import { findModelIds, getModel, resolveTarget } from '../catalog/index.js';
import type { ModelInfo } from '../catalog/types.js';
import { applyTextEdits } from '../languages/edit-helpers.js';
import { adapterFor } from '../languages/registry.js';
import type { EditIntent, LanguageAdapter, LanguageId, ParsedFile, Range, RequestView, TextEdit } from '../languages/types.js';
import type { Bucket, FileContext, FixKind, Rule, RuleFinding, RuleOptions, Severity, Transition } from '../rules/types.js';
import { RULES } from '../rules/registry.js';
import { packRuleIds } from '../../transforms/index.js';
import { classifyFile } from './classify.js';
import { backMapper, conflictsWith, joinOwnEdits, lineCol, lineStartsOf, mergeAddFields } from './edits.js';
import { suppressionsOf, isSuppressed } from './suppress.js';
import type { Finding, FileResult } from './types.js';

export interface PlanFileOptions {
  /** 'auto' or a target model id. */
  target: string;
  keepBudgetTokens?: boolean;
  today: string;
  /** Suggest-level fixes to apply: true = all, or a list of rule ids. */
  applySuggestions?: boolean | string[];
  /** Per-finding decision by finding key (UI): overrides the defaults above. */
  decide?: (key: string, finding: Finding) => 'apply' | 'skip' | undefined;
  /** Per-finding choice among a finding's alternatives (`Finding.choices`), by finding key. */
  choose?: (key: string) => string | undefined;
  /** Rules turned off and severity overrides (config). */
  rulesOff?: string[];
  severity?: Record<string, Severity>;
}

const MAX_PASSES = 5;
const FIX_RANK: Record<FixKind, number> = { manual: 0, suggest: 1, auto: 2 };

interface PassFinding {
  rule: Rule;
  finding: RuleFinding;
  /** Range in the ORIGINAL text. */
  range: Range;
  edits: TextEdit[];
  refused?: string;
  applied: boolean;
  pass: number;
  /** The changed lines before/after this finding's own edits (pass 0 only). */
  preview?: { before: string; after: string };
  choices?: Finding['choices'];
}

/** The finding with the chosen alternative's fix in place of the default. */
function withChoice(finding: RuleFinding, choice: string | undefined): RuleFinding {
  const alt = choice && choice !== finding.choice ? finding.alternatives?.find((a) => a.choice === choice) : undefined;
  if (!alt) return finding;
  return { ...finding, choice: alt.choice, intents: alt.intents, fixTitle: alt.title, fix: alt.intents.length ? finding.fix === 'manual' ? 'suggest' : finding.fix : 'manual' };
}

function choicePreviews(parsed: ParsedFile, text: string, proposed: RuleFinding, chosen: string | undefined): Finding['choices'] {
  const options = [{ choice: proposed.choice ?? 'default', title: proposed.fixTitle ?? '', intents: proposed.intents ?? [] }, ...(proposed.alternatives ?? [])];
  return options.map((o) => {
    const edits: TextEdit[] = [];
    for (const intent of o.intents) {
      const r = renderSafely(parsed, intent);
      if ('refused' in r) return { choice: o.choice, title: `${o.title} (not possible here: ${r.refused})` };
      edits.push(...r.edits);
    }
    const preview = edits.length ? previewOf(text, joinOwnEdits(edits, text)) : undefined;
    return { choice: o.choice, title: o.title, before: preview?.before, after: preview?.after, chosen: o.choice === (chosen ?? proposed.choice ?? 'default') || undefined };
  });
}

/** Whole lines touched by `edits`, before and after applying them alone. */
function previewOf(text: string, edits: TextEdit[]): { before: string; after: string } | undefined {
  try {
    const start = Math.min(...edits.map((e) => e.start));
    const end = Math.max(...edits.map((e) => e.end));
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const nl = text.indexOf('\n', end);
    const lineEnd = nl === -1 ? text.length : nl;
    const shifted = edits.map((e) => ({ ...e, start: e.start - lineStart, end: e.end - lineStart }));
    const before = text.slice(lineStart, lineEnd);
    return { before, after: applyTextEdits(before, shifted) };
  } catch {
    return undefined;
  }
}

export interface FilePlan {
  result: FileResult;
  /** Transitions seen (for run-level rules). */
  transitions: Transition[];
  /** A reason the file's edits were all refused (syntax errors, no convergence). */
  problem?: { reason: 'refused-edit' | 'no-convergence' | 'parse-error'; detail: string };
}

export async function planFile(path: string, text: string, language: LanguageId, opts: PlanFileOptions): Promise<FilePlan> {
  const adapter = await adapterFor(language);
  const ruleOptions: RuleOptions = { keepBudgetTokens: !!opts.keepBudgetTokens, today: opts.today };
  const explicitTarget = opts.target === 'auto' ? undefined : resolveTarget(undefined, opts.target);
  const suppressions = suppressionsOf(text);
  const off = new Set(opts.rulesOff ?? []);

  let current = text;
  const backMaps: ((offset: number) => number)[] = []; // per applied pass, offsets back to the text before it
  const editSpans: Range[] = []; // every applied edit, in original offsets (FileResult.editSpans)
  const reported: PassFinding[] = [];
  let bucket: Bucket = 'string-reference';
  let transitions: Transition[] = [];
  let problem: FilePlan['problem'];
  let firstSyntaxErrors = 0;
  let converged = false;
  /** Each request as the original text had it, by its original start offset. */
  const firstRequests = new Map<number, RequestView>();
  let carried: ParsedFile | undefined;

  for (let pass = 0; pass < MAX_PASSES; pass++) {
    // The parse that verified the previous pass's rewrite is this pass's parse: one parse per pass.
    const parsed = carried ?? (await parseSafely(adapter, current, path));
    carried = undefined;
    if (pass === 0) {
      firstSyntaxErrors = parsed?.view.syntaxErrors ?? 0;
      // A file that does not parse is reported but left untouched (Markdown snippets are often partial code:
      // there the re-parse check below still guards every edit).
      if (firstSyntaxErrors > 0 && language !== 'markdown') {
        problem = { reason: 'parse-error', detail: `${firstSyntaxErrors} syntax error(s) in the file as it is: findings are reported, nothing is rewritten` };
      }
      if (adapter && !parsed) problem = { reason: 'parse-error', detail: `the ${language} parser failed on this file: findings are from the text only, nothing is rewritten` };
    }
    try {
      const toOriginal = (r: Range): Range => {
        let { start, end } = r;
        for (let i = backMaps.length - 1; i >= 0; i--) { start = backMaps[i](start); end = backMaps[i](end); }
        return { start, end: Math.max(start, end) };
      };
      const matches = findModelIds(current);
      const cls = classifyFile(path, current, matches, parsed);
      if (pass === 0) bucket = cls.bucket;
      const firstRequest = (req: RequestView) => firstRequests.get(toOriginal(req.range).start);
      const ctx = buildContext(path, language, current, cls, parsed, ruleOptions, opts.target, explicitTarget, (req) => { const first = firstRequest(req); return first && modelOfRequest(first); }, (req) => firstRequest(req) ?? req);
      if (pass === 0) {
        transitions = ctx.fileTransitions;
        for (const req of ctx.view.requests) firstRequests.set(req.range.start, req);
      }
      const found = runRules(ctx, off);

      // Render every finding's intents (for previews); apply only the wanted ones that do not overlap.
      const candidates: { pf: PassFinding; want: boolean }[] = [];
      for (const { rule, finding: proposed } of found) {
        const range = toOriginal(proposed.range);
        const key = findingKey(path, rule.id, text, range);
        const finding = withChoice(proposed, opts.choose?.(key));
        const pf: PassFinding = { rule, finding, range, edits: [], applied: false, pass };
        if (pass === 0 && proposed.alternatives?.length && parsed) pf.choices = choicePreviews(parsed, current, proposed, finding.choice);
        candidates.push({ pf, want: shouldApply(rule, finding, key, opts, suppressions, text, pf.range) });
      }
      const flat = candidates.flatMap((c, ci) => (c.pf.finding.intents ?? []).map((intent) => ({ ci, intent })));
      // Merging same-field additions only among the edits that will be applied together.
      const merged = mergeAddFields(flat.map((f) => (candidates[f.ci].want ? f.intent : ({ kind: 'replace', range: { start: -1, end: -1 }, text: '' } as EditIntent))));
      const byCandidate = new Map<number, { edits: TextEdit[]; refused?: string }>();
      flat.forEach(({ ci, intent: original }, i) => {
        const slot = byCandidate.get(ci) ?? { edits: [] };
        byCandidate.set(ci, slot);
        const intent = candidates[ci].want ? merged[i] : original;
        if (!intent || slot.refused) return;
        if (!parsed) { slot.refused = `no ${language} parser: edits are not rendered`; return; }
        const r = renderSafely(parsed, intent);
        if ('refused' in r) slot.refused = r.refused;
        else slot.edits.push(...r.edits);
      });
      const accepted: TextEdit[] = [];
      const frozen = problem?.reason === 'parse-error';
      for (const [ci, slot] of byCandidate) {
        const c = candidates[ci];
        if (slot.refused) { c.pf.refused = slot.refused; continue; }
        if (slot.edits.length === 0) continue;
        slot.edits = joinOwnEdits(slot.edits, current);
        c.pf.edits = slot.edits;
        if (pass === 0) c.pf.preview = previewOf(current, slot.edits);
        if (!c.want || frozen || conflictsWith(slot.edits, accepted)) continue; // conflicts are deferred to the next pass
        accepted.push(...slot.edits);
        c.pf.applied = true;
      }

      // Verify: the rewrite must not add syntax errors. Bisect by finding when it does.
      let applied = candidates.filter((c) => c.pf.applied);
      if (applied.length === 0) accepted.length = 0;
      let next = accepted.length ? applyTextEdits(current, accepted) : current;
      if (accepted.length && adapter) {
        const before = parsed?.view.syntaxErrors ?? 0;
        const nextParsed = await parseSafely(adapter, next, path);
        const after = nextParsed ? nextParsed.view.syntaxErrors : await adapter.countSyntaxErrors(next, path);
        if (after <= before) carried = nextParsed;
        else nextParsed?.dispose();
        if (after > before) {
          const keep: TextEdit[] = [];
          for (const c of applied) {
            const trial = applyTextEdits(current, [...keep, ...c.pf.edits]);
            if ((await adapter.countSyntaxErrors(trial, path)) > before) {
              c.pf.applied = false;
              c.pf.refused = 'the rewrite would introduce a syntax error';
              c.pf.edits = [];
            } else keep.push(...c.pf.edits);
          }
          applied = applied.filter((c) => c.pf.applied);
          next = keep.length ? applyTextEdits(current, keep) : current;
          accepted.length = 0;
          accepted.push(...keep);
        }
      }

      // Report: every finding of the first pass; later passes add the findings their edits produced.
      for (const { pf } of candidates) {
        if (pass === 0) reported.push(pf);
        else if (pf.applied && !reported.some((r) => r.rule.id === pf.rule.id && r.applied && r.range.start === pf.range.start)) {
          const earlier = reported.findIndex((r) => r.rule.id === pf.rule.id && !r.applied && overlapsRange(r.range, pf.range));
          if (earlier >= 0) reported[earlier] = { ...pf, pass: reported[earlier].pass };
          else reported.push(pf);
        }
      }
      if (accepted.length === 0) { converged = true; carried?.dispose(); carried = undefined; break; }
      for (const e of accepted) editSpans.push(toOriginal(e));
      backMaps.push(backMapper(accepted));
      if (carried && next !== current) current = next;
      else { carried?.dispose(); carried = undefined; current = next; }
    } finally {
      parsed?.dispose();
    }
  }
  carried?.dispose();
  if (!converged) {
    problem = { reason: 'no-convergence', detail: `edits still changing after ${MAX_PASSES} passes; nothing is written for this file` };
    current = text;
  }

  const findings = toFindings(path, text, reported, opts, suppressions);
  const result: FileResult = {
    path,
    language,
    bucket,
    findings,
    original: current !== text ? text : undefined,
    planned: current !== text ? current : undefined,
    editSpans: current !== text ? editSpans : undefined,
  };
  if (firstSyntaxErrors > 0 && adapter) result.syntaxErrors = firstSyntaxErrors;
  return { result, transitions, problem };
}

function overlapsRange(a: Range, b: Range): boolean {
  return a.start <= b.end && b.start <= a.end;
}

async function parseSafely(adapter: LanguageAdapter | undefined, text: string, path: string): Promise<ParsedFile | undefined> {
  if (!adapter) return undefined;
  try {
    return await adapter.parse(text, path);
  } catch (err) {
    process.emitWarning(`claude-migrate: could not parse ${path}: ${(err as Error).message}`);
    return undefined;
  }
}

function renderSafely(parsed: ParsedFile, intent: EditIntent): { edits: TextEdit[] } | { refused: string } {
  try {
    return parsed.render(intent);
  } catch (err) {
    return { refused: `internal error rendering ${intent.kind}: ${(err as Error).message}` };
  }
}

function modelOfRequest(req: RequestView): ModelInfo | undefined {
  return requestModel(req)?.model;
}

/**
 * The request's model, and whether the ID stays as written: a variant (`claude-opus-4-6-fast`) or a
 * legacy Bedrock ARN-style ID is never rewritten, so the request keeps its own model's constraints.
 */
function requestModel(req: RequestView): { model: ModelInfo; pinned: boolean } | undefined {
  const model = req.params.fields?.find((f) => f.key === 'model')?.value;
  if (!model || typeof model.literal !== 'string') return undefined;
  const exact = getModel(model.literal);
  if (exact) return { model: exact, pinned: false };
  const match = findModelIds(model.literal)[0];
  if (!match?.model) return undefined;
  return { model: match.model, pinned: !!match.variant || match.form === 'bedrock-legacy' };
}

/** The request's model is a plain literal ID (no template or variable in it) that no catalogue entry matches. */
function concreteUnknownModel(req: RequestView): boolean {
  const literal = req.params.fields?.find((f) => f.key === 'model')?.value.literal;
  return typeof literal === 'string' && /^[A-Za-z0-9][\w.:@/-]*$/.test(literal) && !requestModel(req);
}

function buildContext(
  path: string,
  language: LanguageId,
  text: string,
  cls: ReturnType<typeof classifyFile>,
  parsed: ParsedFile | undefined,
  options: RuleOptions,
  target: string,
  explicitTarget: ModelInfo | undefined,
  sourceBefore?: (req: RequestView) => ModelInfo | undefined,
  originalRequest: (req: RequestView) => RequestView = (req) => req,
): FileContext {
  const view = parsed?.view ?? { language, requests: [], clients: [], responseUses: [], tools: [], strings: [], comments: [], syntaxErrors: 0 };
  const targetFor = (model: ModelInfo): ModelInfo | undefined => resolveTarget(model, target);
  const transitionFor = (req: RequestView): Transition | undefined => {
    const written = requestModel(req);
    if (written?.pinned) return { source: written.model, target: written.model };
    const current = written?.model;
    // After an earlier pass swapped the model, the request still migrates FROM its original model:
    // rules that depend on the source (thinking display, effort defaults) must see it.
    const original = sourceBefore?.(req);
    const source = original && current && targetFor(original)?.id === current.id ? original : current;
    // A model written out that the catalogue does not know (a newer model, another vendor's) stays as
    // it is, so the target's rewrites would not fit it. An unresolved model (a variable) is the target's.
    if (!source) return explicitTarget && !concreteUnknownModel(req) ? { target: explicitTarget } : undefined;
    // Already on (or past) the target: still check the request against its own model's constraints.
    return { source, target: targetFor(source) ?? source };
  };
  const seen = new Map<string, Transition>();
  const add = (t: Transition | undefined) => { if (t) seen.set(`${t.source?.id}>${t.target.id}`, t); };
  for (const req of view.requests) add(transitionFor(req));
  for (const occ of cls.occurrences) {
    if (!occ.match.model || occ.match.variant) continue;
    const to = targetFor(occ.match.model);
    if (to) add({ source: occ.match.model, target: to });
  }
  if (seen.size === 0 && explicitTarget) add({ target: explicitTarget });
  return {
    path,
    language,
    text,
    bucket: cls.bucket,
    parsed: parsed ?? nullParsed(view),
    view,
    occurrences: cls.occurrences,
    generated: cls.generated,
    options,
    transitionFor,
    targetFor,
    explicitTarget,
    fileTransitions: [...seen.values()],
    originalRequest,
  };
}

function nullParsed(view: FileContext['view']): ParsedFile {
  return { view, contextAt: () => ({ inString: false, inComment: false }), render: () => ({ refused: 'no parser for this file' }), dispose: () => undefined };
}

function runRules(ctx: FileContext, off: Set<string>): { rule: Rule; finding: RuleFinding }[] {
  const out: { rule: Rule; finding: RuleFinding }[] = [];
  const targets = ctx.fileTransitions.length ? ctx.fileTransitions.map((t) => t.target.id) : ['common'];
  const fileRuleIds = new Set(targets.flatMap((t) => packRuleIds(t)));
  for (const rule of RULES) {
    if (off.has(rule.id) || !rule.buckets.includes(ctx.bucket)) continue;
    if (rule.checkFile && fileRuleIds.has(rule.id)) {
      for (const finding of rule.checkFile(ctx)) out.push({ rule, finding });
    }
    if (rule.checkAnyRequest) {
      for (const req of ctx.view.requests) {
        if (!packRuleIds(ctx.transitionFor(req)?.target.id ?? 'common').includes(rule.id)) continue;
        for (const finding of rule.checkAnyRequest(req, ctx)) out.push({ rule, finding });
      }
    }
    if (rule.checkRequest) {
      for (const req of ctx.view.requests) {
        const t = ctx.transitionFor(req);
        if (!t || !packRuleIds(t.target.id).includes(rule.id) || !rule.appliesTo(t)) continue;
        for (const finding of rule.checkRequest(req, t, ctx)) out.push({ rule, finding });
      }
    }
  }
  return out;
}

/** Stable identity of a finding across runs: used by the UI, suppressions and the baseline. */
export function findingKey(path: string, ruleId: string, originalText: string, range: Range): string {
  const { line, column } = lineCol(lineStartsOf(originalText), range.start);
  return `${path}#${ruleId}@${line}:${column}`;
}

function shouldApply(rule: Rule, finding: RuleFinding, key: string, opts: PlanFileOptions, suppressions: ReturnType<typeof suppressionsOf>, text: string, range: Range): boolean {
  const fix = capFix(rule.fix, finding.fix);
  if (fix === 'manual' || !finding.intents?.length) return false;
  if (isSuppressed(suppressions, rule.id, lineCol(lineStartsOf(text), range.start).line)) return false;
  const decided = opts.decide?.(key, { rule: rule.id } as Finding);
  if (decided) return decided === 'apply';
  if (fix === 'auto') return true;
  const s = opts.applySuggestions;
  return s === true || (Array.isArray(s) && s.includes(rule.id));
}

function capFix(ceiling: FixKind, fix: FixKind): FixKind {
  return FIX_RANK[fix] <= FIX_RANK[ceiling] ? fix : ceiling;
}

function toFindings(path: string, text: string, reported: PassFinding[], opts: PlanFileOptions, suppressions: ReturnType<typeof suppressionsOf>): Finding[] {
  const starts = lineStartsOf(text);
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const pf of reported) {
    const { rule, finding } = pf;
    const a = lineCol(starts, pf.range.start);
    const b = lineCol(starts, pf.range.end);
    const key = `${path}#${rule.id}@${a.line}:${a.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const fix = pf.refused ? 'manual' : capFix(rule.fix, finding.fix);
    const notes = [...(finding.notes ?? [])];
    if (pf.refused) notes.push(`Edit refused: ${pf.refused}.`);
    const f: Finding = {
      id: key,
      rule: rule.id,
      severity: opts.severity?.[rule.id] ?? finding.severity ?? rule.severity,
      fix,
      line: a.line,
      column: a.column,
      endLine: b.line,
      endColumn: b.column,
      message: finding.message,
      source: rule.docs.source,
      fixTitle: finding.fixTitle ?? rule.fixTitle,
      from: finding.from,
      to: finding.to,
      prompt: finding.prompt,
      notes: notes.length ? notes : undefined,
      applied: pf.applied,
      before: pf.preview?.before,
      after: pf.preview?.after,
      choices: pf.choices,
    };
    if (isSuppressed(suppressions, rule.id, a.line)) f.suppressed = 'inline';
    out.push(f);
  }
  return out.sort((x, y) => (x.rule === 'sync-marker' ? -1 : 0) - (y.rule === 'sync-marker' ? -1 : 0) || x.line - y.line || x.column - y.column);
}
