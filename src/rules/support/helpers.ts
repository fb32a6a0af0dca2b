// Small queries over the neutral request view, shared by rules.
import type { ModelInfo } from '../../catalog/types.js';
import type { EditIntent, FieldView, NeutralValue, RequestView, ValueView } from '../../languages/types.js';
import type { FileContext, Transition } from '../types.js';

export function field(obj: ValueView | undefined, key: string): FieldView | undefined {
  return obj?.fields?.find((f) => f.key === key);
}

export function param(req: RequestView, key: string): FieldView | undefined {
  return field(req.params, key);
}

/** Field at a key path from the request params: `path(req, 'output_config', 'effort')`. */
export function paramPath(req: RequestView, ...keys: string[]): FieldView | undefined {
  let obj: ValueView | undefined = req.params;
  let f: FieldView | undefined;
  for (const k of keys) {
    f = field(obj, k);
    if (!f) return undefined;
    obj = f.value;
  }
  return f;
}

/** The expression as written at the use site: the name for a value reached through a constant, never its definition. */
export function codeAtUse(v: ValueView, text: string): string {
  return v.via ? text.slice(v.via.useRange.start, v.via.useRange.end) : v.text;
}

export function literalString(v: ValueView | undefined): string | undefined {
  return typeof v?.literal === 'string' ? v.literal : undefined;
}

export function literalNumber(v: ValueView | undefined): number | undefined {
  if (typeof v?.literal === 'number') return v.literal;
  if (typeof v?.literal === 'string' && /^\d+$/.test(v.literal)) return Number(v.literal);
  return undefined;
}

/** Thinking type as configured: 'enabled' | 'adaptive' | 'disabled' | undefined (unset) | 'unknown' (computed). */
export function thinkingType(req: RequestView): string | undefined {
  const t = param(req, 'thinking');
  if (!t) return undefined;
  if (t.value.kind !== 'object') return 'unknown';
  const type = literalString(field(t.value, 'type')?.value);
  if (type) return type;
  if (field(t.value, 'budget_tokens')) return 'enabled';
  return 'unknown';
}

/** GA beta flags (guide: "Beta Headers to Remove on 4.6"); interleaved thinking only once thinking is adaptive. */
export const GA_BETAS = [
  'effort-2025-11-24',
  'fine-grained-tool-streaming-2025-05-14',
  'token-efficient-tools-2025-02-19',
  'output-128k-2025-02-19',
] as const;
export const INTERLEAVED_THINKING = 'interleaved-thinking-2025-05-14';

/**
 * Whether the request's thinking is (or this run makes it) adaptive or unset-on-Fable, so the
 * interleaved-thinking beta is redundant.
 */
export function thinkingEndsAdaptive(req: RequestView, t: Transition, ctx: FileContext): boolean {
  const type = thinkingType(req);
  const caps = t.target.capabilities;
  if (type === 'adaptive') return true;
  if (caps.thinking.omitOnly) return true; // Fable/Mythos: thinking is always adaptive
  if (type === 'enabled') return caps.thinking.adaptive && !(caps.thinking.enabled && ctx.options.keepBudgetTokens);
  return false;
}

/** The beta flags that become removable for this request on this target. */
export function removableBetas(req: RequestView, t: Transition, ctx: FileContext): Set<string> {
  const set = new Set<string>();
  if (t.target.generation < 4.6) return set;
  for (const b of GA_BETAS) set.add(b);
  if (thinkingEndsAdaptive(req, t, ctx)) set.add(INTERLEAVED_THINKING);
  return set;
}

/** Split an `anthropic-beta` header value into flags. */
export function splitBetaHeader(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Add `key: value` into `params.output_config` (merging with an existing object) as one intent. */
/** Whether the request sets an effort: in output_config, or through a wrapper's own setting (`effort=`, `reasoning_effort=`). */
export function setsEffort(req: RequestView): boolean {
  return !!paramPath(req, 'output_config', 'effort') || (!!req.wrapper && (!!param(req, 'effort') || !!param(req, 'reasoning_effort')));
}

export function addToOutputConfig(req: RequestView, key: string, value: NeutralValue): EditIntent | undefined {
  // A wrapper names these settings its own way (LangChain: `outputConfig`, `effort=`), version by version.
  if (req.wrapper) return undefined;
  const oc = param(req, 'output_config');
  if (oc) {
    if (oc.value.kind !== 'object') return undefined; // computed elsewhere: cannot merge safely
    if (field(oc.value, key)) return undefined;
    return { kind: 'add-field', container: oc.value, path: ['output_config', key], key, to: value };
  }
  return { kind: 'add-field', container: req.params, path: ['output_config'], key: 'output_config', to: { [key]: value } };
}

/** Short model label for messages. */
export function label(m: ModelInfo | undefined): string {
  return m ? m.id : 'the target model';
}

/** Whether the request is on Bedrock (some first-party-only features are skipped there). */
export function onBedrock(req: RequestView): boolean {
  return req.platform === 'bedrock';
}

export function isOpus47Plus(m: ModelInfo): boolean {
  return m.capabilities.sampling === 'none';
}
