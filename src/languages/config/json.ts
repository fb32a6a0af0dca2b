// JSON / JSONC / JSONL files. A file whose object has `model` and `messages` is a stored request
// body (kind 'payload'), as is each such element of a top-level array and each line of a JSONL
// batch file (`{"custom_id": …, "params": {…}}`). Any other JSON file is configuration: no requests,
// its string values for the model-ID finder, and its arrays/objects as collections (registries).
import type { LanguageAdapter, OffsetContext, ParsedFile, RenderResult, EditIntent } from '../types.js';
import { intentAnchor, inRange, modelRanges, within } from './common.js';
import { TextHost } from './host.js';
import { JsonDoc } from './json-doc.js';
import { payloadRequests, toolsOf } from './payload.js';

function isJsonLines(path: string): boolean {
  return /\.(jsonl|ndjson)$/i.test(path);
}

/** One document per file, or one per non-blank line for JSON Lines. */
function documents(text: string, path: string): JsonDoc[] {
  const comments = /\.jsonc$/i.test(path) || /(^|\/)(tsconfig[^/]*|jsconfig|\.?devcontainer|settings|launch|tasks|extensions)\.json$/i.test(path);
  if (!isJsonLines(path)) return [new JsonDoc(TextHost.identity(text), { comments })];
  const docs: JsonDoc[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (line.trim()) docs.push(new JsonDoc(TextHost.identity(line, start), { comments: false }));
    start = end + 1;
  }
  return docs;
}

export function parseJson(text: string, path: string): ParsedFile {
  const docs = documents(text, path);
  const requests = docs.flatMap((d) => payloadRequests(d.value, { language: 'json', kind: 'payload', platform: 'unknown' }));
  const models = modelRanges(requests);
  const ownerOf = (intent: EditIntent) => {
    const anchor = intentAnchor(intent);
    return docs.find((d) => d.owns(anchor)) ?? docs.find((d) => d.value && within(d.value.range, anchor));
  };
  return {
    view: {
      language: 'json',
      requests,
      clients: [],
      responseUses: [],
      tools: toolsOf(requests),
      strings: docs.flatMap((d) => d.strings),
      comments: docs.flatMap((d) => d.comments),
      syntaxErrors: docs.reduce((n, d) => n + d.syntaxErrors, 0),
    },
    contextAt(offset: number): OffsetContext {
      const doc = docs.find((d) => d.owns({ start: offset, end: offset }));
      const ctx = doc ? doc.contextAt(offset) : { inString: false, inComment: false };
      if (models.some((r) => inRange(r, offset))) ctx.requestModel = true;
      return ctx;
    },
    render(intent): RenderResult {
      if (intent.kind === 'replace') return { edits: [{ start: intent.range.start, end: intent.range.end, text: intent.text }] };
      const doc = ownerOf(intent);
      return doc ? doc.render(intent) : { refused: 'the target is not inside a JSON value of this file' };
    },
    dispose() {},
  };
}

export const adapter: LanguageAdapter = {
  id: 'json',
  extensions: ['.json', '.jsonc', '.jsonl', '.ndjson'],
  parse: async (text, path) => parseJson(text, path),
  countSyntaxErrors: async (text, path) => documents(text, path).reduce((n, d) => n + d.syntaxErrors, 0),
};
