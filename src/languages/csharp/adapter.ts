// C# adapter (anthropic-sdk-csharp, NuGet `Anthropic`) on tree-sitter-c-sharp. See views.ts for what is
// recognised. No dotnet toolchain is available offline, so rewrites are verified by a clean
// tree-sitter re-parse only.
//
// Not modelled: params objects changed after construction (`p = p with { … }`, property sets),
// constants of other files, request options (`WithOptions`) and Microsoft.Extensions.AI `IChatClient` use.
import type { LanguageAdapter, ParsedFile } from '../types.js';
import { getParser } from '../tree-sitter/loader.js';
import { countSyntaxErrors } from '../tree-sitter/common.js';
import { rpcContextAt } from '../tree-sitter/shared-rpc.js';
import { analyzeCsharp } from './views.js';
import { csConstructs, renderCsharp } from './render.js';

async function parse(text: string): Promise<ParsedFile> {
  const parser = await getParser('c_sharp');
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter-c-sharp returned no tree');
  const root = tree.rootNode;
  let disposed = false;
  try {
    const analysis = analyzeCsharp(root, text, countSyntaxErrors(root));
    return {
      view: analysis.view,
      contextAt: (offset) => (disposed ? { inString: false, inComment: false } : rpcContextAt(analysis, (o) => csConstructs(root, o), offset)),
      render: (intent) => (disposed ? { refused: 'parsed file already disposed' } : renderCsharp({ text, root, analysis }, intent)),
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

export const adapter: LanguageAdapter = {
  id: 'csharp',
  extensions: ['.cs', '.csx'],
  parse: (text) => parse(text),
  async countSyntaxErrors(text) {
    const parser = await getParser('c_sharp');
    const tree = parser.parse(text);
    if (!tree) return 1;
    try {
      return countSyntaxErrors(tree.rootNode);
    } finally {
      tree.delete();
    }
  },
};
