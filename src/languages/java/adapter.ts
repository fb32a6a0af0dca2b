// Java adapter (anthropic-sdk-java, package com.anthropic) on tree-sitter-java. Requests are
// `client.messages().create/createStreaming/countTokens(params)`, `client.messages().batches().create`
// (one request per `Request.Params` builder) and their `client.beta().messages()…` twins; the params
// builder chain is the params object, each `.field(value)` segment a field.
//
// Kotlin files that use the Java SDK are report-only: there is no Kotlin grammar installed, so model
// IDs in .kt/.kts files are found by the text finder, with no request view and no rewrites beyond
// plain string swaps.
//
// Not modelled: params built across statements (`builder.model(…); builder.build()`), `toBuilder()`
// copies, and definitions in other files. No javac check is possible offline (the SDK jars are not
// available), so rewrites are verified by re-parsing with tree-sitter only.
import type { LanguageAdapter, ParsedFile } from '../types.js';
import { getParser } from '../tree-sitter/loader.js';
import { countSyntaxErrors } from '../tree-sitter/common.js';
import { analyzeJava } from './views.js';
import { javaContextAt } from './context.js';
import { renderJava } from './render.js';

async function parse(text: string): Promise<ParsedFile> {
  const parser = await getParser('java');
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter-java returned no tree');
  const root = tree.rootNode;
  const analysis = analyzeJava(root, text, countSyntaxErrors(root));
  let disposed = false;
  return {
    view: analysis.view,
    contextAt: (offset) => (disposed ? { inString: false, inComment: false } : javaContextAt(root, analysis, offset)),
    render: (intent) => (disposed ? { refused: 'parsed file already disposed' } : renderJava({ text, root, analysis }, intent)),
    dispose() {
      if (!disposed) tree.delete();
      disposed = true;
    },
  };
}

export const adapter: LanguageAdapter = {
  id: 'java',
  extensions: ['.java'],
  parse: (text) => parse(text),
  async countSyntaxErrors(text) {
    const parser = await getParser('java');
    const tree = parser.parse(text);
    if (!tree) return 1;
    try {
      return countSyntaxErrors(tree.rootNode);
    } finally {
      tree.delete();
    }
  },
};
