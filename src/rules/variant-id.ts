import { defineRule, type RuleFinding } from './types.js';

export default defineRule({
  id: 'variant-id',
  severity: 'info',
  fix: 'manual',
  buckets: ['caller', 'definer', 'variant', 'string-reference'],
  fixTitle: 'Check the registry for a new-model variant; leave this one alone',
  appliesTo: () => true,
  checkFile(ctx) {
    const out: RuleFinding[] = [];
    for (const { match, role } of ctx.occurrences) {
      if (!match.variant || role === 'comment' || role === 'prose') continue;
      if (match.variant === '-fast' && match.model?.capabilities.fastMode) continue; // fast-mode covers it
      out.push({
        range: { start: match.start, end: match.end },
        message: `${match.text} is a suffixed variant (${match.variant}): a deployment or routing ID, not the public model ID. Do not assume a new-model equivalent exists; it is left unchanged (guide: Step 1, bucket 4).`,
        fix: 'manual',
        from: match.text,
      });
    }
    for (const { match } of ctx.occurrences) {
      if (match.form === 'bedrock-legacy') out.push({
        range: { start: match.start, end: match.end },
        message: `${match.text} is ${/-v\d+(:\d+)?$/.test(match.text) ? 'an Amazon Bedrock ARN-versioned ID' : 'an Amazon Bedrock cross-region inference profile ID'} of the legacy integration (InvokeModel/Converse): out of scope for this migration and left unchanged (guide: Amazon Bedrock model IDs, Out of scope).`,
        fix: 'manual',
        from: match.text,
      });
    }
    return out;
  },
  docs: {
    what: 'Flags suffixed variant IDs (`-fast`, `[1m]`, `-200k`, `-1024k`, unknown dated forms) and legacy Bedrock ARN-style IDs, and leaves them unchanged.',
    why: 'Suffixed IDs are deployment or routing identifiers, not public model IDs; do not assume a new-model equivalent exists (guide: "Step 1" bucket 4). Legacy Bedrock InvokeModel/Converse IDs are out of scope ("Amazon Bedrock model IDs").',
    source: 'model-migration.md#step-1-classify-each-file',
    fixSafety: 'Manual: never invented.',
    limits: ['Variants the catalogue cannot tie to a known family are not found.'],
    example: 'basic',
  },
});
