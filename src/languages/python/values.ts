// Python expressions → neutral ValueViews. Dict literals, `dict(k=v)` and TypedDict constructor calls
// (`MessageCreateParamsNonStreaming(model=…)`) become objects; identifiers are resolved to their
// single definition in this module (or, for `from .config import X`, in a sibling module on disk);
// `os.environ.get("K", "default")` stands for its default. Every object/array built here records
// the syntax it came from so the renderer can edit it.
import type { Node } from 'web-tree-sitter';
import { dirname, join } from 'node:path';
import type { FieldView, Range, ValueView } from '../types.js';
import { isInputFile, readInput } from '../../scanner/inputs.js';
import { parseNumber, rangeKey, rangeOf } from '../tree-sitter/common.js';
import { ENV_LOOKUPS } from './sdk.js';
import { pyString } from './strings.js';
import { isMutated, resolveName, resolveSelf, selfKey, subscriptSetsOf, type Binding, type ModuleBindings } from './scope.js';

/** A separator-delimited list the renderer can insert into / remove from. */
export interface PyContainer {
  kind: 'dict' | 'kwargs' | 'list' | 'tuple' | 'set';
  node: Node;
  /** Between the brackets / parentheses. */
  inner: Range;
  /** Entries in order: pairs, keyword arguments, splats, elements. */
  items: Node[];
}

export type FieldOwner =
  | { kind: 'item'; container: PyContainer; item: Node }
  /** `params["temperature"] = 0.2` after the literal: the field is the whole statement. */
  | { kind: 'statement'; statement: Node };

export interface ValueContext {
  text: string;
  path: string;
  mb: ModuleBindings;
  containers: Map<string, PyContainer>;
  fieldOwners: Map<string, FieldOwner>;
  /** Definition value range → the binding (remove-definition). */
  definitions: Map<string, Binding>;
  /** Objects that may hold more fields than we see (`**unknown`, `.update(…)`). */
  opaque: WeakSet<ValueView>;
  /** Parsed sibling modules (`.config` → its constants), cached per resolved file. */
  externals: Map<string, Map<string, ExternalConstant> | undefined>;
  parseExternal?: (source: string) => Map<string, ExternalConstant>;
}

/** A module-level `NAME = <simple literal>` in a sibling module. */
export interface ExternalConstant {
  kind: 'string' | 'number' | 'boolean' | 'null' | 'template';
  text: string;
  literal?: string | number | boolean | null;
}

/** Entries of a dict / list / tuple / set / argument list (comments are extras, not entries). */
export function itemsOf(node: Node): Node[] {
  return node.namedChildren.filter((c) => c.type !== 'comment');
}

function register(ctx: ValueContext, view: ValueView, kind: PyContainer['kind'], node: Node, items: Node[]): PyContainer {
  const container: PyContainer = { kind, node, inner: { start: node.startIndex + 1, end: node.endIndex - 1 }, items };
  ctx.containers.set(rangeKey(view.range), container);
  return container;
}

function unwrap(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren.length === 1) n = n.namedChildren[0];
  return n;
}

/** A call that builds a dict: `dict(k=v)` or a TypedDict / params class called with keywords only. */
export function isDictCall(node: Node): boolean {
  if (node.type !== 'call') return false;
  const fn = node.childForFieldName('function');
  const args = node.childForFieldName('arguments');
  if (!fn || args?.type !== 'argument_list') return false;
  const name = fn.text.replace(/^.*\./, '');
  const kwOnly = itemsOf(args).every((a) => a.type === 'keyword_argument' || a.type === 'dictionary_splat');
  if (!kwOnly) return false;
  if (name === 'dict') return true;
  // anthropic.types TypedDicts: MessageCreateParamsNonStreaming, Request, ThinkingConfigEnabledParam, ToolParam…
  return /^[A-Z]\w*(Param|Params|ParamsNonStreaming|ParamsStreaming|Request|Config|ConfigParam)$/.test(name);
}

