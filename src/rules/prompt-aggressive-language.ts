import { filePrompts, sourceRangeOf } from './support/prompt-text.js';
import { defineRule, type RuleFinding } from './types.js';

/** The guide's before/after table ("Prompt-Behavior Changes" item 1). */
const PATTERNS: { re: RegExp; after: (m: RegExpExecArray) => string }[] = [
  { re: /CRITICAL:\s*You MUST (use|call|invoke) /g, after: (m) => `${m[1][0].toUpperCase()}${m[1].slice(1)} ` },
  { re: /\bYou MUST (use|call|invoke) /g, after: (m) => `${m[1][0].toUpperCase()}${m[1].slice(1)} ` },
  { re: /\bIf in doubt, use [^.\n]*\.\s?/gi, after: () => '' },
  { re: /\bDefault to using ([^.\n,]+)/g, after: (m) => `Use ${m[1]} when it would improve the answer` },
];

export default defineRule({
  id: 'prompt-aggressive-language',
  severity: 'tune',
  fix: 'suggest',
  buckets: ['caller', 'string-reference'],
  fixTitle: 'Dial back aggressive tool instructions (optional)',
  appliesTo: (t) => t.target.generation >= 4.5 && (t.source?.generation ?? 0) < 4.5,
  checkFile(ctx) {
    if (!ctx.fileTransitions.some((t) => this.appliesTo(t))) return [];
    const out: RuleFinding[] = [];
    for (const p of filePrompts(ctx)) {
      for (const { re, after } of PATTERNS) {
        re.lastIndex = 0;
        for (let m = re.exec(p.value); m; m = re.exec(p.value)) {
          const replacement = after(m);
          const range = sourceRangeOf(ctx, p, m.index, m.index + m[0].length);
          const fallback = { start: p.contentRange.start, end: p.contentRange.end };
          out.push({
            range: range ?? fallback,
            message: '4.5+ models follow the system prompt much more closely: instructions written to overcome old reluctance now overtrigger the tool. Optional tuning, not required to avoid an error (guide: Prompt-Behavior Changes, item 1).',
            fix: range ? 'suggest' : 'manual',
            intents: range ? [{ kind: 'replace', range, text: replacement }] : [],
            prompt: { before: m[0], after: replacement },
          });
        }
      }
    }
    return dedupe(out);
  },
  docs: {
    what: 'Finds aggressive tool instructions in system prompts (`CRITICAL: You MUST use…`, `If in doubt, use…`, `Default to using…`) and offers the guide\'s softer wording, quoting before and after, one item at a time.',
    why: 'Opus 4.5 / 4.6 and Sonnet 4.6 follow the system prompt much more closely, so prompts written to overcome old reluctance now overtrigger (guide: "Prompt-Behavior Changes" item 1; "Explain every change you make": prompt edits are optional and quoted).',
    source: 'model-migration.md#prompt-behavior-changes-opus-45--46-sonnet-46',
    fixSafety: 'Suggest, never auto: prompt edits are judgment calls the user accepts item by item.',
    limits: ['Prompts loaded from files or templates at run time are not seen; strings with escape sequences are reported as manual.'],
    example: 'basic',
  },
});

function dedupe(findings: RuleFinding[]): RuleFinding[] {
  // Two patterns can match the same words (CRITICAL: You MUST / You MUST): keep the outermost.
  return findings.filter((f) => !findings.some((g) => g !== f && g.range.start <= f.range.start && g.range.end >= f.range.end && (g.range.end - g.range.start) > (f.range.end - f.range.start)));
}
