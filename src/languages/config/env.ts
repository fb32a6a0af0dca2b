// `.env` files: `KEY=value`, `KEY="value"`, `KEY='value'`, `export KEY=…`, `#` comments (whole-line,
// or after a value). Values are the strings the model-ID finder classifies; a comma-separated value
// (`ALLOWED_MODELS=claude-a,claude-b`) is a list, so a model allow-list reads as a registry and the new
// model can be added alongside. No requests. The same value parser serves Dockerfile ENV/ARG.
import { eolOf, indentOf, lineStartOf } from '../edit-helpers.js';
import type { EditIntent, FileView, LanguageAdapter, OffsetContext, ParsedFile, Range, RenderResult } from '../types.js';
import { inRange } from './common.js';

export interface ScalarValue {
  /** The value as written (with quotes). */
  range: Range;
  /** Between the quotes. */
  contentRange: Range;
  value: string;
  quote: '' | '"' | "'";
}

export interface ParsedValue {
  scalar?: ScalarValue;
  /** Offset just past the value (and its closing quote). */
  end: number;
  /** A `#` comment after the value on the same line. */
  comment?: Range;
  unterminated?: boolean;
}

/**
 * Read one value starting at `start` (no leading blanks), up to `lineEnd`. Unquoted values stop at
 * ` #` (a comment) or, when `stopAtBlank`, at the first blank (Dockerfile `ENV A=1 B=2`).
 */
export function readValue(text: string, start: number, lineEnd: number, stopAtBlank: boolean): ParsedValue {
  const q = text[start];
  if (q === '"' || q === "'") {
    let i = start + 1;
    let value = '';
    while (i < lineEnd && text[i] !== q) {
      if (q === '"' && text[i] === '\\' && i + 1 < lineEnd) {
        const n = text[i + 1];
        value += n === 'n' ? '\n' : n === 't' ? '\t' : n;
        i += 2;
        continue;
      }
      value += text[i++];
    }
    if (i >= lineEnd) return { end: lineEnd, unterminated: true };
    const end = i + 1;
    const m = /^[ \t]+(#.*)$/.exec(text.slice(end, lineEnd));
    const comment = m ? { start: lineEnd - m[1].length, end: lineEnd } : undefined;
    return { scalar: { range: { start, end }, contentRange: { start: start + 1, end: i }, value, quote: q }, end, comment };
  }
  let i = start;
  while (i < lineEnd && !(stopAtBlank && /[ \t]/.test(text[i])) && !(/[ \t]/.test(text[i]) && text[i + 1] === '#')) i++;
  let end = i;
  while (end > start && /[ \t]/.test(text[end - 1])) end--;
  const rest = text.slice(i, lineEnd);
  const m = /^[ \t]*(#.*)$/.exec(rest);
  const comment = m && !stopAtBlank ? { start: lineEnd - m[1].length, end: lineEnd } : undefined;
  if (end === start) return { end, comment };
  return { scalar: { range: { start, end }, contentRange: { start, end }, value: text.slice(start, end), quote: '' }, end: i, comment };
}

/** Comma-separated items of a value (a list when there are at least two). */
export function listItems(text: string, v: ScalarValue): Range[] {
  const items: Range[] = [];
  const { start, end } = v.contentRange;
  let pos = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text[i] === ',') {
      let a = pos;
      let b = i;
      while (a < b && text[a] === ' ') a++;
      while (b > a && text[b - 1] === ' ') b--;
      if (b > a) items.push({ start: a, end: b });
      pos = i + 1;
    }
  }
  return items.length >= 2 ? items : [];
}

export interface AssignmentFile {
  values: ScalarValue[];
  comments: Range[];
  errors: number;
}

/** A line-oriented file of values: the shared view, context and renderer. */
export function assignmentParsedFile(language: 'env' | 'dockerfile', text: string, file: AssignmentFile): ParsedFile {
  const view: FileView = {
    language,
    requests: [],
    clients: [],
    responseUses: [],
    tools: [],
    strings: file.values.map((v) => ({ range: v.range, contentRange: v.contentRange, value: v.value })),
    comments: file.comments,
    syntaxErrors: file.errors,
  };
  const listAt = (offset: number) => {
    for (const v of file.values) {
      if (!inRange(v.contentRange, offset)) continue;
      const items = listItems(text, v);
      const entry = items.find((r) => offset >= r.start && offset <= r.end);
      if (entry) return { value: v, items, entry };
    }
    return undefined;
  };
  return {
    view,
    contextAt(offset): OffsetContext {
      const inComment = file.comments.some((c) => inRange(c, offset));
      const ctx: OffsetContext = { inString: !inComment && file.values.some((v) => inRange(v.range, offset)), inComment };
      const list = inComment ? undefined : listAt(offset);
      if (list) ctx.collection = { kind: 'list', range: list.value.contentRange, entries: list.items.length, entry: list.entry };
      return ctx;
    },
    render(intent: EditIntent): RenderResult {
      switch (intent.kind) {
        case 'replace':
          return { edits: [{ start: intent.range.start, end: intent.range.end, text: intent.text }] };
        case 'insert-comment': {
          const start = lineStartOf(text, intent.at);
          const indent = indentOf(text, intent.at);
          return { edits: [{ start, end: start, text: intent.text.split(/\r?\n/).map((l) => `${indent}# ${l}`.trimEnd() + eolOf(text)).join('') }] };
        }
        case 'add-alongside': {
          if (!text.startsWith(intent.from, intent.at)) return { refused: `"${intent.from}" is not at the given offset` };
          const list = listAt(intent.at);
          if (!list) return { refused: 'the value is a single setting, not a list: swap it or leave it' };
          const copy = text.slice(list.entry.start, list.entry.end).split(intent.from).join(intent.to);
          if (list.value.quote === '' && /[\s#"'\\$]/.test(copy)) return { refused: 'the new item would need quoting' };
          const spaced = /, /.test(text.slice(list.value.contentRange.start, list.value.contentRange.end));
          return { edits: [{ start: list.entry.end, end: list.entry.end, text: `,${spaced ? ' ' : ''}${copy}` }] };
        }
        default:
          return { refused: `${language === 'env' ? '.env' : 'Dockerfile'} values carry no requests: ${intent.kind} is not rendered` };
      }
    },
    dispose() {},
  };
}

export function scanEnv(text: string): AssignmentFile {
  const out: AssignmentFile = { values: [], comments: [], errors: 0 };
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    let lineEnd = nl === -1 ? text.length : nl;
    if (text[lineEnd - 1] === '\r') lineEnd--;
    const line = text.slice(pos, lineEnd);
    const m = /^([ \t]*)(#.*)?$/.exec(line);
    if (m) {
      if (m[2]) out.comments.push({ start: pos + m[1].length, end: lineEnd });
    } else {
      const a = /^[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_.-]*[ \t]*=[ \t]*/.exec(line);
      if (!a) out.errors++;
      else {
        const v = readValue(text, pos + a[0].length, lineEnd, false);
        if (v.unterminated) out.errors++;
        if (v.scalar) out.values.push(v.scalar);
        if (v.comment) out.comments.push(v.comment);
      }
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  return out;
}

export const adapter: LanguageAdapter = {
  id: 'env',
  extensions: ['.env'],
  fileNames: ['.env'],
  parse: async (text) => assignmentParsedFile('env', text, scanEnv(text)),
  countSyntaxErrors: async (text) => scanEnv(text).errors,
};
