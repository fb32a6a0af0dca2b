import { literalNumber, param } from './support/helpers.js';
import { defineRule } from './types.js';

export default defineRule({
  id: 'max-tokens-ceiling',
  severity: 'blocks',
  fix: 'suggest',
  buckets: ['caller'],
  fixTitle: "Clamp max_tokens to the target's maximum output",
  appliesTo: () => true,
  checkRequest(req, t) {
    const mt = param(req, 'max_tokens');
    const n = literalNumber(mt?.value);
    const max = t.target.capabilities.maxOutput;
    if (!mt || n === undefined || n <= max || req.method === 'count_tokens') return [];
    return [{
      range: mt.range,
      message: `max_tokens ${n} is above ${t.target.id}'s maximum output of ${max} tokens (models.md: Max Output).`,
      fix: 'suggest',
      intents: [{ kind: 'set-value', value: mt.value, path: ['max_tokens'], to: max }],
    }];
  },
  docs: {
    what: "Finds `max_tokens` above the target's maximum output (Sonnet 4.6 / Haiku 4.5: 64K; Opus 4.6+ / Fable: 128K), e.g. 128000 carried over from an output-128k beta onto Sonnet 4.6, and offers to clamp it.",
    why: 'Each model caps output tokens (models.md: Current Models, Max Output; guide: "Stream for max_tokens > ~16K … Sonnet 4.6 and Haiku 4.5 cap at 64K").',
    source: 'models.md#current-models-recommended',
    fixSafety: 'Suggest: lowering the cap can truncate long outputs.',
    limits: ['Computed max_tokens values are not checked.'],
    example: 'basic',
  },
});
