import { field, param, codeAtUse } from './support/helpers.js';
import { defineRule } from './types.js';
import type { EditIntent } from '../languages/types.js';

export default defineRule({
  id: 'output-format',
  severity: 'blocks',
  fix: 'auto',
  buckets: ['caller'],
  fixTitle: 'Move output_format into output_config.format',
  appliesTo: () => true, // deprecated API-wide, on every model
  checkAnyRequest(req, ctx) {
    const of = param(req, 'output_format');
    if (!of || req.method === 'parse') return []; // SDK parse helpers take output_format as their own argument
    const oc = param(req, 'output_config');
    const moved = { $code: codeAtUse(of.value, ctx.text) };
    const intents: EditIntent[] = [{ kind: 'remove-field', container: req.params, field: of }];
    if (oc) {
      if (oc.value.kind !== 'object' || field(oc.value, 'format')) {
        return [{ range: of.range, message: 'output_format is deprecated; move it into output_config.format (output_config is computed or already has a format) (guide: Breaking Changes by Source Model, item 6).', fix: 'manual' }];
      }
      intents.push({ kind: 'add-field', container: oc.value, path: ['output_config', 'format'], key: 'format', to: moved });
    } else {
      intents.push({ kind: 'add-field', container: req.params, path: ['output_config'], key: 'output_config', to: { format: moved } });
    }
    return [{
      range: of.range,
      message: 'The top-level output_format parameter is deprecated API-wide; use output_config.format (guide: Breaking Changes by Source Model → All models, item 6).',
      fix: 'auto',
      intents,
    }];
  },
  docs: {
    what: 'Moves a top-level `output_format` into `output_config.format`, merging with an existing `output_config`.',
    why: 'The old top-level `output_format` parameter is deprecated on every model; use `output_config.format` (guide: "Breaking Changes by Source Model" → "All models", item 6; checklist: "Move format from top-level output_format into output_config.format").',
    source: 'model-migration.md#all-models',
    fixSafety: 'Auto; the value\'s source text is moved verbatim. Manual when output_config is computed or already has a format.',
    limits: ['SDK `parse()` helpers, whose own argument is named output_format, are left alone.'],
    example: 'basic',
  },
});
