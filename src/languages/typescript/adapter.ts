// TypeScript / JavaScript adapter (anthropic-sdk-typescript) on the TypeScript compiler's parser
// (bundled with ts-morph), syntax-only: no program and no type checker, so a whole repository
// parses at a few milliseconds per file. Requests are `client.messages.create/stream/countTokens/
// parse`, `client.messages.batches.create` (one request per `params` object), their
// `client.beta.messages…` twins and raw `fetch`/axios/got posts to `/v1/messages`; params are the
// first argument's object literal (spreads of visible objects merged, later keys winning), request
// headers come from the second argument's `headers`, client headers from `defaultHeaders`.
//
// Not modelled: params assembled by helper functions, clients returned by factories in other
// modules (their requests count when the file imports the SDK, with platform 'unknown'), types
// (a client found only through inference, e.g. `const c = makeClient()` from another module).
import type { LanguageAdapter, ParsedFile } from '../types.js';
import { tsContextAt } from './context.js';
import { renderTs } from './render.js';
import { parseSource, syntaxErrorCount } from './syntax.js';
import { analyzeTs } from './views.js';

async function parse(text: string, path: string): Promise<ParsedFile> {
  // Parent pointers come from the analysis's own walk (collectScopes).
  const sf = parseSource(text, path, false);
  const analysis = analyzeTs(sf, path);
  let disposed = false;
  return {
    view: analysis.view,
    contextAt: (offset) => (disposed ? { inString: false, inComment: false } : tsContextAt(analysis, offset)),
    render: (intent) => (disposed ? { refused: 'parsed file already disposed' } : renderTs(analysis, intent)),
    dispose() {
      // Nothing native to free (the syntax tree is ordinary JS memory); later calls are refused.
      disposed = true;
    },
  };
}

export const adapter: LanguageAdapter = {
  id: 'typescript',
  extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'],
  parse,
  async countSyntaxErrors(text, path) {
    return syntaxErrorCount(parseSource(text, path, false));
  },
};
