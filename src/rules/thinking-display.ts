import { field, param, thinkingType } from './support/helpers.js';
import { defineRule } from './types.js';
import type { EditIntent } from '../languages/types.js';

export default defineRule({
  id: 'thinking-display',
  severity: 'blocks',
  fix: 'suggest',
  buckets: ['caller'],
  fixTitle: 'Add display: "summarized" to the thinking config',
  // Also when the code is already on such a model: reading thinking text without display is always empty,
  // and the finding must survive an `apply` that left this suggestion for a person.
  appliesTo: (t) => t.target.capabilities.thinkingDisplayDefault === 'omitted',
  checkRequest(req, t, ctx) {
    const reads = ctx.view.responseUses.filter((u) => u.kind === 'thinking-text');
    if (reads.length === 0) return [];
    const thinking = param(req, 'thinking');
    const type = thinkingType(req);
    if (thinking && field(thinking.value, 'display')) return [];
    let intents: EditIntent[] = [];
    if (t.target.capabilities.thinking.omitOnly) {
      // Fable: thinking is unset (thinking-config-fable removes it); adaptive with display is accepted.
      intents = thinking ? [] : [{ kind: 'add-field', container: req.params, path: ['thinking'], key: 'thinking', to: { type: 'adaptive', display: 'summarized' } }];
    } else if (thinking && (type === 'adaptive' || type === 'enabled') && thinking.value.kind === 'object') {
      // enabled is rewritten to adaptive by thinking-budget in the same run; the display field carries over.
      intents = [{ kind: 'add-field', container: thinking.value, path: ['thinking', 'display'], key: 'display', to: 'summarized' }];
    } else if (!thinking) {
      return [];
    }
    return [{
      range: thinking?.range ?? req.range,
      message: `This file reads thinking text, but ${t.target.id} returns empty thinking unless display is "summarized" (guide: Migrating to Opus 4.7, "Thinking content omitted by default").`,
      fix: intents.length ? 'suggest' : 'manual',
      intents,
      notes: [`Thinking text is read at ${reads.length} place(s) in this file; the fix is the request parameter, not the response handling (the block field is still named thinking).`],
    }];
  },
  docs: {
    what: 'When code reads thinking text (`block.thinking`, `.Thinking`, …) for a UI or log and the target omits thinking text by default (Opus 4.7+, Fable), offers `display: "summarized"` on the request\'s thinking config.',
    why: 'On Opus 4.7+ thinking blocks still arrive but their text is empty unless `thinking.display` is "summarized" (guide: "Migrating to Opus 4.7" → Silent default changes; Opus 4.7 checklist [BLOCKS] "If thinking content is surfaced to users or stored in logs").',
    source: 'model-migration.md#silent-default-changes-no-error-but-behavior-differs',
    fixSafety: 'Suggest: whether the text is surfaced to people is a judgment the tool cannot make from a read alone.',
    limits: ['Thinking text read in a different file from the request is not connected to it.'],
    example: 'basic',
  },
});
