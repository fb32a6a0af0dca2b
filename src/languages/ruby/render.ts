// Edit intents → Ruby source: keyword arguments `key: value`, hash entries in the hash's own key
// style (`key:`, `:key =>`, `"key" =>`) and the file's quotes, `#` comments, `||` gates.
// The shapes are the per-SDK table's Ruby row: `thinking: { type: "adaptive" }`,
// `output_config: { effort: "high" }` (anthropic-sdk-ruby takes plain hashes for every model param:
// lib/anthropic/models/message_create_params.rb, `OrHash` types).
import type { Node } from 'web-tree-sitter';
import type { EditIntent, NeutralValue, Range, RenderResult, RequestView, TextEdit, ValueView } from '../types.js';
import { rangeKey, rangeOf } from '../tree-sitter/common.js';
import { renderRpc, type ListContainer, type RpcSyntax } from '../tree-sitter/shared-rpc.js';
import { rubyConstructs } from './context.js';
import { rubyKey, rubyStringLiteral, rubyHashKey, rubyValue, type RubyKeyStyle, type RubyStyle } from './syntax.js';
import { removeListItem } from '../edit-helpers.js';
import type { RubyAnalysis } from './views.js';

export interface RubyRenderContext {
  text: string;
  root: Node;
  analysis: RubyAnalysis;
}

function styleOf(ctx: RubyRenderContext, c: ListContainer | undefined): RubyStyle {
  const keys = (c?.style.split(':')[1] as RubyKeyStyle | undefined) ?? 'symbol';
  return { keys, quote: ctx.analysis.quote, braceSpace: ctx.analysis.braceSpace };
}

/** The innermost hash / kwargs container holding `r`. */
function enclosing(ctx: RubyRenderContext, r: Range): ListContainer | undefined {
  let best: ListContainer | undefined;
  let size = Infinity;
  for (const [k, c] of ctx.analysis.containers) {
    if (c.kind !== 'object') continue;
    const [s, e] = k.split(':').map(Number);
    if (s <= r.start && r.end <= e && e - s < size) {
      best = c;
      size = e - s;
    }
  }
  return best;
}

