// The part every tree-sitter adapter shares: parse with the language's grammar, analyse once, and
// answer contextAt/render until disposed (the tree's WASM memory is freed exactly once).
import type { Node, Parser, Tree } from 'web-tree-sitter';
import type { EditIntent, FileView, LanguageAdapter, OffsetContext, ParsedFile, RenderResult } from '../types.js';
import { countSyntaxErrors } from './common.js';
import { getParser, type GrammarName } from './loader.js';

export interface TreeSitterLanguage<A extends { view: FileView }> {
  id: LanguageAdapter['id'];
  grammar: GrammarName;
  extensions: string[];
  fileNames?: string[];
  /** Build the file's analysis (the neutral view and whatever contextAt/render need). */
  analyze(input: { root: Node; text: string; path: string; syntaxErrors: number; parser: Parser }): A;
  contextAt(input: { root: Node; text: string; analysis: A }, offset: number): OffsetContext;
  render(input: { root: Node; text: string; analysis: A }, intent: EditIntent): RenderResult;
  /**
   * When the text does not parse cleanly, a same-length stand-in to parse instead (C#: preprocessor
   * conditionals reduced to their first branch, which the grammar cannot place everywhere). Offsets are
   * unchanged, so the analysis still reads and edits the real text.
   */
  fallbackText?(text: string): string | undefined;
}

const DISPOSED_CONTEXT: OffsetContext = { inString: false, inComment: false };

export function treeSitterAdapter<A extends { view: FileView }>(lang: TreeSitterLanguage<A>): LanguageAdapter {
  /** The tree of `text`, or of its fallback stand-in when that parses with fewer errors; with its error count. */
  function parseBest(parser: Parser, text: string): { tree: Tree; errors: number } | undefined {
    const tree = parser.parse(text);
    if (!tree) return undefined;
    const errors = countSyntaxErrors(tree.rootNode);
    const stand = errors > 0 ? lang.fallbackText?.(text) : undefined;
    const other = stand !== undefined && stand.length === text.length ? parser.parse(stand) : null;
    if (!other) return { tree, errors };
    const otherErrors = countSyntaxErrors(other.rootNode);
    if (otherErrors < errors) {
      tree.delete();
      return { tree: other, errors: otherErrors };
    }
    other.delete();
    return { tree, errors };
  }

  async function parse(text: string, path: string): Promise<ParsedFile> {
    const parser = await getParser(lang.grammar);
    const best = parseBest(parser, text);
    if (!best) throw new Error(`tree-sitter-${lang.grammar} returned no tree`);
    const { tree } = best;
    const root = tree.rootNode;
    let disposed = false;
    try {
      const analysis = lang.analyze({ root, text, path, syntaxErrors: best.errors, parser });
      const input = { root, text, analysis };
      return {
        view: analysis.view,
        contextAt: (offset) => (disposed ? DISPOSED_CONTEXT : lang.contextAt(input, offset)),
        render: (intent) => (disposed ? { refused: 'parsed file already disposed' } : lang.render(input, intent)),
        dispose() {
          if (!disposed) tree.delete();
          disposed = true;
        },
      };
    } catch (err) {
      tree.delete();
      throw err;
    }
  }

  return {
    id: lang.id,
    extensions: lang.extensions,
    ...(lang.fileNames ? { fileNames: lang.fileNames } : {}),
    parse: (text, path) => parse(text, path),
    async countSyntaxErrors(text) {
      const parser = await getParser(lang.grammar);
      const best = parseBest(parser, text);
      if (!best) return 1;
      best.tree.delete();
      return best.errors;
    },
  };
}
