import { addToOutputConfig, field, literalNumber, param, setsEffort, thinkingType } from './support/helpers.js';
import { defineRule, type RuleFinding } from './types.js';
import type { EditIntent, NeutralValue } from '../languages/types.js';

/** Guide, "Choosing an effort level on Opus 4.7": no 1:1 mapping; this is the suggestion offered beside the neutral `high`. */
export function effortForBudget(budget: number | undefined): 'low' | 'medium' | 'high' | 'xhigh' {
  if (budget === undefined) return 'high';
  if (budget <= 2048) return 'low';
  if (budget <= 8192) return 'medium';
  if (budget <= 32000) return 'high';
  return 'xhigh';
}

export default defineRule({
  id: 'thinking-budget',
  severity: 'blocks',
  fix: 'auto',
  buckets: ['caller'],
  fixTitle: 'Switch to thinking: {type: "adaptive"} (+ output_config.effort)',
  // Fable/Mythos 5 reject every thinking config: thinking-config-fable removes it instead.
  appliesTo: (t) => t.target.capabilities.thinking.adaptive && !t.target.capabilities.thinking.omitOnly,
  checkRequest(req, t, ctx) {
    if (thinkingType(req) !== 'enabled') return [];
    const thinking = param(req, 'thinking')!;
    const caps = t.target.capabilities;
    const transitional = caps.thinking.enabled; // 4.6: deprecated but still functional
    if (transitional && ctx.options.keepBudgetTokens) return [];
    const budgetField = field(thinking.value, 'budget_tokens');
    const budget = literalNumber(budgetField?.value);
    const display = field(thinking.value, 'display')?.value.literal;
    const to: NeutralValue = typeof display === 'string' ? { type: 'adaptive', display } : { type: 'adaptive' };
    const intents: EditIntent[] = [{ kind: 'set-value', value: thinking.value, path: ['thinking'], to }];
    const notes: string[] = [];
    let fix: RuleFinding['fix'] = 'auto';
    // Budget plumbing: a constant used only here goes with it; a shared or computed one is left for a person.
    const via = budgetField?.value.via;
    // On 4.7+ the old config returns 400, so the rewrite itself stays automatic and only the plumbing is
    // left to a person; on 4.6 (deprecated, still served) the whole fix waits for a person.
    const lower = () => { if (transitional) fix = 'suggest'; };
    if (via && !via.external && via.references === 1) intents.push({ kind: 'remove-definition', value: budgetField!.value });
    else if (via) { lower(); notes.push(`The budget comes from \`${via.name}\`, which is used elsewhere or defined in another module: it is kept; delete it once nothing else needs it.`); }
    else if (budgetField && budget === undefined) { lower(); notes.push('The budget is computed: the computation is kept; delete it once nothing else uses it.'); }
    if (thinking.value.via?.external) fix = 'suggest';
    const hasEffort = setsEffort(req);
    const suggested = effortForBudget(budget);
    if (!hasEffort && caps.effort.length > 0) {
      if (!transitional) {
        // [BLOCKS] on 4.7+: adaptive + effort. `high` equals the API default, so this is behaviour-neutral and visible.
        const add = addToOutputConfig(req, 'effort', 'high');
        if (add) intents.push(add);
        else notes.push(req.wrapper ? `Effort is left at its default (high): set it through the wrapper's own setting if you want another level (${req.wrapper === 'ai-sdk' ? '`providerOptions.anthropic.effort`' : req.wrapper === 'litellm' ? 'LiteLLM: `reasoning_effort=`' : 'LangChain: `outputConfig: { effort }` in JS, `effort=` in Python'}, in versions that have it).` : 'output_config is computed elsewhere: add `effort` to it by hand.');
        if (suggested !== 'high') notes.push(`Consider effort "${suggested}" (mapped from budget_tokens=${budget}); the guide has no 1:1 mapping ("Choosing an effort level on Opus 4.7").`);
      } else {
        notes.push(`Effort is optional on ${t.target.id} (default high); consider output_config.effort "${suggested}" (mapped from budget_tokens=${budget ?? 'unknown'}).`);
      }
    }
    return [{
      range: thinking.range,
      message: transitional
        ? `thinking.type "enabled" with budget_tokens is deprecated on ${t.target.id}; use adaptive thinking (guide: Migrating to Opus 4.6 / Sonnet 4.6, item 1).`
        : `thinking.type "enabled" with budget_tokens returns 400 on ${t.target.id}; use adaptive thinking with output_config.effort (guide: Migrating to Opus 4.7, Breaking changes).`,
      fix,
      intents,
      notes,
    }];
  },
  docs: {
    what: 'Rewrites manual extended thinking (`thinking: {type: "enabled", budget_tokens: N}`) to adaptive thinking in each SDK\'s syntax, and on Opus 4.7+ adds `output_config.effort: "high"` when the request sets no effort.',
    why: 'Manual extended thinking is deprecated on Opus 4.6 / Sonnet 4.6 and returns 400 on Opus 4.7 and later (guide: "Migrating to Opus 4.6 / Sonnet 4.6" item 1; "Migrating to Opus 4.7" → Breaking changes: "Switch to adaptive thinking and use the effort parameter"). `high` is the API default, so adding it changes nothing at run time and makes the knob visible.',
    source: 'model-migration.md#migrating-to-opus-47',
    fixSafety: 'Auto when the budget is a literal or a constant used only here (the constant is deleted). When the budget comes from a shared constant or computed code, the plumbing is kept and named in a note; the rewrite stays auto on Opus 4.7+ targets (the old config returns 400 there) and is lowered to suggest on 4.6 targets (deprecated, still served). Suggest when the thinking config itself comes from another module. `--keep-budget-tokens` keeps budget_tokens on 4.6 targets (the transitional escape hatch).',
    limits: ['Thinking configs built by a helper function in another module are reported, not rewritten.', 'The budget → effort suggestion is a heuristic; the guide says there is no 1:1 mapping.'],
    example: 'basic',
  },
});
