import { addToOutputConfig, param, setsEffort } from './support/helpers.js';
import { findModelIds } from '../catalog/index.js';
import type { ModelInfo } from '../catalog/types.js';
import type { RequestView } from '../languages/types.js';

/** The model as the request writes it (`claude-sonnet-4-20250514`), not the catalogue's name for it. */
function written(req: RequestView, source: ModelInfo): string | undefined {
  const literal = param(req, 'model')?.value.literal;
  // After the swap the request names the target: then the catalogue's name for the source it came from.
  return typeof literal === 'string' && findModelIds(literal)[0]?.model?.id === source.id ? literal : undefined;
}
import { defineRule } from './types.js';

export default defineRule({
  id: 'effort-explicit',
  severity: 'tune',
  fix: 'suggest',
  buckets: ['caller'],
  fixTitle: 'Set output_config.effort explicitly',
  appliesTo: (t) => t.source?.family === 'sonnet' && t.source.capabilities.effort.length === 0 && t.target.family === 'sonnet' && t.target.capabilities.effort.length > 0,
  checkRequest(req, t) {
    if (setsEffort(req) || req.method === 'count_tokens') return [];
    const add = addToOutputConfig(req, 'effort', 'medium');
    return [{
      range: req.range,
      message: `${written(req, t.source!) ?? t.source!.id} had no effort parameter; ${t.target.id} defaults to "high", which may raise latency and token use: set effort explicitly${req.wrapper ? ' through the wrapper\'s own setting' : ''} (guide: Migrating from Sonnet 4.5 to Sonnet 4.6).`,
      fix: add ? 'suggest' : 'manual',
      intents: add ? [add] : [],
      notes: ['Starting points: low for chat/classification, medium for most applications and agentic coding, high for autonomous long-horizon agents and computer use.'],
    }];
  },
  docs: {
    what: 'Offers an explicit `output_config.effort` (medium) on Sonnet 4.5 → Sonnet 4.6 requests that set none.',
    why: 'Sonnet 4.5 had no effort parameter; Sonnet 4.6 defaults to `high`, so switching only the model string may raise latency and token use (guide: "Migrating from Sonnet 4.5 to Sonnet 4.6").',
    source: 'model-migration.md#migrating-from-sonnet-45-to-sonnet-46-effort-default-change',
    fixSafety: 'Suggest: the right level depends on the workload (the guide\'s table of starting points).',
    limits: ['Requests whose model is chosen at run time are not seen as Sonnet 4.5.'],
    example: 'basic',
  },
});
