import { lineStartOf } from '../languages/edit-helpers.js';
import { defineRule, type RuleFinding } from './types.js';

export function fastModeComment(target: string, source: string): string {
  return `${prettyName(target)} has no Fast Mode — keeping on ${prettyName(source)} Fast (caller's choice to switch to standard ${prettyName(target)}).`;
}

function prettyName(id: string): string {
  const m = /^claude-(opus|sonnet|haiku|fable|mythos)-(\d+)(?:-(\d+))?/.exec(id);
  if (!m) return id;
  return `${m[1][0].toUpperCase()}${m[1].slice(1)} ${m[2]}${m[3] ? `.${m[3]}` : ''}`;
}

export default defineRule({
  id: 'fast-mode',
  severity: 'info',
  fix: 'auto',
  buckets: ['caller', 'definer', 'variant', 'string-reference'],
  fixTitle: 'Keep the Fast Mode ID and add the guide\'s comment',
  appliesTo: () => true,
  checkFile(ctx) {
    const out: RuleFinding[] = [];
    for (const { match, role } of ctx.occurrences) {
      if (match.variant !== '-fast' || !match.model?.capabilities.fastMode || role === 'comment' || role === 'prose') continue;
      const target = ctx.targetFor(match.model);
      if (!target || target.capabilities.fastMode) continue;
      const comment = fastModeComment(target.id, match.model.id);
      // Idempotent: the comment is already on the line above.
      const lineStart = lineStartOf(ctx.text, match.start);
      const prevLine = ctx.text.slice(lineStartOf(ctx.text, Math.max(0, lineStart - 1)), lineStart);
      if (prevLine.includes('has no Fast Mode')) continue;
      out.push({
        range: { start: match.start, end: match.end },
        message: `${target.id} has no Fast Mode; ${match.text} stays (still supported). Options: stay on ${match.model.id} Fast, or move latency-tolerant traffic to standard ${target.id} (guide: Fast Mode: not available on Opus 4.7).`,
        fix: ctx.generated ? 'manual' : 'auto',
        intents: ctx.generated ? [] : [{ kind: 'insert-comment', at: match.start, text: comment }],
        from: match.text,
        to: match.text,
      });
    }
    return out;
  },
  docs: {
    what: 'Keeps a Fast Mode model string (`claude-opus-4-6-fast`) unchanged when the target has no Fast Mode and adds the guide\'s one-line comment above it.',
    why: 'Opus 4.7+ has no Fast Mode and Opus 4.6 Fast remains supported; switching silently trades latency for intelligence, which is the caller\'s decision (guide: "Fast Mode: not available on Opus 4.7": leave the string, add the comment).',
    source: 'model-migration.md#fast-mode-not-available-on-opus-47',
    fixSafety: 'Auto: only a comment is added.',
    limits: ['In JSON files (no comments) the finding is reported without an edit.'],
    example: 'basic',
  },
});
