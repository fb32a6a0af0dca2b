import { findModelIds, lifecycle, rewriteCore } from '../catalog/index.js';
import { isTestPath } from '../scanner/language.js';
import { mentions } from './support/alongside.js';
import { param } from './support/helpers.js';
import { defineRule, type RuleFinding, type Severity } from './types.js';

export default defineRule({
  id: 'model-id',
  severity: 'blocks',
  fix: 'auto',
  buckets: ['caller', 'definer', 'string-reference', 'variant'],
  fixTitle: 'Swap the model ID for the target alias',
  appliesTo: () => true,
  // Typed SDKs name models with constants (Go `anthropic.ModelClaudeSonnet4_5`, Java `Model.CLAUDE_SONNET_4_5`,
  // C# `Model.ClaudeSonnet4_5`): no string to swap, so the adapter renders the target's constant.
  checkRequest(req, _t, ctx) {
    const model = param(req, 'model');
    const value = model?.value;
    if (!value || value.kind !== 'reference' || value.via || typeof value.literal !== 'string') return [];
    const [match] = findModelIds(value.literal);
    if (!match || match.start !== 0 || match.end !== value.literal.length || !match.model || match.variant || match.form === 'bedrock-legacy') return [];
    const target = ctx.targetFor(match.model);
    if (!target) return [];
    const life = lifecycle(match.model, ctx.options.today);
    const severity: Severity = life.retired ? 'blocks' : life.status === 'deprecated' ? 'tune' : ctx.explicitTarget ? 'blocks' : 'info';
    return [{
      range: value.range,
      from: value.text,
      to: target.id,
      severity,
      message: `${value.text} names ${match.model.id}, which ${life.retired ? 'is retired and returns 404' : life.status === 'deprecated' ? 'is deprecated' : `is superseded by ${target.id}`}; use ${target.id} (guide: Model-ID Rename Quick Reference).`,
      fix: ctx.generated ? 'manual' : 'auto',
      intents: ctx.generated ? [] : [{ kind: 'set-value', value, path: ['model'], to: target.id }],
    }];
  },
  checkFile(ctx) {
    const out: RuleFinding[] = [];
    const test = isTestPath(ctx.path);
    // Per target: whether this test file already names it (read once, not per occurrence).
    const coveredTargets = new Map<string, boolean>();
    const covers = (id: string): boolean => {
      let named = coveredTargets.get(id);
      if (named === undefined) coveredTargets.set(id, (named = mentions(ctx.text, { start: 0, end: ctx.text.length }, id)));
      return named;
    };
    for (const occ of ctx.occurrences) {
      const { match } = occ;
      if (!match.model || match.variant || match.form === 'bedrock-legacy') continue;
      const target = ctx.targetFor(match.model);
      if (!target) continue;
      const life = lifecycle(match.model, ctx.options.today);
      const severity: Severity = life.retired ? 'blocks' : life.status === 'deprecated' ? 'tune' : ctx.explicitTarget ? 'blocks' : 'info';
      const state = life.retired
        ? `is retired${match.model.retiredOn ?? match.model.retiresOn ? ` since ${match.model.retiredOn ?? match.model.retiresOn}` : ''} and returns 404`
        : life.status === 'deprecated'
          ? `is deprecated${life.daysLeft !== undefined ? ` and retires in ${life.daysLeft} days (${match.model.retiresOn})` : ''}`
          : `is superseded by ${target.id}`;
      const to = rewriteCore(match, target);
      const covered = () => test && covers(target.id);
      const base = { range: { start: match.start, end: match.end }, from: match.text, severity };
      const vertexNote = match.form === 'vertex' ? ['Vertex AI: confirm the new ID in the Vertex model list; it is written `<alias>@<date>` from the catalogue\'s dated snapshot when the model has one, else as the alias (a guessed date 404s).'] : undefined;
      if ((occ.role === 'request-model' || occ.role === 'string') && covered()) {
        // A test file that already exercises the new model keeps its tests of the old one on purpose (a provider
        // library's per-model behaviour, a (model, expected) table): swapping them would duplicate the new
        // model's cases and break the old ones' expectations.
        out.push({
          ...base,
          severity: life.retired ? severity : 'info',
          to: target.id,
          message: `${match.text} is tested next to ${target.id} in this test file, which already covers the new model: the old model's tests are left as they are${life.retired ? `; ${match.text} ${state}, so a test that calls the API with it fails: move or drop that test by hand` : ' (the old model is still served)'} (guide: Step 1, bucket 3 sub-cases, "Registry-assert test").`,
          fix: 'manual',
        });
      } else if (occ.role === 'request-model' || occ.role === 'string') {
        if (to === undefined) continue;
        const newText = match.text.slice(0, match.core.start - match.start) + to + match.text.slice(match.core.end - match.start);
        out.push({
          ...base,
          to: newText,
          message: `${match.text} ${state}; use ${target.id} (guide: Model-ID Rename Quick Reference / Retired Model Replacements).`,
          fix: ctx.generated ? 'manual' : 'auto',
          intents: ctx.generated ? [] : [{ kind: 'replace', range: match.core, text: to }],
          notes: vertexNote,
        });
      } else if (occ.role === 'comment' || occ.role === 'prose' || occ.role === 'lifecycle-text') {
        const where = occ.role === 'prose' ? 'documentation prose' : occ.role === 'comment' ? 'a comment' : 'a text about its own lifecycle (a deprecation warning or error message)';
        out.push({
          ...base,
          severity: 'info',
          to: target.id,
          message: `${match.text} is mentioned in ${where}; it is reported, not rewritten (it ${occ.role === 'lifecycle-text' ? 'is the subject of the text: swapping it would make the text false' : 'may be history'}).`,
          fix: 'manual',
        });
      } else if (occ.role === 'test-check') {
        out.push({
          ...base,
          severity: 'info',
          to: target.id,
          message: `${match.text} is compared in a test with a value this run leaves alone (a constant defined elsewhere, a variant or platform ID, a recorded body): it is reported, not rewritten, so the test keeps passing. If the test should move to ${target.id}, change both sides together (guide: Step 1, bucket 3 sub-cases).`,
          fix: 'manual',
        });
      } else if (occ.role === 'legacy-completions') {
        out.push({
          ...base,
          to: target.id,
          message: `${match.text} is the model of a legacy Text Completions request (\`max_tokens_to_sample\`, a \`\\n\\nHuman:\` prompt), an API no current model is served on: swapping the ID alone leaves a call that still fails. Move the call to the Messages API (\`messages=[{"role": "user", …}]\`, \`max_tokens\`), then use ${target.id}.`,
          fix: 'manual',
        });
      }
      // definer entries, gates, asserts and generated files have rules of their own.
    }
    return out;
  },
  docs: {
    what: 'Finds old, deprecated and retired Claude model IDs in API callers and opaque string references (aliases, dated snapshots, Bedrock `anthropic.` IDs, Vertex `@date` IDs, LiteLLM `anthropic/` IDs) and swaps them for the target alias.',
    why: 'Retired models return 404 and deprecated ones stop working on their retirement date (guide: "Retired Model Replacements", "Deprecated Models"). Only exact IDs from the catalogue are written: aliases, never a guessed dated form ("Before You Migrate": guessing an ID will 404). Bedrock IDs keep their `anthropic.` prefix ("Amazon Bedrock model IDs": a first-party ID 400s there).',
    source: 'model-migration.md#model-id-rename-quick-reference',
    fixSafety: 'Auto for string literals in callers and string references. Comments, Markdown prose, paragraphs stored in YAML/JSON/TOML values (a sitemap summary, a description of 20 words or more) and strings about the model\'s own lifecycle (a deprecation warning, an error message) are reported only. Registries, capability gates, registry asserts and generated files are handled by definer-entry, capability-gate, registry-assert and generated-snapshot instead of being swapped.',
    limits: ['Model IDs assembled at run time (`f"claude-{tier}"`) are not found.', 'Legacy Bedrock ARN-style IDs (`anthropic.claude-3-5-sonnet-20241022-v2:0`) are out of scope and left alone.', 'The model of a legacy Text Completions request (`max_tokens_to_sample`, `POST /v1/complete`) is flagged, not swapped: no current model is served on that API, so the call must move to the Messages API first.'],
    example: 'basic',
  },
});