export function valueOf(ctx: ValueContext, node: Node, depth = 0): ValueView {
  const n = unwrap(node);
  const base = { range: rangeOf(n), text: n.text };
  if (depth > 12) return { kind: 'other', ...base };
  switch (n.type) {
    case 'string': {
      const s = pyString(n, ctx.text)!;
      if (!s) return { kind: 'other', ...base };
      if (s.formatted && n.children.some((c) => c.type === 'interpolation')) return { kind: 'template', ...base, contentRange: s.contentRange };
      return { kind: 'string', ...base, literal: s.value, contentRange: s.contentRange };
    }
    case 'concatenated_string': {
      const parts = n.namedChildren.filter((c) => c.type === 'string').map((c) => pyString(c, ctx.text));
      if (parts.some((p) => !p || (p.formatted && /\{[^{]/.test(p.value)))) return { kind: 'template', ...base };
      return { kind: 'string', ...base, literal: parts.map((p) => p!.value).join('') };
    }
    case 'integer':
    case 'float': {
      const v = parseNumber(n.text.replace(/[jJ]$/, ''));
      return v === undefined ? { kind: 'other', ...base } : { kind: 'number', ...base, literal: v };
    }
    case 'unary_operator': {
      const arg = n.childForFieldName('argument');
      const op = n.childForFieldName('operator')?.text;
      if (arg && (arg.type === 'integer' || arg.type === 'float') && (op === '-' || op === '+')) {
        const v = parseNumber(arg.text);
        if (v !== undefined) return { kind: 'number', ...base, literal: op === '-' ? -v : v };
      }
      return { kind: 'other', ...base };
    }
    case 'true':
      return { kind: 'boolean', ...base, literal: true };
    case 'false':
      return { kind: 'boolean', ...base, literal: false };
    case 'none':
      return { kind: 'null', ...base, literal: null };
    case 'dictionary':
      return dictValue(ctx, n, depth);
    case 'list':
    case 'tuple':
    case 'set': {
      const items = itemsOf(n);
      const view: ValueView = { kind: 'array', ...base, elements: items.map((c) => valueOf(ctx, c, depth + 1)) };
      register(ctx, view, n.type, n, items);
      return view;
    }
    case 'call': {
      if (isDictCall(n)) return kwargsObject(ctx, n, depth);
      const fn = n.childForFieldName('function');
      const args = n.childForFieldName('arguments');
      if (fn && args && ENV_LOOKUPS.test(fn.text)) {
        const positional = itemsOf(args).filter((a) => a.type !== 'keyword_argument');
        const dflt = positional[1] ?? args.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'default')?.childForFieldName('value');
        if (dflt) {
          const v = valueOf(ctx, dflt, depth + 1);
          if (v.kind === 'string' || v.kind === 'number' || v.kind === 'template') {
            const key = positional[0] ? valueOf(ctx, positional[0], depth + 1).literal : undefined;
            const name = `${fn.text}(${typeof key === 'string' ? JSON.stringify(key) : '…'})`;
            return { ...v, via: { name, useRange: rangeOf(n), definitionRange: v.via?.definitionRange ?? v.range } };
          }
        }
      }
      return { kind: 'call', ...base };
    }
    case 'identifier':
      return identifierValue(ctx, n, depth);
    case 'attribute': {
      const key = selfKey(n);
      if (key) {
        const b = resolveSelf(ctx.mb, key, n);
        if (b?.value) return viaBinding(ctx, b, n, key, depth);
      }
      // `config.MODEL` after `from . import config`: a constant of a sibling module.
      const obj = n.childForFieldName('object');
      const attr = n.childForFieldName('attribute');
      const imp = obj?.type === 'identifier' ? ctx.mb.relativeImports.get(obj.text) : undefined;
      if (imp && attr && /^\.+$/.test(imp.module) && !resolveName(ctx.mb, obj!.text, n)) {
        const ext = externalValue(ctx, n, { module: imp.module + imp.name, name: attr.text });
        if (ext) return ext;
      }
      return { kind: 'reference', ...base };
    }
    case 'conditional_expression': {
      // `{"type": "enabled", "budget_tokens": 2048} if reasoning else NOT_GIVEN`: the object branch is the value
      // (the other leaves the parameter unset), so it is checked and rewritten in place.
      const [yes, , no] = n.namedChildren.map((c) => unwrap(c));
      const unset = (c: Node | undefined) => !!c && /^(None|(anthropic\.)?(NOT_GIVEN|NotGiven\(\)|omit|Omit\(\)))$/.test(c.text);
      const branch = unset(no) ? yes : unset(yes) ? no : undefined;
      if (branch && (branch.type === 'dictionary' || branch.type === 'call')) {
        const v = valueOf(ctx, branch, depth + 1);
        if (v.kind === 'object') return v;
      }
      return { kind: 'other', ...base };
    }
    case 'boolean_operator': {
      // `os.getenv("MODEL") or "claude-…"`: the literal on the right is the value when unset.
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (n.childForFieldName('operator')?.text === 'or' && left && right && (right.type === 'string' || right.type === 'integer' || right.type === 'float')) {
        const v = valueOf(ctx, right, depth + 1);
        if (v.kind === 'string' || v.kind === 'number') return { ...v, via: { name: left.text, useRange: rangeOf(n), definitionRange: v.range } };
      }
      return { kind: 'other', ...base };
    }
    default:
      return { kind: 'other', ...base };
  }
}

function dictValue(ctx: ValueContext, n: Node, depth: number): ValueView {
  const items = itemsOf(n);
  const view: ValueView = { kind: 'object', range: rangeOf(n), text: n.text, fields: [] };
  const container = register(ctx, view, 'dict', n, items);
  for (const item of items) {
    if (item.type === 'pair') {
      const keyNode = item.childForFieldName('key');
      const valueNode = item.childForFieldName('value');
      if (!keyNode || !valueNode) continue;
      const key = keyNode.type === 'string' ? pyString(keyNode, ctx.text) : undefined;
      if (!key || key.formatted) {
        ctx.opaque.add(view);
        continue;
      }
      const f: FieldView = { key: key.value, sourceKey: keyNode.text, range: rangeOf(item), keyRange: rangeOf(keyNode), value: valueOf(ctx, valueNode, depth + 1) };
      view.fields!.push(f);
      ctx.fieldOwners.set(rangeKey(f.range), { kind: 'item', container, item });
    } else if (item.type === 'dictionary_splat') {
      mergeSplat(ctx, view, item, depth);
    }
  }
  return view;
}

function kwargsObject(ctx: ValueContext, call: Node, depth: number): ValueView {
  const args = call.childForFieldName('arguments')!;
  const fn = call.childForFieldName('function')!;
  const items = itemsOf(args);
  const view: ValueView = { kind: 'object', range: rangeOf(call), text: call.text, fields: [] };
  const name = fn.text.replace(/^.*\./, '');
  if (name !== 'dict') view.typeName = name;
  const container: PyContainer = { kind: 'kwargs', node: args, inner: { start: args.startIndex + 1, end: args.endIndex - 1 }, items };
  ctx.containers.set(rangeKey(view.range), container);
  for (const item of items) {
    if (item.type === 'keyword_argument') {
      const k = item.childForFieldName('name');
      const v = item.childForFieldName('value');
      if (!k || !v) continue;
      const f: FieldView = { key: k.text, sourceKey: k.text, range: rangeOf(item), keyRange: rangeOf(k), value: valueOf(ctx, v, depth + 1) };
      view.fields!.push(f);
      ctx.fieldOwners.set(rangeKey(f.range), { kind: 'item', container, item });
    } else if (item.type === 'dictionary_splat') mergeSplat(ctx, view, item, depth);
  }
  return view;
}

/** `**other` inside an object: its visible fields join the object; an unknown one makes it opaque. */
export function mergeSplat(ctx: ValueContext, into: ValueView, splat: Node, depth: number): ValueView | undefined {
  const inner = splat.namedChildren.find((c) => c.type !== 'comment');
  if (!inner) return undefined;
  const v = valueOf(ctx, inner, depth + 1);
  if (v.kind !== 'object' || !v.fields) {
    ctx.opaque.add(into);
    return undefined;
  }
  if (ctx.opaque.has(v)) ctx.opaque.add(into);
  for (const f of v.fields) if (!into.fields!.some((g) => g.key === f.key)) into.fields!.push(f);
  return v;
}

function identifierValue(ctx: ValueContext, n: Node, depth: number): ValueView {
  const base = { range: rangeOf(n), text: n.text };
  const b = resolveName(ctx.mb, n.text, n);
  if (b && b.value && (b.kind === 'assign' || b.kind === 'param')) return viaBinding(ctx, b, n, n.text, depth);
  if (!b) {
    const ext = externalValue(ctx, n);
    if (ext) return ext;
  }
  return { kind: 'reference', ...base };
}

function viaBinding(ctx: ValueContext, b: Binding, use: Node, name: string, depth: number): ValueView {
  const def = unwrap(b.value!);
  // A collection changed after its literal (`msgs.append(…)`) is not what the literal shows.
  if ((def.type === 'list' || def.type === 'tuple' || def.type === 'set') && isMutated(ctx.mb, b)) {
    return { kind: 'reference', range: rangeOf(use), text: use.text };
  }
  const v = valueOf(ctx, def, depth + 1);
  if (v.kind === 'object' && (def.type === 'dictionary' || isDictCall(def))) {
    if (isMutated(ctx.mb, b)) ctx.opaque.add(v);
    addSubscriptFields(ctx, v, b, depth);
  }
  ctx.definitions.set(rangeKey(v.range), b);
  const references = b.kind === 'assign' && !name.startsWith('self.') ? ctx.mb.usesOf(b.key) : undefined;
  // A value reached through two names keeps the innermost definition but reports the outer use.
  const definitionRange = v.via?.definitionRange ?? v.range;
  return { ...v, via: { name, useRange: rangeOf(use), definitionRange, ...(v.via?.external ? { external: v.via.external } : {}), ...(references !== undefined ? { references } : {}) } };
}

/** `params["temperature"] = 0.2` after `params = {…}` in the same scope: one more field. */
function addSubscriptFields(ctx: ValueContext, v: ValueView, b: Binding, depth: number): void {
  for (const asg of subscriptSetsOf(ctx.mb, b)) {
    const left = asg.childForFieldName('left')!;
    const sub = left.childForFieldName('subscript')!;
    const s = pyString(sub, ctx.text);
    const right = asg.childForFieldName('right');
    if (!s || !right || v.fields!.some((f) => f.key === s.value)) continue;
    const f: FieldView = { key: s.value, sourceKey: sub.text, range: rangeOf(asg), keyRange: rangeOf(sub), value: valueOf(ctx, right, depth + 1) };
    v.fields!.push(f);
    ctx.fieldOwners.set(rangeKey(f.range), { kind: 'statement', statement: asg.parent! });
  }
}

/** `from .config import MODEL`: read the sibling module from disk and take its module-level constant. */
function externalValue(ctx: ValueContext, use: Node, explicit?: { module: string; name: string }): ValueView | undefined {
  const imp = explicit ?? ctx.mb.relativeImports.get(use.text);
  if (!imp || !ctx.parseExternal || !ctx.path) return undefined;
  const dots = /^\.+/.exec(imp.module)?.[0].length ?? 0;
  if (!dots) return undefined;
  let dir = dirname(ctx.path);
  for (let i = 1; i < dots; i++) dir = dirname(dir);
  const rest = imp.module.slice(dots).split('.').filter(Boolean);
  const candidates = rest.length ? [join(dir, ...rest) + '.py', join(dir, ...rest, '__init__.py')] : [join(dir, '__init__.py')];
  const file = candidates.find(isInputFile);
  if (!file) return undefined;
  let consts = ctx.externals.get(file);
  if (!ctx.externals.has(file)) {
    try {
      consts = ctx.parseExternal(readInput(file));
    } catch {
      consts = undefined;
    }
    ctx.externals.set(file, consts);
  }
  const c = consts?.get(imp.name);
  if (!c) return undefined;
  // The definition lives in another file: ranges stay on the use site in this file.
  const useRange = rangeOf(use);
  return { kind: c.kind, range: useRange, text: c.text, ...(c.literal !== undefined ? { literal: c.literal } : {}), via: { name: use.text, useRange, definitionRange: useRange, external: imp.module } };
}

/** Module-level `NAME = literal` / `NAME: str = literal` / `NAME = os.environ.get("K", "literal")` of a module. */
export function moduleConstants(root: Node, text: string): Map<string, ExternalConstant> {
  const out = new Map<string, ExternalConstant>();
  const seen = new Map<string, number>();
  for (const stmt of root.namedChildren) {
    if (stmt.type !== 'expression_statement') continue;
    const asg = stmt.namedChildren[0];
    if (asg?.type !== 'assignment') continue;
    const left = asg.childForFieldName('left');
    let right = asg.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) continue;
    seen.set(left.text, (seen.get(left.text) ?? 0) + 1);
    right = unwrap(right);
    if (right.type === 'call' && ENV_LOOKUPS.test(right.childForFieldName('function')?.text ?? '')) {
      const args = right.childForFieldName('arguments');
      const pos = args ? itemsOf(args).filter((a) => a.type !== 'keyword_argument') : [];
      if (pos[1]) right = pos[1];
    }
    const c = simpleConstant(right, text);
    if (c) out.set(left.text, c);
  }
  for (const [k, count] of seen) if (count > 1) out.delete(k);
  return out;
}

function simpleConstant(n: Node, text: string): ExternalConstant | undefined {
  if (n.type === 'string') {
    const s = pyString(n, text);
    if (!s) return undefined;
    if (s.formatted && n.children.some((c) => c.type === 'interpolation')) return { kind: 'template', text: n.text };
    return { kind: 'string', text: n.text, literal: s.value };
  }
  if (n.type === 'integer' || n.type === 'float') {
    const v = parseNumber(n.text);
    return v === undefined ? undefined : { kind: 'number', text: n.text, literal: v };
  }
  if (n.type === 'true' || n.type === 'false') return { kind: 'boolean', text: n.text, literal: n.type === 'true' };
  if (n.type === 'none') return { kind: 'null', text: n.text, literal: null };
  return undefined;
}
