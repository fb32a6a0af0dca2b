import { defineRule } from './types.js';

export default defineRule({
  id: 'stop-reason-refusal',
  severity: 'tune',
  fix: 'manual',
  buckets: ['caller'],
  fixTitle: 'Add a branch for stop_reason "refusal"',
  appliesTo: (t) => t.target.capabilities.refusalStopReason && !(t.source?.capabilities.refusalStopReason ?? false) || t.target.capabilities.requiresRetention,
  checkFile(ctx) {
    if (!ctx.fileTransitions.some((t) => this.appliesTo(t))) return [];
    const uses = ctx.view.responseUses.filter((u) => u.kind === 'stop-reason');
    if (uses.length === 0 || uses.some((u) => u.values?.includes('refusal'))) return [];
    const fable = ctx.fileTransitions.some((t) => t.target.capabilities.requiresRetention);
    return [{
      range: uses[0].range,
      message: fable
        ? 'Stop-reason handling has no "refusal" branch: Fable 5 safety classifiers return stop_reason "refusal" with empty or partial content; check it before reading content (guide: Migrating to Claude Fable 5, "refusal stop reason").'
        : 'Stop-reason handling has no "refusal" branch; Claude 4+ can return stop_reason "refusal" (guide: Additional Changes When Coming from 3.x / 4.0 / 4.1, item 3).',
      fix: 'manual',
    }];
  },
  docs: {
    what: 'Reports stop-reason handling (comparisons, switches) with no `refusal` branch when moving onto Claude 4+ or Fable 5.',
    why: 'Claude 4+ can return `stop_reason: "refusal"` (guide: "Additional Changes When Coming from 3.x / 4.0 / 4.1" item 3); on Fable 5 classifiers decline with HTTP 200 and empty content, so code reading `content[0]` breaks ("Migrating to Claude Fable 5" → refusal stop reason).',
    source: 'model-migration.md#additional-changes-when-coming-from-3x--40--41--46',
    fixSafety: 'Manual: what to do on a refusal (surface, retry on a fallback model) is the caller\'s decision.',
    limits: ['Stop-reason handling in another file from the request is judged on its own file\'s targets.'],
    example: 'basic',
  },
});
