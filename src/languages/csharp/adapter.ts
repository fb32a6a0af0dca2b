// C# adapter (anthropic-sdk-csharp, NuGet `Anthropic`) on tree-sitter-c-sharp. See views.ts for what is
// recognised. No dotnet toolchain is available offline, so rewrites are verified by a clean
// tree-sitter re-parse only.
//
// Not modelled: params objects changed after construction (`p = p with { … }`, property sets),
// constants of other files, request options (`WithOptions`) and Microsoft.Extensions.AI `IChatClient` use.
import { treeSitterAdapter } from '../tree-sitter/adapter.js';
import { rpcContextAt } from '../tree-sitter/shared-rpc.js';
import { analyzeCsharp } from './views.js';
import { csConstructs, renderCsharp } from './render.js';

export const adapter = treeSitterAdapter({
  id: 'csharp',
  grammar: 'c_sharp',
  extensions: ['.cs', '.csx'],
  analyze: ({ root, text, syntaxErrors }) => analyzeCsharp(root, text, syntaxErrors),
  contextAt: ({ root, analysis }, offset) => rpcContextAt(analysis, (o) => csConstructs(root, o), offset),
  render: (input, intent) => renderCsharp(input, intent),
});
