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
import { treeSitterAdapter } from '../tree-sitter/adapter.js';
import { analyzeJava } from './views.js';
import { javaContextAt } from './context.js';
import { renderJava } from './render.js';

export const adapter = treeSitterAdapter({
  id: 'java',
  grammar: 'java',
  extensions: ['.java'],
  analyze: ({ root, text, syntaxErrors }) => analyzeJava(root, text, syntaxErrors),
  contextAt: ({ root, analysis }, offset) => javaContextAt(root, analysis, offset),
  render: (input, intent) => renderJava(input, intent),
});
