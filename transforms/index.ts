// Pack layering: a target's rules are its own plus every pack it extends, oldest section first.
import type { Rule } from '../src/rules/types.js';
import { RULES } from '../src/rules/registry.js';
import type { Pack } from './types.js';
import { common } from './common.js';
import { pack as haiku45 } from './claude-haiku-4-5.js';
import { pack as sonnet46 } from './claude-sonnet-4-6.js';
import { pack as opus46 } from './claude-opus-4-6.js';
import { pack as opus47 } from './claude-opus-4-7.js';
import { pack as opus48 } from './claude-opus-4-8.js';
import { pack as fable5 } from './claude-fable-5.js';
import { pack as mythos5 } from './claude-mythos-5.js';

export const PACKS: readonly Pack[] = [common, haiku45, sonnet46, opus46, opus47, opus48, fable5, mythos5];

const byTarget = new Map(PACKS.map((p) => [p.target, p]));

const idsByTarget = new Map<string, string[]>();

/** Rule ids for a target, layered: e.g. claude-opus-4-8 = common + 4.6 + 4.7 + 4.8 sections. */
export function packRuleIds(target: string): string[] {
  // Called per rule and request: layering is computed once per target.
  let ids = idsByTarget.get(target);
  if (!ids) idsByTarget.set(target, (ids = layeredRuleIds(target)));
  return ids;
}

function layeredRuleIds(target: string): string[] {
  const chain: Pack[] = [];
  for (let p = byTarget.get(target); p; p = p.extends ? byTarget.get(p.extends) : undefined) chain.unshift(p);
  if (chain.length === 0) chain.push(common);
  return [...new Set(chain.flatMap((p) => p.rules))];
}

/** The rules of a target's pack, in registry order (which is the order edits are gathered). */
export function rulesForTarget(target: string): Rule[] {
  const ids = new Set(packRuleIds(target));
  return RULES.filter((r) => ids.has(r.id));
}

export function packFor(target: string): Pack | undefined {
  return byTarget.get(target);
}
