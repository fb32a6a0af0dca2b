import { literalNumber, literalString, param, paramPath } from './support/helpers.js';
import { defineRule } from './types.js';

export default defineRule({
  id: 'max-tokens-effort',
  severity: 'blocks',
  fix: 'suggest',
  buckets: ['caller'],
  fixTitle: 'Raise max_tokens to 64000',
  appliesTo: (t) => t.target.capabilities.sampling === 'none',
  checkRequest(req, t) {
    const effort = literalString(paramPath(req, 'output_config', 'effort')?.value);
    if (effort !== 'xhigh' && effort !== 'max') return [];
    const mt = param(req, 'max_tokens');
    const n = literalNumber(mt?.value);
    if (!mt || n === undefined || n >= 64000) return [];
    return [{
      range: mt.range,
      message: `effort "${effort}" with max_tokens ${n} < 64000 truncates output mid-thought on ${t.target.id} (guide: Opus 4.7 Migration Checklist, "At output_config.effort of xhigh or max: set max_tokens ≥ 64000").`,
      fix: 'suggest',
      intents: [{ kind: 'set-value', value: mt.value, path: ['max_tokens'], to: 64000 }],
      notes: ['max_tokens above ~16000 also needs streaming (max-tokens-streaming).'],
    }];
  },
  docs: {
    what: 'Finds `effort` `xhigh`/`max` with `max_tokens` below 64,000 on Opus 4.7+ and Fable, and offers 64,000.',
    why: 'At xhigh or max the model needs room to think and act; below 64K output truncates mid-thought (guide: "Opus 4.7 Migration Checklist" [BLOCKS]; "effort matters more than on any prior Opus": start at 64K).',
    source: 'model-migration.md#opus-47-migration-checklist',
    fixSafety: 'Suggest: raising max_tokens raises the cost ceiling and usually needs streaming.',
    limits: ['Effort levels chosen at run time are not checked.'],
    example: 'basic',
  },
});
