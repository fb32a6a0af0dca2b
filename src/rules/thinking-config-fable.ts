import { param, thinkingType } from './support/helpers.js';
import { defineRule } from './types.js';

export default defineRule({
  id: 'thinking-config-fable',
  severity: 'blocks',
  fix: 'auto',
  buckets: ['caller'],
  fixTitle: 'Remove the thinking config (thinking is always on)',
  appliesTo: (t) => t.target.capabilities.thinking.omitOnly,
  checkRequest(req, t) {
    const thinking = param(req, 'thinking');
    const type = thinkingType(req);
    if (!thinking || type === 'adaptive') return [];
    const computed = type === 'unknown';
    return [{
      range: thinking.range,
      message: `${t.target.id} rejects thinking ${type === 'disabled' ? '{type: "disabled"}' : computed ? 'configs other than adaptive' : '{type: "enabled", budget_tokens}'} with a 400; omit thinking (it is always on) and control depth with output_config.effort (guide: Migrating to Claude Fable 5, Breaking changes 1).`,
      fix: computed ? 'suggest' : 'auto',
      intents: [{ kind: 'remove-field', container: req.params, field: thinking }],
      notes: computed ? ['The thinking value is computed: check it can never be adaptive-only before removing it.'] : undefined,
    }];
  },
  docs: {
    what: 'Removes every `thinking` config except `{type: "adaptive"}` on Claude Fable 5 and Claude Mythos 5.',
    why: 'On Fable 5 / Mythos 5 thinking is always on; `thinking: {type: "disabled"}` and `{type: "enabled", budget_tokens}` both return 400 (guide: "Migrating to Claude Fable 5" → Breaking changes 1; checklist items 2 and 5).',
    source: 'model-migration.md#migrating-to-claude-fable-5',
    fixSafety: 'Auto for literal configs; suggest when the value is computed.',
    limits: ['A thinking config added to the request dict after construction is not seen.'],
    example: 'basic',
  },
});
