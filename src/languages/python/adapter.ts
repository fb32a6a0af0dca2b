// Python adapter (anthropic-sdk-python) on tree-sitter-python. Requests are `client.messages.create/
// stream/count_tokens/parse`, `client.messages.batches.create` (one request per `params` object),
// their `client.beta.messages…` twins and raw HTTP posts to `/v1/messages`; params are the keyword
// arguments, merged with a visible `**params` dict (and its `params["k"] = v` updates) and
// `extra_body`. `from .config import MODEL` is followed to the sibling module on disk.
//
// Not modelled: params assembled across functions, clients returned by factory functions in other
// modules (their requests count when the file imports the SDK, with platform 'unknown').
import { treeSitterAdapter } from '../tree-sitter/adapter.js';
import { analyzePython } from './views.js';
import { pyContextAt } from './context.js';
import { renderPython } from './render.js';
import { moduleConstants, type ExternalConstant } from './values.js';

export const adapter = treeSitterAdapter({
  id: 'python',
  grammar: 'python',
  extensions: ['.py', '.pyi'],
  analyze: ({ root, text, path, syntaxErrors, parser }) => {
    // `from .config import MODEL`: the sibling module is parsed with the same parser.
    const parseExternal = (source: string): Map<string, ExternalConstant> => {
      const t = parser.parse(source);
      if (!t) return new Map();
      try {
        return moduleConstants(t.rootNode, source);
      } finally {
        t.delete();
      }
    };
    return analyzePython(root, text, path, syntaxErrors, parseExternal);
  },
  contextAt: ({ root, analysis }, offset) => pyContextAt(root, analysis, offset),
  render: (input, intent) => renderPython(input, intent),
});
