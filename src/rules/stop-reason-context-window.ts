import { defineRule } from './types.js';

export default defineRule({
  id: 'stop-reason-context-window',
  severity: 'tune',
  fix: 'manual',
  buckets: ['caller'],
  fixTitle: 'Add a branch for stop_reason "model_context_window_exceeded"',
  appliesTo: (t) => t.target.capabilities.contextWindowStopReason && !(t.source?.capabilities.contextWindowStopReason ?? false),
  checkFile(ctx) {
    if (!ctx.fileTransitions.some((t) => this.appliesTo(t))) return [];
    const uses = ctx.view.responseUses.filter((u) => u.kind === 'stop-reason');
    if (uses.length === 0 || uses.some((u) => u.values?.includes('model_context_window_exceeded'))) return [];
    return [{
      range: uses[0].range,
      message: 'Stop-reason handling has no "model_context_window_exceeded" branch (4.5+): it means the context window filled up, distinct from max_tokens (guide: Additional Changes When Coming from 3.x / 4.0 / 4.1, item 4).',
      fix: 'manual',
    }];
  },
  docs: {
    what: 'Reports stop-reason handling with no `model_context_window_exceeded` branch when moving from a model older than 4.5.',
    why: '4.5+ models return `model_context_window_exceeded` when the context window is exhausted, which is not `max_tokens` (guide: "Additional Changes When Coming from 3.x / 4.0 / 4.1", item 4).',
    source: 'model-migration.md#additional-changes-when-coming-from-3x--40--41--46',
    fixSafety: 'Manual: compaction or splitting the conversation is application logic.',
    limits: ['Handling in another file is not connected to the request.'],
    example: 'basic',
  },
});
