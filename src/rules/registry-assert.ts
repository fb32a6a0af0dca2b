import { alongsideId, mentions } from './support/alongside.js';
import { defineRule, type RuleFinding } from './types.js';

export default defineRule({
  id: 'registry-assert',
  severity: 'tune',
  fix: 'suggest',
  buckets: ['caller', 'definer', 'string-reference'],
  fixTitle: 'Add an assertion for the new model alongside',
  appliesTo: () => true,
  checkFile(ctx) {
    const out: RuleFinding[] = [];
    for (const occ of ctx.occurrences) {
      if (occ.role !== 'registry-assert' || !occ.match.model || occ.match.variant) continue;
      const target = ctx.targetFor(occ.match.model);
      const to = target && alongsideId(occ.match, target);
      if (!target || !to || mentions(ctx.text, { start: 0, end: ctx.text.length }, target.id)) continue;
      out.push({
        range: { start: occ.match.start, end: occ.match.end },
        message: `This test asserts that ${occ.match.text} is supported: keep it (the old model is still served) and add the same assertion for ${target.id} (guide: Step 1, bucket 3 sub-cases, "Registry-assert test").`,
        fix: ctx.generated ? 'manual' : 'suggest',
        intents: ctx.generated ? [] : [{ kind: 'add-alongside', at: occ.match.start, from: occ.match.text, to }],
        from: occ.match.text,
        to,
        notes: ['The registry under test must also hold the new model (see definer-entry), or the new assertion fails.'],
      });
    }
    return out;
  },
  docs: {
    what: 'Finds tests that assert an old model is supported (`assert "claude-X" in SUPPORTED`) and offers the same assertion for the new model next to it.',
    why: 'The old model is still served, so its assertion stays valid, but the registry should also include the new model (guide: "Step 1" → bucket 3 sub-cases, "Registry-assert test").',
    source: 'model-migration.md#step-1-classify-each-file',
    fixSafety: 'Suggest.',
    limits: ['Parametrised tests whose model list lives in a fixture file are handled as definers of that file.'],
    example: 'basic',
  },
});
