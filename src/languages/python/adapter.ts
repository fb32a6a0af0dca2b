// Python adapter (anthropic-sdk-python) on tree-sitter-python. Requests are `client.messages.create/
// stream/count_tokens/parse`, `client.messages.batches.create` (one request per `params` object),
// their `client.beta.messages…` twins and raw HTTP posts to `/v1/messages`; params are the keyword
// arguments, merged with a visible `**params` dict (and its `params["k"] = v` updates) and
// `extra_body`. `from .config import MODEL` is followed to the sibling module on disk.
//
// Not modelled: params assembled across functions, clients returned by factory functions in other
// modules (their requests count when the file imports the SDK, with platform 'unknown').
import type { LanguageAdapter, ParsedFile } from '../types.js';
import { getParser } from '../tree-sitter/loader.js';
import { countSyntaxErrors } from '../tree-sitter/common.js';
import { analyzePython } from './views.js';
import { pyContextAt } from './context.js';
import { renderPython } from './render.js';
import { moduleConstants, type ExternalConstant } from './values.js';

async function parse(text: string, path: string): Promise<ParsedFile> {
  const parser = await getParser('python');
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter-python returned no tree');
  const root = tree.rootNode;
  const parseExternal = (source: string): Map<string, ExternalConstant> => {
    const t = parser.parse(source);
    if (!t) return new Map();
    try {
      return moduleConstants(t.rootNode, source);
    } finally {
      t.delete();
    }
  };
  const analysis = analyzePython(root, text, path, countSyntaxErrors(root), parseExternal);
  let disposed = false;
  return {
    view: analysis.view,
    contextAt: (offset) => (disposed ? { inString: false, inComment: false } : pyContextAt(root, analysis, offset)),
    render: (intent) => (disposed ? { refused: 'parsed file already disposed' } : renderPython({ text, root, analysis }, intent)),
    dispose() {
      if (!disposed) tree.delete();
      disposed = true;
    },
  };
}

export const adapter: LanguageAdapter = {
  id: 'python',
  extensions: ['.py', '.pyi'],
  parse: (text, path) => parse(text, path),
  async countSyntaxErrors(text) {
    const parser = await getParser('python');
    const tree = parser.parse(text);
    if (!tree) return 1;
    try {
      return countSyntaxErrors(tree.rootNode);
    } finally {
      tree.delete();
    }
  },
};
