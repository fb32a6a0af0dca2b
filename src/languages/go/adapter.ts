// Go adapter (anthropic-sdk-go) on tree-sitter-go. Requests are `client.Messages.New/NewStreaming/
// CountTokens`, `client.Messages.Batches.New` (one request per `Params:` literal) and their
// `client.Beta.Messages…` twins; params are the `MessageNewParams` struct literal (or the variable
// it was assigned to), normalised to JSON keys. Model constants (`anthropic.ModelClaudeOpus4_6`)
// carry their model ID as `literal`.
//
// Not modelled: params filled in field by field after the literal (`params.Thinking = …`), options
// collected in a slice and spread (`opts...`), and definitions in other files of the package.
import { treeSitterAdapter } from '../tree-sitter/adapter.js';
import { analyzeGo } from './views.js';
import { goContextAt } from './context.js';
import { renderGo } from './render.js';

export const adapter = treeSitterAdapter({
  id: 'go',
  grammar: 'go',
  extensions: ['.go'],
  analyze: ({ root, text, syntaxErrors }) => analyzeGo(root, text, syntaxErrors),
  contextAt: ({ root, analysis }, offset) => goContextAt(root, analysis, offset),
  render: (input, intent) => renderGo(input, intent),
});
