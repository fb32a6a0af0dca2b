// Ruby adapter (anthropic-sdk-ruby, gem `anthropic`) on tree-sitter-ruby. See views.ts for what is
// recognised; rewrites are checked with `ruby -c` in the tests.
//
// Not modelled: params hashes mutated after they are built (`params[:thinking] = …`, `merge!`),
// definitions in other files (`require_relative` constants), and Ruby `Data`/`Struct` configs.
import { treeSitterAdapter } from '../tree-sitter/adapter.js';
import { rpcContextAt } from '../tree-sitter/shared-rpc.js';
import { analyzeRuby } from './views.js';
import { rubyConstructs } from './context.js';
import { renderRuby } from './render.js';

export const adapter = treeSitterAdapter({
  id: 'ruby',
  grammar: 'ruby',
  extensions: ['.rb', '.rake', '.gemspec', '.ru'],
  fileNames: ['Rakefile', 'Gemfile'],
  analyze: ({ root, text, syntaxErrors }) => analyzeRuby(root, text, syntaxErrors),
  contextAt: ({ root, text, analysis }, offset) => rpcContextAt(analysis, (o) => rubyConstructs(root, text, o), offset),
  render: (input, intent) => renderRuby(input, intent),
});