export function renderRuby(ctx: RubyRenderContext, intent: EditIntent): RenderResult {
  const { text, analysis } = ctx;
  const syntax: RpcSyntax = {
    lineComment: '#',
    orOperator: '||',
    andOperator: '&&',
    constructsAt: (offset) => rubyConstructs(ctx.root, ctx.text, offset),
    renderEntry(container, _path, key, to) {
      const style = styleOf(ctx, container);
      return `${rubyHashKey(key, style)} ${rubyValue(to, style)}`;
    },
    renderSetValue(value: ValueView, _path: string[], to: NeutralValue): RenderResult {
      const style = styleOf(ctx, enclosing(ctx, value.range));
      // A string stays a string of the same quoting: only its content changes.
      if (typeof to === 'string' && value.kind === 'string' && value.contentRange && /^["']/.test(value.text)) {
        const lit = rubyStringLiteral(to, value.text[0] as '"' | "'");
        return { edits: [{ start: value.range.start, end: value.range.end, text: lit }] };
      }
      return { edits: [{ start: value.range.start, end: value.range.end, text: rubyValue(to, style) }] };
    },
    renameCall(request: RequestView): RenderResult {
      const seg = analysis.betaSegments.get(rangeKey(request.range));
      if (!seg) return { refused: 'no `.beta` segment before `.messages`' };
      if (request.params.fields?.some((f) => f.key === 'betas') || request.headers.some((h) => h.name === 'anthropic-beta' && h.scope === 'request')) return { refused: 'beta flags are still set on the request' };
      return { edits: [{ start: seg.receiverEnd, end: seg.betaEnd, text: '' }] };
    },
  };
  if (intent.kind === 'remove-field' || intent.kind === 'remove-element') {
    const emptied = removeEmptied(ctx, intent.kind === 'remove-field' ? intent.field.range : intent.element.range);
    if (emptied) return emptied;
  }
  // `create(**params)`: a new request field joins the others in the `params` hash.
  const splatted = intent.kind === 'add-field' ? analysis.splatTargets.get(rangeKey(intent.container.range)) : undefined;
  if (intent.kind === 'add-field' && splatted && !intent.container.fields?.some((f) => f.key === intent.key)) return renderRpc({ text, analysis, syntax }, { ...intent, container: splatted });
  const result = renderRpc({ text, analysis, syntax }, intent);
  if (intent.kind === 'remove-definition' && 'edits' in result && result.edits.length === 1) return { edits: [withoutStrayBlankLine(text, result.edits[0])] };
  return result;
}

const BLOCK_OPENER = /^\s*(class|module|def|begin)\b|\bdo(\s*\|[^|]*\|)?\s*$|[{|]\s*$/;
const BLOCK_CLOSER = /^\s*(end\b|\})/;

/**
 * A removed definition must not leave a blank line at the top or bottom of a block, nor two in a row:
 * the blank line that separated it from its neighbours goes with it.
 */
function withoutStrayBlankLine(text: string, edit: TextEdit): TextEdit {
  if (edit.text !== '' || edit.start === 0 || text[edit.start - 1] !== '\n') return edit;
  const blank = (s: string) => /^[ \t]*\r?$/.test(s);
  const prevStart = text.lastIndexOf('\n', edit.start - 2) + 1;
  const prevLine = text.slice(prevStart, edit.start - 1);
  const nextEnd = text.indexOf('\n', edit.end);
  const nextLine = text.slice(edit.end, nextEnd === -1 ? text.length : nextEnd);
  if (blank(nextLine) && nextEnd !== -1 && (blank(prevLine) || BLOCK_OPENER.test(prevLine))) return { ...edit, end: nextEnd + 1 };
  if (blank(prevLine) && BLOCK_CLOSER.test(nextLine)) return { ...edit, start: prevStart };
  return edit;
}

/** Option hashes that mean nothing once empty: `request_options: { extra_headers: {} }` goes whole. */
const EMPTIABLE_OPTION = /^(request_options|extra_headers|default_headers|headers|output_config)$/;

/**
 * Removing the only entry of a literal: an option hash left empty goes with its key (recursively up to
 * the call's keyword arguments); any other literal becomes `{}` / `[]` rather than `{  }`.
 */
function removeEmptied(ctx: RubyRenderContext, entry: Range): RenderResult | undefined {
  const { text } = ctx;
  let item = entry;
  let edit: { start: number; end: number; text: string } | undefined;
  for (;;) {
    const found = ownerOf(ctx, item);
    if (!found || found.container.items.length !== 1 || (found.node.type !== 'hash' && found.node.type !== 'array')) break;
    const inner = text.slice(found.container.inner.start, found.container.inner.end);
    if (/#/.test(inner.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ''))) break; // a comment inside would be lost
    edit = { start: found.container.inner.start, end: found.container.inner.end, text: '' };
    const holder = found.node.parent;
    const key = holder?.type === 'pair' ? holder.childForFieldName('key') : undefined;
    const name = key ? rubyKey(key, text) : undefined;
    if (!holder || !name || !EMPTIABLE_OPTION.test(name)) break;
    const outer = ownerOf(ctx, rangeOf(holder));
    if (!outer) break;
    if (outer.container.items.length > 1) {
      const index = outer.container.items.findIndex((r) => r.start === holder.startIndex && r.end === holder.endIndex);
      return { edits: [removeListItem(text, { items: outer.container.items, separator: outer.container.separator ?? ',', trailingSeparatorAllowed: outer.container.trailingSeparatorAllowed, lineComment: ['#'] }, index)] };
    }
    item = rangeOf(holder);
  }
  return edit ? { edits: [edit] } : undefined;
}

/** The registered literal (hash, array, keyword arguments) holding `item` as an entry, with its node. */
function ownerOf(ctx: RubyRenderContext, item: Range): { container: ListContainer; node: Node } | undefined {
  for (const [k, c] of ctx.analysis.containers) {
    if (!c.items.some((r) => r.start === item.start && r.end === item.end)) continue;
    const [start, end] = k.split(':').map(Number);
    const node = ctx.root.descendantForIndex(start, Math.max(start, end - 1));
    let n: Node | null = node;
    while (n && !(n.startIndex === start && n.endIndex === end)) n = n.parent;
    if (n) return { container: c, node: n };
  }
  return undefined;
}
