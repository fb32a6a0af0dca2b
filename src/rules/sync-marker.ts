import { defineRule, type RuleFinding } from './types.js';

/** Comment markers teams use for spots that change at every model launch (guide: Step 1, last paragraph). */
// `@model-update` starts with a non-word character, so it sits outside the leading \b.
export const SYNC_MARKER = /(@model-update\b|\b(?:MODEL[ _-]?LAUNCH|KEEP[ _-]IN[ _-]SYNC|MODEL[ _-]UPDATE|SYNC[ _-]WITH[ _-]MODELS?|UPDATE[ _-]ON[ _-]NEW[ _-]MODEL|NEW[ _-]MODEL[ _-]CHECKLIST)\b)/g;

export default defineRule({
  id: 'sync-marker',
  severity: 'info',
  fix: 'manual',
  buckets: ['caller', 'definer', 'variant', 'string-reference'],
  fixTitle: 'Review this load-bearing spot first',
  appliesTo: () => true,
  checkFile(ctx) {
    const out: RuleFinding[] = [];
    SYNC_MARKER.lastIndex = 0;
    for (let m = SYNC_MARKER.exec(ctx.text); m; m = SYNC_MARKER.exec(ctx.text)) {
      const lineEnd = ctx.text.indexOf('\n', m.index);
      const line = ctx.text.slice(m.index, lineEnd === -1 ? undefined : lineEnd).trim().slice(0, 120);
      out.push({
        range: { start: m.index, end: m.index + m[0].length },
        message: `Sync marker "${line}": the team tagged this spot to change at every model launch; review it first (guide: Step 1, "Find intentionally-flagged sync points first").`,
        fix: 'manual',
      });
    }
    return out;
  },
  docs: {
    what: 'Finds sync markers (`MODEL LAUNCH`, `KEEP IN SYNC`, `@model-update`, and similar) and reports them first in every report.',
    why: 'Codebases tag spots that must change at every model launch; those markers point at the load-bearing changes and are reviewed before the broad model-ID sweep (guide: "Step 1", "Find intentionally-flagged sync points first").',
    source: 'model-migration.md#step-1-classify-each-file',
    fixSafety: 'Manual.',
    limits: ['Markers in a team-specific wording outside this list are not found.'],
    example: 'basic',
  },
});
