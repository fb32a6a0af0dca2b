import { filePrompts, sourceRangeOf } from './support/prompt-text.js';
import { defineRule, type RuleFinding } from './types.js';

/** "After every 3 tool calls, summarize progress" and close variants (guide: Opus 4.7 / 4.8 behavioral shifts). */
const SCAFFOLD = /\s?After every (\w+) (tool calls?|steps?|actions?)[^.\n]*(summari[sz]e|progress|update)[^.\n]*\.?/gi;

export default defineRule({
  id: 'prompt-progress-scaffolding',
  severity: 'tune',
  fix: 'suggest',
  buckets: ['caller', 'string-reference'],
  fixTitle: 'Remove forced progress-update scaffolding (optional)',
  appliesTo: (t) => t.target.capabilities.sampling === 'none' && (t.source?.capabilities.sampling ?? 'all') !== 'none',
  checkFile(ctx) {
    if (!ctx.fileTransitions.some((t) => this.appliesTo(t))) return [];
    const out: RuleFinding[] = [];
    for (const p of filePrompts(ctx)) {
      SCAFFOLD.lastIndex = 0;
      for (let m = SCAFFOLD.exec(p.value); m; m = SCAFFOLD.exec(p.value)) {
        const range = sourceRangeOf(ctx, p, m.index, m.index + m[0].length);
        out.push({
          range: range ?? p.contentRange,
          message: 'Opus 4.7+ gives regular, high-quality progress updates on its own; forced progress scaffolding now produces excessive user-facing text. Optional tuning (guide: Migrating to Opus 4.7, "User-facing progress updates"; Opus 4.8 "More user-facing narration").',
          fix: range ? 'suggest' : 'manual',
          intents: range ? [{ kind: 'replace', range, text: '' }] : [],
          prompt: { before: m[0].trim(), after: '' },
        });
      }
    }
    return out;
  },
  docs: {
    what: 'Finds forced progress scaffolding in prompts ("After every 3 tool calls, summarize progress") and offers to delete it, quoting the text.',
    why: 'Opus 4.7 provides regular interim updates on its own and 4.8 narrates even more; the scaffolding now causes excessive user-facing text (guide: "Migrating to Opus 4.7" → Capability improvements, "User-facing progress updates"; Opus 4.7 and 4.8 checklists [TUNE]).',
    source: 'model-migration.md#capability-improvements',
    fixSafety: 'Suggest, never auto: prompt edits are optional tuning.',
    limits: ['Only English phrasings close to the guide\'s example are found.'],
    example: 'basic',
  },
});
