import { defineRule } from './types.js';

export default defineRule({
  id: 'generated-snapshot',
  severity: 'info',
  fix: 'manual',
  buckets: ['caller', 'definer', 'variant', 'string-reference'],
  fixTitle: 'Regenerate this file; do not hand-edit it',
  appliesTo: () => true,
  checkFile(ctx) {
    if (!ctx.generated) return [];
    const old = ctx.occurrences.filter((o) => o.match.model && ctx.targetFor(o.match.model));
    if (old.length === 0) return [];
    const first = old[0].match;
    return [{
      range: { start: first.start, end: first.end },
      message: `Generated or frozen file (${ctx.generated}) holding ${old.length} old model ID(s): regenerate it after migrating its source; never hand-edit (guide: Step 1, bucket 3 sub-cases, "Frozen / generated snapshot").`,
      fix: 'manual',
      from: first.text,
    }];
  },
  docs: {
    what: 'Reports generated or frozen files (test snapshots, `__snapshots__`, VCR cassettes and `.httprr` recordings, JSON files holding a recorded Messages API response, lockfiles, `@generated` / `DO NOT EDIT` headers, generated SDK model enums) that hold old model IDs, and edits none of them.',
    why: 'Frozen and generated files are regenerated from their source, not edited by hand (guide: "Step 1" → bucket 3 sub-cases, "Frozen / generated snapshot").',
    source: 'model-migration.md#step-1-classify-each-file',
    fixSafety: 'Manual.',
    limits: ['Generated files without a recognisable path or header are treated as ordinary files.'],
    example: 'basic',
  },
});
