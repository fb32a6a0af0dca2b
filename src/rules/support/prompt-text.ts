// Finding prompt text (system prompts) in a request, for the prompt-tuning rules.
import type { Range, RequestView, ValueView } from '../../languages/types.js';
import type { FileContext } from '../types.js';
import { field, param } from './helpers.js';

export interface PromptString {
  value: string;
  /** Where the string's content sits (edits replace inside it). */
  contentRange: Range;
}

/** System prompt strings of a request (a string, or text blocks), plus mid-session system messages. */
export function systemPrompts(req: RequestView): PromptString[] {
  const out: PromptString[] = [];
  const push = (v: ValueView | undefined) => {
    if (v && typeof v.literal === 'string' && v.contentRange) out.push({ value: v.literal, contentRange: v.contentRange });
  };
  const system = param(req, 'system')?.value;
  push(system);
  for (const block of system?.elements ?? []) push(field(block, 'text')?.value);
  return out;
}

/**
 * Prompt strings of the file: request system prompts, plus long string constants that read like
 * instructions (system prompts are often module constants passed by name, or live in config).
 */
export function filePrompts(ctx: FileContext): PromptString[] {
  const seen = new Set<number>();
  const out: PromptString[] = [];
  for (const req of ctx.view.requests) for (const p of systemPrompts(req)) if (!seen.has(p.contentRange.start)) { seen.add(p.contentRange.start); out.push(p); }
  for (const s of ctx.view.strings) {
    if (seen.has(s.contentRange.start) || s.value.length < 40 || !/\b(you|your|tool|assistant|respond)\b/i.test(s.value)) continue;
    seen.add(s.contentRange.start);
    out.push({ value: s.value, contentRange: s.contentRange });
  }
  return out;
}

/**
 * Map an offset in a string's decoded value back to the source: exact when the content has no
 * escapes (source length = value length); otherwise undefined (the edit is offered as manual).
 */
export function sourceRangeOf(ctx: FileContext, p: PromptString, start: number, end: number): Range | undefined {
  const raw = ctx.text.slice(p.contentRange.start, p.contentRange.end);
  if (raw !== p.value) return undefined;
  return { start: p.contentRange.start + start, end: p.contentRange.start + end };
}
