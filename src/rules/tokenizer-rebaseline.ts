import { defineRule } from './types.js';

export default defineRule({
  id: 'tokenizer-rebaseline',
  severity: 'tune',
  fix: 'manual',
  buckets: ['caller'],
  fixTitle: 'Re-baseline max_tokens, token estimators and cost math',
  appliesTo: (t) => t.target.capabilities.newTokenizer && !(t.source?.capabilities.newTokenizer ?? false),
  checkRun(transitions) {
    const t = transitions.find((x) => this.appliesTo(x));
    if (!t) return [];
    const fable = t.target.capabilities.requiresRetention;
    return [{
      range: { start: 0, end: 0 },
      message: fable
        ? `${t.target.id} uses a new tokenizer (~30% more tokens than Opus-tier for the same content): re-baseline max_tokens, context budgets, token estimators and cost math with count_tokens against ${t.target.id} (guide: Migrating to Claude Fable 5, "New tokenizer").`
        : `${t.target.id} counts tokens differently from Opus 4.6: give max_tokens and compaction triggers headroom and re-baseline estimators and cost math with count_tokens (no blanket multiplier) (guide: Migrating to Opus 4.7, "Updated token counting").`,
      fix: 'manual',
    }];
  },
  docs: {
    what: 'Reported once per run when moving onto Opus 4.7+ or Fable from an older tokenizer.',
    why: 'Opus 4.7 counts tokens differently from 4.6, and Fable 5 uses a new tokenizer (~30% more tokens); max_tokens, token estimators, cost calculators and rate-limit thresholds need re-baselining (guide: "Migrating to Opus 4.7" → Updated token counting; "Migrating to Claude Fable 5" → New tokenizer).',
    source: 'model-migration.md#new-tokenizer--re-baseline-tokens-and-cost',
    fixSafety: 'Manual: measure with count_tokens; never apply a blanket multiplier.',
    limits: ['Token estimators are not located in code.'],
    example: 'basic',
  },
});
