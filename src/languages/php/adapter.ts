// PHP adapter (anthropic-sdk-php, `Anthropic\Client`) on tree-sitter-php (the `php` grammar: `<?php` files
// with HTML around the code). See views.ts for what is recognised; rewrites are checked with `php -l`.
//
// Not modelled: params arrays mutated after they are built (`$params['thinking'] = …`, array_merge),
// constants of other files (autoloaded classes), and typed model objects built with `::with(…)`.
import type { LanguageAdapter, ParsedFile } from '../types.js';
import { getParser } from '../tree-sitter/loader.js';
import { countSyntaxErrors } from '../tree-sitter/common.js';
import { rpcContextAt } from '../tree-sitter/shared-rpc.js';
import { analyzePhp } from './views.js';
import { phpConstructs, renderPhp } from './render.js';

async function parse(text: string): Promise<ParsedFile> {
  const parser = await getParser('php');
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter-php returned no tree');
  const root = tree.rootNode;
  let disposed = false;
  try {
    const analysis = analyzePhp(root, text, countSyntaxErrors(root));
    return {
      view: analysis.view,
      contextAt: (offset) => (disposed ? { inString: false, inComment: false } : rpcContextAt(analysis, (o) => phpConstructs(root, text, o), offset)),
      render: (intent) => (disposed ? { refused: 'parsed file already disposed' } : renderPhp({ text, root, analysis }, intent)),
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
  id: 'php',
  extensions: ['.php', '.phtml', '.inc'],
  parse: (text) => parse(text),
  async countSyntaxErrors(text) {
    const parser = await getParser('php');
    const tree = parser.parse(text);
    if (!tree) return 1;
    try {
      return countSyntaxErrors(tree.rootNode);
    } finally {
      tree.delete();
    }
  },
};
