import { literalNumber, param } from './support/helpers.js';
import { defineRule } from './types.js';

/** Above ~16K output tokens a non-streaming request risks the SDK's HTTP timeout (guide: checklist). */
export const NON_STREAMING_LIMIT = 16000;

export default defineRule({
  id: 'max-tokens-streaming',
  severity: 'blocks',
  fix: 'manual',
  buckets: ['caller'],
  fixTitle: 'Stream this request (or lower max_tokens)',
  appliesTo: () => true,
  checkRequest(req) {
    const mt = param(req, 'max_tokens');
    const n = literalNumber(mt?.value);
    if (!mt || n === undefined || n <= NON_STREAMING_LIMIT || req.streaming || req.method === 'count_tokens' || req.method === 'batch' || req.kind === 'payload') return [];
    return [{
      range: mt.range,
      message: `Non-streaming request with max_tokens ${n} > ~${NON_STREAMING_LIMIT}: the SDK HTTP call can time out; switch to streaming (guide: Migration Checklist, "Switch to streaming if max_tokens > ~16000").`,
      fix: 'manual',
      notes: ['Python: `with client.messages.stream(...) as stream: message = stream.get_final_message()`; TypeScript: `await client.messages.stream({...}).finalMessage()`.'],
    }];
  },
  docs: {
    what: 'Reports non-streaming requests whose `max_tokens` is above ~16,000.',
    why: 'Non-streaming requests hit SDK HTTP timeouts at high max_tokens on any model; stream anything above ~16K output (guide: "Migrating to the 4.6 family" item 4; Migration Checklist [BLOCKS]).',
    source: 'model-migration.md#migration-checklist',
    fixSafety: 'Manual: switching to streaming changes how the response is consumed.',
    limits: ['max_tokens computed at run time is not checked.'],
    example: 'basic',
  },
});
