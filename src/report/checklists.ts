// The guide's remaining [TUNE] items per target and its verification snippet, for PR summaries and
// the UI's summary screen (guide: "Migration Checklist", "Opus 4.7/4.8 Migration Checklist",
// "Claude Fable 5 Migration Checklist", "Verify the Migration").
import type { LanguageId } from '../languages/types.js';

const TUNE_46 = [
  'Verify tool-input handling parses JSON rather than raw-string-matching the serialized input.',
  'Set output_config.effort explicitly (4.6 defaults to high).',
  'Review system prompts for aggressive tool language (CRITICAL:, MUST, If in doubt) and dial it back.',
  'Verify tool-param string matching tolerates trailing newlines (preserved on 4.5+).',
];
const TUNE_47 = [
  'Give max_tokens and compaction triggers headroom; re-run count_tokens() on representative prompts (no blanket multiplier).',
  'Re-baseline cost and rate-limit dashboards before reacting to measured shifts.',
  'Re-evaluate effort per route: xhigh for coding/agentic, at least high for intelligence-sensitive work.',
  'Multi-turn agentic loops: consider Task Budgets (output_config.task_budget, beta task-budgets-2026-03-13, minimum 20k).',
  'Tool-use workloads: add explicit when/how-to-use guidance to tool descriptions.',
  'Remove forced-progress-update scaffolding ("after every N tool calls…").',
  'Code-review harnesses: report every finding with confidence and severity; filter downstream.',
];
const TUNE_48 = [
  'Long-horizon work: give the full task spec in one well-specified first turn and run at high or xhigh effort.',
  'Sweep effort (medium / high / xhigh) on your eval set per route (default high).',
  'Add a search-first instruction and explicit triggering guidance for subagents, memory and custom tools.',
  'Remove forced-progress scaffolding; add a silence-default if a coding agent is too chatty.',
  'Add small-decisions-don\'t-ask guidance to cut the ask-rate.',
  'Re-evaluate style prompts added to counter 4.7\'s directness.',
];
const TUNE_FABLE = [
  'Re-baseline token counts, context budgets, max_tokens and cost (~30% more tokens than Opus-tier).',
  'Handle stop_reason "refusal" before reading response.content; pick a retry strategy (server-side fallbacks, middleware, or fallback credit).',
  'If thinking text was shown to users, plan for protected thinking: pass blocks back unchanged, never render across models.',
  'Plan for minutes-long turns: timeouts, streaming, async check-ins, progress UX.',
  'Run an effort sweep including low/medium for routine workloads.',
  'A/B with prior-model scaffolding removed.',
];

export function tuneChecklist(target: string): string[] {
  if (/fable|mythos/.test(target)) return TUNE_FABLE;
  if (target === 'claude-opus-4-8') return [...TUNE_47.slice(0, 2), ...TUNE_48];
  if (target === 'claude-opus-4-7') return TUNE_47;
  if (target === 'claude-haiku-4-5') return ['Review your rate-limit tier: Haiku 4.5 has its own pool, separate from Haiku 3.x.', ...TUNE_46.slice(3)];
  return TUNE_46;
}

const SNIPPETS: Partial<Record<LanguageId, (model: string) => string>> = {
  python: (m) => `YOUR_TARGET_MODEL = "${m}"\nresponse = client.messages.create(model=YOUR_TARGET_MODEL, max_tokens=64, messages=[{"role": "user", "content": "ping"}])\nassert response.model.startswith(YOUR_TARGET_MODEL), response.model`,
  typescript: (m) => `const YOUR_TARGET_MODEL = '${m}';\nconst response = await client.messages.create({ model: YOUR_TARGET_MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'ping' }] });\nconsole.assert(response.model.startsWith(YOUR_TARGET_MODEL), response.model);`,
  shell: (m) => `curl -s https://api.anthropic.com/v1/messages -H "x-api-key: $ANTHROPIC_API_KEY" -H "anthropic-version: 2023-06-01" -H "content-type: application/json" \\\n  -d '{"model": "${m}", "max_tokens": 64, "messages": [{"role": "user", "content": "ping"}]}' | jq -r .model`,
};

/** The guide's verification snippet in the language most files of the run use (Python otherwise). */
export function verificationSnippet(target: string, language: LanguageId): { language: string; code: string } {
  const model = target === 'auto' ? 'claude-opus-4-8' : target;
  const lang = language === 'javascript' ? 'typescript' : language;
  const make = SNIPPETS[lang] ?? SNIPPETS.python!;
  return { language: SNIPPETS[lang] ? (lang === 'shell' ? 'bash' : lang) : 'python', code: make(model) };
}
