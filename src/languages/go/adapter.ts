// Go adapter (anthropic-sdk-go) on tree-sitter-go. Requests are `client.Messages.New/NewStreaming/
// CountTokens`, `client.Messages.Batches.New` (one request per `Params:` literal) and their
// `client.Beta.Messages…` twins; params are the `MessageNewParams` struct literal (or the variable
// it was assigned to), normalised to JSON keys. Model constants (`anthropic.ModelClaudeOpus4_6`)
// carry their model ID as `literal`.
//
// Not modelled: params filled in field by field after the literal (`params.Thinking = …`), options
// collected in a slice and spread (`opts...`), and definitions in other files of the package.
import type { LanguageAdapter, ParsedFile } from '../types.js';
import { getParser } from '../tree-sitter/loader.js';
import { countSyntaxErrors } from '../tree-sitter/common.js';
import { analyzeGo } from './views.js';
import { goContextAt } from './context.js';
import { renderGo } from './render.js';

async function parse(text: string): Promise<ParsedFile> {
  const parser = await getParser('go');
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter-go returned no tree');
  const root = tree.rootNode;
  const analysis = analyzeGo(root, text, countSyntaxErrors(root));
  let disposed = false;
  return {
    view: analysis.view,
    contextAt: (offset) => (disposed ? { inString: false, inComment: false } : goContextAt(root, analysis, offset)),
    render: (intent) => (disposed ? { refused: 'parsed file already disposed' } : renderGo({ text, root, analysis }, intent)),
    dispose() {
      if (!disposed) tree.delete();
      disposed = true;
    },
  };
}

export const adapter: LanguageAdapter = {
  id: 'go',
  extensions: ['.go'],
  parse: (text) => parse(text),
  async countSyntaxErrors(text) {
    const parser = await getParser('go');
    const tree = parser.parse(text);
    if (!tree) return 1;
    try {
      return countSyntaxErrors(tree.rootNode);
    } finally {
      tree.delete();
    }
  },
};
