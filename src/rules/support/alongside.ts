// Shared by the add-alongside rules (definer-entry, capability-gate, registry-assert).
import { LIFECYCLE_TERMS, rewriteCore } from '../../catalog/index.js';
import type { ModelIdMatch, ModelInfo } from '../../catalog/types.js';
import type { Range } from '../../languages/types.js';
import type { Occurrence, RuleFinding } from '../types.js';

/** The new ID written in the same form as the old one (Bedrock prefix kept, Vertex date dropped). */
export function alongsideId(match: ModelIdMatch, target: ModelInfo): string | undefined {
  const core = rewriteCore(match, target);
  if (core === undefined) return undefined;
  return match.text.slice(0, match.core.start - match.start) + core + match.text.slice(match.core.end - match.start);
}

/**
 * Whether `range` of the text already names the target, alias or dated, first-party or in a platform's
 * form (`anthropic.claude-opus-4-8`, `us.anthropic.claude-opus-4-8-v1:0`): the new entry exists, nothing to add.
 */
export function mentions(text: string, range: Range | undefined, id: string): boolean {
  if (!range) return false;
  const slice = text.slice(range.start, range.end);
  return new RegExp(`(^|[^a-z0-9.-]|anthropic\\.)${id.replace(/[.]/g, '\\.')}(?:[-@]\\d{8})?(?:-v\\d+(?::\\d+)?)?($|[^a-z0-9-])`).test(slice);
}

/**
 * What a list says about the models in it, from the words just before it (its name, its key): `lifecycle`
 * for models going away (`DEPRECATED_MODELS`, `retired:`), `exclusion` for models kept out of something or
 * lacking a capability (`UNSUPPORTED_THINKING_MODELS`, `models_without_vision`, `blocklist`). A new model
 * never belongs in the first, and belongs in the second only if it shares the missing capability.
 */
// No leading word boundary: list names join words with underscores (`ANTHROPIC_DEPRECATED_MODELS`).
const LIFECYCLE_LIST = new RegExp(LIFECYCLE_TERMS, 'i');

export function listMeaning(text: string, collection: Range | undefined): 'lifecycle' | 'exclusion' | undefined {
  if (!collection) return undefined;
  // The nearest words before the list: its own line up to its start, or when that holds no name (a bare
  // `{` or `- item`), the line above, at most two lines up (`NAME = frozenset(` / `{`, `retired:` / `- …`).
  let end = collection.start;
  let lead = '';
  for (let i = 0; i < 3 && end > 0; i++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    lead = text.slice(start, end);
    if (/[A-Za-z_]{2,}/.test(lead)) break;
    end = start - 1;
  }
  if (LIFECYCLE_LIST.test(lead)) return 'lifecycle';
  // `without` names a missing capability (`MODELS_WITHOUT_VISION`), not a missing part of the ID (`…_WITHOUT_DATE`).
  if (/unsupported|not_?supported|without(?![_ -]?(date|dates|version|versions|prefix|suffix|snapshot))|\bno_|_no_|disabled|exclu|block_?list|blocked|deny_?list|denied|disallow|banned|skip/i.test(lead)) return 'exclusion';
  // camelCase names: `noTemperatureModels`, `NO_VISION` is covered above.
  if (/(^|[^A-Za-z])no[A-Z]/.test(lead)) return 'exclusion';
  return undefined;
}

/**
 * The string a case yields when its whole body is one (`case "claude-2.1": return "claude-v2:1"`, `when
 * 'claude-2.1' then 'claude-v2:1'`, `"claude-2.1" -> "…";`, or that value alone on the next line).
 */
function caseValue(text: string, labelEnd: number): string | undefined {
  const rest = text.slice(labelEnd, labelEnd + 240);
  const m = /^['"`]?[^\S\n]*(?:,[^\n]*?)?(?::|=>|->|\bthen\b)?[^\S\n]*(?:\n[^\S\n]*)?(?:return[^\S\n]+)?(['"`])([^'"`\n]*)\1[^\S\n]*[;,]?[^\S\n]*(?:\n|$)/.exec(rest);
  return m ? m[2] : undefined;
}

/**
 * A switch case or `when` branch mapping the old model to a value of its own (a lookup, not a gate or a
 * registry entry): a manual finding saying to add a case for the new model, or undefined when the case is not one.
 */
export function lookupCase(text: string, occ: Occurrence, to: string, guide: string): RuleFinding | undefined {
  const mapped = occ.context?.collection?.kind === 'switch' ? caseValue(text, occ.match.end) : undefined;
  if (mapped === undefined) return undefined;
  return {
    range: { start: occ.match.start, end: occ.match.end },
    message: `This case maps ${occ.match.text} to a value of its own (${mapped.slice(0, 60)}): adding ${to} to the same case would give the new model the old model's value. Add a case for ${to} with its own value, and keep this one (the old model is still served) (guide: ${guide}).`,
    fix: 'manual',
    intents: [],
    from: occ.match.text,
    to,
  };
}

/** Membership-style asserts are registry tests (`assert "claude-…" in SUPPORTED`); `assert resp.model == "…"` is a plain fixture. */
export const MEMBERSHIP_ASSERT = /\bin\b|\bis_?[Ss]upported\b|\bsupports?\(|SUPPORTED|[Ss]upported_?[Mm]odels|\binclude\(|have_key|contain_exactly|match_array|contains|Contains|include\?|includes|toContain|assertIn|in_array|has\(|\.has_key|ContainsKey|containsKey|hasItem|assertArrayHasKey|toHaveProperty/;
