import { defineRule } from './types.js';

export default defineRule({
  id: 'fable-data-retention',
  severity: 'blocks',
  fix: 'manual',
  buckets: ['caller'],
  fixTitle: 'Confirm the organisation has 30-day data retention',
  // Only when moving onto such a model: code already on Fable is not re-flagged on every lint.
  appliesTo: (t) => t.target.capabilities.requiresRetention && !(t.source?.capabilities.requiresRetention ?? false),
  checkRun(transitions) {
    const t = transitions.find((x) => x.target.capabilities.requiresRetention);
    if (!t) return [];
    return [{
      range: { start: 0, end: 0 },
      message: `${t.target.id} requires 30-day data retention: organisations under zero data retention get 400 invalid_request_error on every request; confirm the org's retention settings before switching (guide: Migrating to Claude Fable 5, "Data retention requirement").`,
      fix: 'manual',
    }];
  },
  docs: {
    what: 'Reported once per run when migrating to Claude Fable 5 or Claude Mythos 5.',
    why: 'Fable 5 requires 30-day data retention and is not available under zero data retention; requests return 400 invalid_request_error (guide: "Migrating to Claude Fable 5" → Data retention requirement; Fable checklist [BLOCKS]).',
    source: 'model-migration.md#data-retention-requirement',
    fixSafety: 'Manual: an organisation setting, not code.',
    limits: ['The tool cannot see the organisation\'s settings.'],
    example: 'basic',
  },
});
