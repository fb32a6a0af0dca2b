import { param } from './support/helpers.js';
import { defineRule, type RuleFinding } from './types.js';
import type { Range } from '../languages/types.js';

/**
 * Two fields set in different branches of one if/else (`if (t) params.temperature = t; else if (p)
 * params.top_p = p`): never sent together. Read from the text between them.
 */
function exclusive(text: string, a: Range, b: Range): boolean {
  const [first, second] = a.start < b.start ? [a, b] : [b, a];
  return /\}\s*else\b|^[ \t]*(elif|else)\b/m.test(text.slice(first.end, second.start));
}

export default defineRule({
  id: 'sampling-params',
  severity: 'blocks',
  fix: 'auto',
  buckets: ['caller'],
  fixTitle: 'Remove the rejected sampling parameter',
  appliesTo: (t) => t.target.capabilities.sampling !== 'all',
  checkRequest(req, t, ctx) {
    const out: RuleFinding[] = [];
    const present = (['temperature', 'top_p', 'top_k'] as const).map((k) => param(req, k)).filter((f) => !!f);
    if (t.target.capabilities.sampling === 'none') {
      for (const f of present) {
        out.push({
          range: f.range,
          message: `${f.key} returns 400 on ${t.target.id}: sampling parameters were removed; steer with the prompt instead (guide: Migrating to Opus 4.7, "Sampling parameters removed").`,
          fix: 'auto',
          intents: [{ kind: 'remove-field', container: req.params, field: f }],
          notes: f.key === 'temperature' && f.value.literal === 0 ? ['temperature 0 was used for determinism: consider output_config.effort "low" with a tighter prompt.'] : undefined,
        });
      }
      return out;
    }
    // Claude 4+: temperature OR top_p, not both (guide: Additional Changes When Coming from 3.x / 4.0 / 4.1, item 1).
    const temperature = param(req, 'temperature');
    const topP = param(req, 'top_p');
    if (temperature && topP && !exclusive(ctx.text, temperature.range, topP.range)) {
      out.push({
        range: topP.range,
        message: `Passing both temperature and top_p returns 400 on Claude 4+ models such as ${t.target.id}; temperature is kept and top_p removed (guide: Additional Changes When Coming from 3.x / 4.0 / 4.1, item 1).`,
        fix: 'auto',
        intents: [{ kind: 'remove-field', container: req.params, field: topP }],
      });
    }
    return out;
  },
  docs: {
    what: 'Removes `temperature`, `top_p` and `top_k` on Opus 4.7+ and Fable targets; on other Claude 4+ targets removes `top_p` when both `temperature` and `top_p` are set (temperature is kept).',
    why: 'Opus 4.7 and later reject sampling parameters with a 400 (guide: "Migrating to Opus 4.7" → "Sampling parameters removed"); every Claude 4+ model rejects temperature and top_p together (guide: "Additional Changes When Coming from 3.x / 4.0 / 4.1", item 1).',
    source: 'model-migration.md#breaking-changes-will-400-on-opus-47',
    fixSafety: 'Auto. Only requests that go to Claude are touched: another provider\'s `temperature` in the same file is never edited.',
    limits: ['Sampling parameters added to a request dict after construction (`params["temperature"] = …`) are not removed.'],
    example: 'basic',
  },
});
