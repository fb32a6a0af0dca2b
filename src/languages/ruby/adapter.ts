// Ruby adapter (anthropic-sdk-ruby, gem `anthropic`) on tree-sitter-ruby. See views.ts for what is
// recognised; rewrites are checked with `ruby -c` in the tests.
//
// Not modelled: params hashes mutated after they are built (`params[:thinking] = …`, `merge!`),
// definitions in other files (`require_relative` constants), and Ruby `Data`/`Struct` configs.
import type { LanguageAdapter, ParsedFile } from '../types.js';
import { getParser } from '../tree-sitter/loader.js';
import { countSyntaxErrors } from '../tree-sitter/common.js';
import { rpcContextAt } from '../tree-sitter/shared-rpc.js';
import { analyzeRuby } from './views.js';
import { rubyConstructs } from './context.js';
import { renderRuby } from './render.js';

async function parse(text: string): Promise<ParsedFile> {
  const parser = await getParser('ruby');
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter-ruby returned no tree');
  const root = tree.rootNode;
  let disposed = false;
  try {
    const analysis = analyzeRuby(root, text, countSyntaxErrors(root));
    return {
      view: analysis.view,
      contextAt: (offset) => (disposed ? { inString: false, inComment: false } : rpcContextAt(analysis, (o) => rubyConstructs(root, text, o), offset)),
      render: (intent) => (disposed ? { refused: 'parsed file already disposed' } : renderRuby({ text, root, analysis }, intent)),
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
  id: 'ruby',
  extensions: ['.rb', '.rake', '.gemspec', '.ru'],
  fileNames: ['Rakefile', 'Gemfile'],
  parse: (text) => parse(text),
  async countSyntaxErrors(text) {
    const parser = await getParser('ruby');
    const tree = parser.parse(text);
    if (!tree) return 1;
    try {
      return countSyntaxErrors(tree.rootNode);
    } finally {
      tree.delete();
    }
  },
};
