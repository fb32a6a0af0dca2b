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
  fallbackText: firstBranchOfConditionals,
});

/**
 * The text with every `#if` group reduced to its first branch: directive lines and the `#elif`/`#else`
 * branches blanked (line breaks kept, so offsets stay put). tree-sitter-c-sharp rejects directives in some
 * places the compiler accepts (between two attributes, inside an initializer); a file like that would
 * otherwise be skipped whole.
 */
export function firstBranchOfConditionals(text: string): string | undefined {
  if (!/^[ \t]*#[ \t]*if\b/m.test(text)) return undefined;
  const taking: boolean[] = [];
  return text.replace(/[^\n]*(\n|$)/g, (line, eol: string) => {
    const directive = /^[ \t]*#[ \t]*(if|elif|else|endif)\b/.exec(line)?.[1];
    if (directive === 'if') taking.push(true);
    else if (directive === 'elif' || directive === 'else') { if (taking.length) taking[taking.length - 1] = false; }
    else if (directive === 'endif') taking.pop();
    const keep = !directive && taking.every(Boolean);
    return keep ? line : line.slice(0, line.length - eol.length).replace(/[^\r]/g, ' ') + eol;
  });
}
