// Response handling in shell scripts, which read Messages API responses with jq: the stop reason
// (`stop_reason=$(jq -r '.stop_reason' <<<"$response")`, then `case "$stop_reason" in …` or
// `[[ $stop_reason == max_tokens ]]`, or `jq -e '.stop_reason == "refusal"'`) and the thinking text
// (`jq -r '.content[] | select(.type == "thinking") | .thinking'`, `.delta.thinking` in a stream).
import type { Node } from 'web-tree-sitter';
import type { Range, ResponseUse } from '../types.js';
import { rangeOf, walk } from '../tree-sitter/common.js';
import { commandName } from './curl.js';
import type { WordDecoder } from './words.js';

const STOP_PATH = /\.stop_reason\b/;
const THINKING_PATH = /\.thinking\b/;
const STOP_NAME = /^(stop_?reason|STOP_?REASON|stopReason)$/;
/** A stop reason as the API spells it. */
const STOP_VALUE = /^[a-z]+(_[a-z]+)*$/;

/** Variables that hold a stop reason: assigned from a jq `.stop_reason` read, or named for one. */
function stopVariables(root: Node): Set<string> {
  const names = new Set<string>();
  walk(root, (n) => {
    if (n.type !== 'variable_assignment') return;
    const name = n.childForFieldName('name')?.text;
    const value = n.childForFieldName('value');
    if (name && (STOP_NAME.test(name) || (value && STOP_PATH.test(value.text)))) names.add(name);
  });
  return names;
}

/** The subject mentions a stop reason: `"$stop_reason"`, `$(jq -r .stop_reason …)`. */
function mentionsStop(n: Node | null, vars: Set<string>): boolean {
  if (!n) return false;
  if (STOP_PATH.test(n.text)) return true;
  let found = false;
  walk(n, (x) => {
    if (x.type === 'variable_name' && vars.has(x.text)) found = true;
    return !found;
  });
  return found;
}

/** The static text of a test operand or case pattern (`"max_tokens"`, `'refusal'`, `end_turn`). */
function staticWord(n: Node, decoder: WordDecoder): string | undefined {
  if (n.type === 'word' || n.type === 'extglob_pattern') return /[*?[\]]/.test(n.text) ? undefined : n.text;
  if (n.type === 'raw_string' || n.type === 'string') {
    const host = decoder.word(n);
    return /[$`]/.test(n.text) ? undefined : host.text;
  }
  return undefined;
}

/** The outermost `if` of an if/elif chain holding `n`, so its comparisons are one group. */
function ifChainOf(n: Node): Node {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'if_statement') return p;
    if (p.type === 'function_definition' || p.type === 'program') break;
  }
  return n;
}

export function responseUses(root: Node, decoder: WordDecoder, bodyNodeIds: Set<number>): ResponseUse[] {
  const vars = stopVariables(root);
  const groups = new Map<string, { range: Range; values: Set<string> }>();
  const add = (anchor: Node, value: string | undefined) => {
    const key = `${anchor.startIndex}:${anchor.endIndex}`;
    if (!groups.has(key)) groups.set(key, { range: rangeOf(anchor), values: new Set() });
    if (value && STOP_VALUE.test(value)) groups.get(key)!.values.add(value);
  };
  const thinking: ResponseUse[] = [];

  walk(root, (n) => {
    if (bodyNodeIds.has(n.id)) return false;
    if (n.type === 'case_statement' && mentionsStop(n.childForFieldName('value'), vars)) {
      add(n, undefined);
      for (const item of n.namedChildren) {
        if (item?.type !== 'case_item') continue;
        for (const v of item.childrenForFieldName('value')) if (v) add(n, staticWord(v, decoder));
      }
    }
    if (n.type === 'binary_expression' && /^(==?|!=)$/.test(n.childForFieldName('operator')?.text ?? '')) {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      const other = mentionsStop(left, vars) ? right : mentionsStop(right, vars) ? left : undefined;
      if (other) add(ifChainOf(n), staticWord(other, decoder));
    }
    if (n.type === 'command' && commandName(n) === 'jq') {
      for (const arg of n.childrenForFieldName('argument')) {
        if (!arg || (arg.type !== 'raw_string' && arg.type !== 'string' && arg.type !== 'word')) continue;
        const filter = arg.type === 'word' ? arg.text : decoder.word(arg).text;
        // `.stop_reason == "refusal"` inside the filter is a comparison of its own.
        for (const m of filter.matchAll(/\.stop_reason\s*(?:==|!=)\s*"([a-z_]+)"/g)) add(ifChainOf(n), m[1]);
        if (THINKING_PATH.test(filter) && !/\.thinking\s*[:=]/.test(filter)) thinking.push({ kind: 'thinking-text', range: rangeOf(arg) });
      }
    }
  });
  const stops: ResponseUse[] = [...groups.values()].map((g) => ({ kind: 'stop-reason', range: g.range, values: [...g.values] }));
  return [...thinking, ...stops].sort((a, b) => a.range.start - b.range.start);
}
