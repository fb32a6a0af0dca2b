import { field, literalString, param, codeAtUse } from './support/helpers.js';
import { defineRule, type RuleFinding } from './types.js';
import type { EditIntent } from '../languages/types.js';

const V1_HEADERS = ['server-side-fallback-2026-06-09', 'server-side-fallback-2026-06-02'];
const V2_HEADER = 'server-side-fallback-2026-06-01';

export default defineRule({
  id: 'fallback-v1',
  severity: 'blocks',
  fix: 'suggest',
  buckets: ['caller'],
  fixTitle: 'Move to the v2 server-side fallback shape (header and parameter together)',
  appliesTo: () => true,
  checkRequest(req, _t, ctx) {
    const intents: EditIntent[] = [];
    const notes: string[] = [];
    let at = req.range;
    const betas = param(req, 'betas');
    for (const e of betas?.value.elements ?? []) {
      if (V1_HEADERS.includes(literalString(e) ?? '') && e.contentRange) { intents.push({ kind: 'replace', range: e.contentRange, text: V2_HEADER }); at = e.range; }
    }
    for (const h of req.headers) {
      const v = literalString(h.value);
      if (h.name === 'anthropic-beta' && v && h.value.contentRange && V1_HEADERS.some((x) => v.includes(x))) {
        intents.push({ kind: 'replace', range: h.value.contentRange, text: V1_HEADERS.reduce((s, x) => s.replace(x, V2_HEADER), v) });
        at = h.range;
      }
    }
    const fb = param(req, 'fallback');
    if (fb) {
      at = fb.range;
      const model = field(fb.value, 'model');
      if (fb.value.kind === 'object' && model) {
        intents.push({ kind: 'remove-field', container: req.params, field: fb });
        intents.push({ kind: 'add-field', container: req.params, path: ['fallbacks'], key: 'fallbacks', to: [{ model: { $code: codeAtUse(model.value, ctx.text) } }] });
        if (field(fb.value, 'on_partial')) notes.push('on_partial no longer exists: partial-output behaviour is fixed (streams keep the partial; non-streaming omits it).');
      } else {
        notes.push('The v1 `fallback` value is computed: rewrite it as `fallbacks: [{model: …}]`.');
      }
    }
    if (intents.length === 0 && !fb) return [];
    notes.push('Also read fallback content blocks and usage.iterations instead of the v1 top-level response.fallback object.');
    const out: RuleFinding = {
      range: at,
      message: 'Server-side fallback v1 preview markers: the v1 header or `fallback: {model, on_partial}` shape is discontinued; v2 uses the header server-side-fallback-2026-06-01 with `fallbacks: [{model}]`, and the two must change together (guide: Migrating code built on the v1 preview).',
      fix: fb && fb.value.kind !== 'object' ? 'manual' : 'suggest',
      intents: fb && fb.value.kind !== 'object' ? [] : intents,
      notes,
    };
    return [out];
  },
  docs: {
    what: 'Finds server-side fallback v1 preview markers (`server-side-fallback-2026-06-09`/`-02` headers, `fallback: {model, on_partial}`) and offers the v2 shape: header `server-side-fallback-2026-06-01` and `fallbacks: [{model}]`, changed together.',
    why: 'The v1 preview surface is discontinued, and the v1 parameter shape under the v2 header is a 400, so header and parameter must change together (guide: "Migrating code built on the v1 preview"). The v2 header carries the earliest date of the series: do not "correct" it.',
    source: 'model-migration.md#refusal-stop-reason--handle-before-reading-content',
    fixSafety: 'Suggest: response handling of the v1 `response.fallback` object also has to change, by hand.',
    limits: ['Response-side v1 readers (`response.fallback`, `fallback_primary` iterations) are not rewritten.'],
    example: 'basic',
  },
});
