import { field, literalString, param } from './support/helpers.js';
import { defineRule } from './types.js';
import type { EditIntent, RequestView, ValueView } from '../languages/types.js';

export type PrefillIntent = 'output-format' | 'system-instruction' | 'user-turn';

const PREAMBLE_INSTRUCTION = "Respond directly without preamble. Do not start with phrases like 'Here is...' or 'Based on...'.";

/** What a prefill was doing, from its text (guide: the prefill replacement table). */
export function classifyPrefill(text: string | undefined): PrefillIntent {
  const t = (text ?? '').trim();
  if (/^[[{]/.test(t) || /^```(json|ya?ml)?/i.test(t) || /^<\w+>$/.test(t)) return 'output-format';
  if (/^(here is|here's|sure|certainly|okay|ok,|based on)/i.test(t) || /:\s*$/.test(t)) return 'system-instruction';
  return 'user-turn';
}

function contentText(msg: ValueView): string | undefined {
  const content = field(msg, 'content')?.value;
  if (!content) return undefined;
  if (typeof content.literal === 'string') return content.literal;
  const first = content.elements?.[0];
  return first ? literalString(field(first, 'text')?.value) : undefined;
}

/** The replacement edits for each intent; the UI offers all three, the report shows the one matching the text. */
export function prefillReplacement(req: RequestView, messages: ValueView, last: ValueView, intent: PrefillIntent): EditIntent[] {
  const remove: EditIntent = { kind: 'remove-element', array: messages, element: last };
  const text = contentText(last) ?? '';
  switch (intent) {
    case 'output-format': {
      const oc = param(req, 'output_config');
      const format = { type: 'json_schema', schema: { type: 'object', properties: {}, description: 'TODO(claude-migrate): describe the JSON the prefill was forcing' } };
      // A format already there (possibly added earlier in this run): only the prefill goes.
      if (oc && field(oc.value, 'format')) return [remove];
      if (oc && oc.value.kind === 'object') return [remove, { kind: 'add-field', container: oc.value, path: ['output_config', 'format'], key: 'format', to: format }];
      return [remove, { kind: 'add-field', container: req.params, path: ['output_config'], key: 'output_config', to: { format } }];
    }
    case 'system-instruction': {
      const system = param(req, 'system');
      // A system prompt written as text blocks (`[{type: "text", text: "…"}]`): the first block's text.
      const systemText = system && typeof system.value.literal !== 'string' ? field(system.value.elements?.[0], 'text')?.value : system?.value;
      if (systemText && typeof systemText.literal === 'string' && systemText.contentRange) {
        // Appended inside the existing string literal: this wording has no quote characters to escape.
        return [remove, { kind: 'replace', range: { start: systemText.contentRange.end, end: systemText.contentRange.end }, text: ' Respond directly without preamble; do not open with phrases such as Here is or Based on.' }];
      }
      if (system) return [];
      return [remove, { kind: 'add-field', container: req.params, path: ['system'], key: 'system', to: PREAMBLE_INSTRUCTION }];
    }
    case 'user-turn':
      return [{ kind: 'set-value', value: last, path: ['messages', '*'], to: { role: 'user', content: `Your previous response was interrupted and ended with \`${text}\`. Continue from there.` } }];
  }
}

export default defineRule({
  id: 'prefill',
  severity: 'blocks',
  fix: 'suggest',
  buckets: ['caller'],
  fixTitle: 'Replace the assistant prefill by what it was for',
  appliesTo: (t) => !t.target.capabilities.prefill,
  checkRequest(req, t) {
    const messages = param(req, 'messages')?.value;
    const last = messages?.elements?.at(-1);
    if (!messages || !last || last.kind !== 'object') return [];
    if (literalString(field(last, 'role')?.value) !== 'assistant') return [];
    const text = contentText(last);
    const intent = classifyPrefill(text);
    const intents = prefillReplacement(req, messages, last, intent);
    const label = { 'output-format': 'structured outputs (output_config.format with a JSON schema you must fill in)', 'system-instruction': 'a system-prompt instruction to skip the preamble', 'user-turn': 'a user-turn continuation' }[intent];
    const titles: Record<PrefillIntent, string> = {
      'output-format': 'Structured outputs: output_config.format with a JSON schema',
      'system-instruction': 'A system-prompt instruction (skip the preamble)',
      'user-turn': 'A user-turn continuation',
    };
    const alternatives = (['output-format', 'system-instruction', 'user-turn'] as const)
      .filter((i) => i !== intent)
      .map((i) => ({ choice: i, title: titles[i], intents: prefillReplacement(req, messages, last, i) }))
      .filter((a) => a.intents.length > 0);
    return [{
      choice: intent,
      fixTitle: titles[intent],
      alternatives,
      range: last.range,
      message: `The request ends with an assistant turn (a prefill), which returns 400 on ${t.target.id}; replace it with ${label} (guide: Migrating to the 4.6 family, item 3).`,
      fix: intents.length ? 'suggest' : 'manual',
      intents,
      notes: [`Prefill text: ${JSON.stringify(text ?? '(computed)')}. Other replacements: see the prefill table ("Forcing a classification label" → a tool with an enum field).`],
    }];
  },
  docs: {
    what: 'Detects requests whose `messages` end with an assistant turn (a prefill) and offers the replacement matching its intent: `output_config.format` for JSON-forcing prefills, a system instruction for preamble-skipping ones, a user-turn continuation otherwise. Assistant turns in the middle (few-shot examples) are not prefills.',
    why: 'Prefills on the final assistant turn return 400 on Opus 4.6, Sonnet 4.6, Opus 4.7+, and Fable 5 (guide: "Migrating to the 4.6 family" item 3, with its replacement table; Fable 5 Breaking changes 2).',
    source: 'model-migration.md#migrating-to-the-46-family-opus-46-and-sonnet-46',
    fixSafety: 'Never auto: the replacement is a judgment call (suggest). The JSON schema placeholder must be filled in by a person.',
    limits: ['Prefills appended to a message list at run time (`messages.append(...)`) are not seen.'],
    example: 'basic',
  },
});
