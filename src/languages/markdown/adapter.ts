// Markdown/MDX adapter: fenced code blocks (and YAML front matter) are parsed by their own language's
// adapter and their views shifted into the Markdown file; everything else is prose, reported as
// `comments` so model IDs there are mentioned, never rewritten. Indented code blocks and fences with
// no or unknown info strings are prose too. Blocks with syntax errors are common in docs (snippets,
// `...` elisions): they are counted in `syntaxErrors`, and the engine only refuses edits that add
// errors, so a partial snippet does not freeze the whole file.
import { adapterFor } from '../registry.js';
import type { EditIntent, FileView, LanguageAdapter, OffsetContext, ParsedFile, Range, RenderResult } from '../types.js';
import { intentAnchor, inRange } from '../config/common.js';
import { editToHost, findBlocks, mapRanges, RangeOutside, toCode, toHost, toHostEnd, virtualName, type CodeBlock } from './blocks.js';

interface Embedded {
  block: CodeBlock;
  parsed?: ParsedFile;
  /** The block's view in host offsets. */
  view?: FileView;
}

function hostView(b: CodeBlock, view: FileView): FileView {
  return mapRanges(view, (d) => toHost(b, d), (d) => toHostEnd(b, d));
}

/**
 * Prose: the text outside the content of code blocks in a known language (fence lines, and blocks
 * with no or an unknown info string, are prose). Code whose language has no adapter is neither.
 */
function proseRanges(text: string, blocks: Embedded[]): Range[] {
  const out: Range[] = [];
  let pos = 0;
  for (const e of blocks) {
    if (!e.block.language) continue;
    if (e.block.range.start > pos) out.push({ start: pos, end: e.block.range.start });
    pos = Math.max(pos, e.block.range.end);
  }
  if (pos < text.length) out.push({ start: pos, end: text.length });
  return out;
}

async function parseBlocks(text: string, path: string): Promise<Embedded[]> {
  const out: Embedded[] = [];
  let index = 0;
  for (const block of findBlocks(text)) {
    index++;
    const e: Embedded = { block };
    if (block.language && block.language !== 'markdown') {
      const adapter = await adapterFor(block.language);
      if (adapter) {
        try {
          e.parsed = await adapter.parse(block.code, virtualName(path, index, block.language, block.tag));
          e.view = hostView(block, e.parsed.view);
        } catch {
          // A snippet its parser cannot handle stays unparsed (not prose: it is code).
          e.parsed?.dispose();
          e.parsed = undefined;
        }
      }
    }
    out.push(e);
  }
  return out;
}

function embeddedAt(blocks: Embedded[], r: Range): Embedded | undefined {
  return blocks.find((e) => e.parsed && r.start >= e.block.range.start && r.end <= e.block.range.end);
}

function render(blocks: Embedded[], intent: EditIntent): RenderResult {
  if (intent.kind === 'replace') return { edits: [{ start: intent.range.start, end: intent.range.end, text: intent.text }] };
  const e = embeddedAt(blocks, intentAnchor(intent));
  if (!e?.parsed) return { refused: 'the target is in Markdown prose, not in a code block' };
  let inner: EditIntent;
  try {
    inner = mapRanges(intent, (s) => toCode(e.block, s), (s) => toCode(e.block, s));
  } catch (err) {
    if (err instanceof RangeOutside) return { refused: 'the target lies partly outside the code block' };
    throw err;
  }
  const r = e.parsed.render(inner);
  if ('refused' in r) return r;
  return { edits: r.edits.map((x) => editToHost(e.block, x)) };
}

function contextAt(blocks: Embedded[], prose: Range[], offset: number): OffsetContext {
  const e = embeddedAt(blocks, { start: offset, end: offset });
  if (e?.parsed) {
    const d = toCode(e.block, offset);
    if (d === undefined) return { inString: false, inComment: false };
    const ctx = e.parsed.contextAt(d);
    return mapRanges(ctx, (x) => toHost(e.block, x), (x) => toHostEnd(e.block, x));
  }
  return { inString: false, inComment: prose.some((r) => inRange(r, offset)) };
}

export async function parseMarkdown(text: string, path: string): Promise<ParsedFile> {
  const blocks = await parseBlocks(text, path);
  const prose = proseRanges(text, blocks);
  const views = blocks.flatMap((e) => (e.view ? [e.view] : []));
  const view: FileView = {
    language: 'markdown',
    requests: views.flatMap((v) => v.requests),
    clients: views.flatMap((v) => v.clients),
    responseUses: views.flatMap((v) => v.responseUses),
    tools: views.flatMap((v) => v.tools),
    strings: views.flatMap((v) => v.strings),
    comments: [...prose, ...views.flatMap((v) => v.comments)].sort((a, b) => a.start - b.start),
    syntaxErrors: views.reduce((n, v) => n + v.syntaxErrors, 0),
    embedded: blocks.filter((e) => e.parsed).map((e) => ({ language: e.block.language!, range: e.block.range })),
  };
  let disposed = false;
  return {
    view,
    contextAt: (offset) => contextAt(blocks, prose, offset),
    render: (intent) => (disposed ? { refused: 'parsed file already disposed' } : render(blocks, intent)),
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const e of blocks) e.parsed?.dispose();
    },
  };
}

export const adapter: LanguageAdapter = {
  id: 'markdown',
  extensions: ['.md', '.mdx', '.markdown'],
  parse: (text, path) => parseMarkdown(text, path),
  async countSyntaxErrors(text, path) {
    const p = await parseMarkdown(text, path);
    try {
      return p.view.syntaxErrors;
    } finally {
      p.dispose();
    }
  },
};
