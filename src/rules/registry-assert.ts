import { alongsideId, MEMBERSHIP_ASSERT, mentions } from './support/alongside.js';
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
    // One new assertion per new ID: next to the newest old model asserted (two old versions moving to the
    // same model would otherwise add the same assertion twice).
    const chosen = new Map<string, (typeof ctx.occurrences)[number]>();
    for (const occ of ctx.occurrences) {
      if (occ.role !== 'registry-assert' || !occ.match.model || occ.match.variant) continue;
      const target = ctx.targetFor(occ.match.model);
      const to = target && alongsideId(occ.match, target);
      if (!to) continue;
      const cur = chosen.get(to);
      if (!cur || occ.match.model.generation >= cur.match.model!.generation) chosen.set(to, occ);
    }
    for (const occ of ctx.occurrences) {
      if (occ.role !== 'registry-assert' || !occ.match.model || occ.match.variant) continue;
      const target = ctx.targetFor(occ.match.model);
      const to = target && alongsideId(occ.match, target);
      if (!target || !to || mentions(ctx.text, { start: 0, end: ctx.text.length }, target.id)) continue;
      const offered = chosen.get(to) === occ && !ctx.generated;
      out.push({
        range: { start: occ.match.start, end: occ.match.end },
        message: MEMBERSHIP_ASSERT.test(ctx.text.slice(occ.context?.assert?.start ?? 0, occ.context?.assert?.end ?? 0))
          ? `This test asserts that ${occ.match.text} is supported: keep it (the old model is still served) and add the same assertion for ${target.id} (guide: Step 1, bucket 3 sub-cases, "Registry-assert test").`
          : `This test checks ${occ.match.text} next to other versions of the family, each covering its own model: keep it (the old model is still served) and add the same check for ${target.id}, whose expected value may differ (guide: Step 1, bucket 3 sub-cases, "Registry-assert test": several model versions make a registry test).`,
        fix: offered ? 'suggest' : 'manual',
        intents: offered ? [{ kind: 'add-alongside', at: occ.match.start, from: occ.match.text, to }] : [],
        from: occ.match.text,
        to,
        notes: offered || ctx.generated
          ? ['The registry under test must also hold the new model (see definer-entry), or the new assertion fails.']
          : [`The assertion for ${to} is offered once, next to ${chosen.get(to)!.match.text}.`],
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
