// PHP adapter (anthropic-sdk-php, `Anthropic\Client`) on tree-sitter-php (the `php` grammar: `<?php` files
// with HTML around the code). See views.ts for what is recognised; rewrites are checked with `php -l`.
//
// Not modelled: params arrays mutated after they are built (`$params['thinking'] = …`, array_merge),
// constants of other files (autoloaded classes), and typed model objects built with `::with(…)`.
import { treeSitterAdapter } from '../tree-sitter/adapter.js';
import { rpcContextAt } from '../tree-sitter/shared-rpc.js';
import { analyzePhp } from './views.js';
import { phpConstructs, renderPhp } from './render.js';

export const adapter = treeSitterAdapter({
  id: 'php',
  grammar: 'php',
  extensions: ['.php', '.phtml', '.inc'],
  analyze: ({ root, text, syntaxErrors }) => analyzePhp(root, text, syntaxErrors),
  contextAt: ({ root, text, analysis }, offset) => rpcContextAt(analysis, (o) => phpConstructs(root, text, o), offset),
  render: (input, intent) => renderPhp(input, intent),
});
