// Edit intents → Ruby source: keyword arguments `key: value`, hash entries in the hash's own key
// style (`key:`, `:key =>`, `"key" =>`) and the file's quotes, `#` comments, `||` gates.
// The shapes are the per-SDK table's Ruby row: `thinking: { type: "adaptive" }`,
// `output_config: { effort: "high" }` (anthropic-sdk-ruby takes plain hashes for every model param:
// lib/anthropic/models/message_create_params.rb, `OrHash` types).
import type { Node } from 'web-tree-sitter';
import type { EditIntent, NeutralValue, Range, RenderResult, RequestView, ValueView } from '../types.js';
import { rangeKey } from '../tree-sitter/common.js';
import { renderRpc, type ListContainer, type RpcSyntax } from '../tree-sitter/shared-rpc.js';
import { rubyConstructs } from './context.js';
import { rubyStringLiteral, rubyHashKey, rubyValue, type RubyKeyStyle, type RubyStyle } from './syntax.js';
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
  // `create(**params)`: a new request field joins the others in the `params` hash.
  const splatted = intent.kind === 'add-field' ? analysis.splatTargets.get(rangeKey(intent.container.range)) : undefined;
  if (intent.kind === 'add-field' && splatted && !intent.container.fields?.some((f) => f.key === intent.key)) return renderRpc({ text, analysis, syntax }, { ...intent, container: splatted });
  return renderRpc({ text, analysis, syntax }, intent);
}
