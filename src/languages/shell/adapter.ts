// Shell adapter (tree-sitter-bash): Messages API requests made with curl (see curl.ts), whose JSON
// bodies are parsed with jsonc-parser and mapped back into the script; `#` comments; shell strings;
// arrays (`MODELS=(…)`) and `case` patterns as collections; `[[ … ]]` / `[ … ]` tests as gates; jq
// reads of the stop reason and of thinking text (responses.ts).
// Body edits are rendered in JSON syntax inside the quoting they sit in; header edits remove a beta
// from an `anthropic-beta:` value (a raw replace) or the whole `-H` argument with its line.
import type { Node, Tree } from 'web-tree-sitter';
import { isRawCode, type EditIntent, type FileView, type LanguageAdapter, type NeutralValue, type OffsetContext, type ParsedFile, type Range, type RenderResult, type TextEdit } from '../types.js';
import { eolOf, indentOf, lineEndOf, lineStartOf, nextLineStart } from '../edit-helpers.js';
import { getParser } from '../tree-sitter/loader.js';
import { ancestors, countSyntaxErrors, nodeAt, rangeOf, walk } from '../tree-sitter/common.js';
import { intentAnchor, inRange, modelRanges, within } from '../config/common.js';
import { toolsOf } from '../config/payload.js';
import { CurlFinder, type CurlRequest } from './curl.js';
import { WordDecoder } from './words.js';
import { responseUses } from './responses.js';

const STRING_TYPES = new Set(['raw_string', 'string', 'ansi_c_string', 'heredoc_body']);
/** Parents whose children are whole statements (a comment can go above them). */
const STATEMENT_PARENTS = new Set(['program', 'compound_statement', 'do_group', 'if_statement', 'elif_clause', 'else_clause', 'case_item', 'subshell', 'while_statement', 'for_statement', 'c_style_for_statement', 'function_definition']);

interface ShellAnalysis {
  curls: CurlRequest[];
  view: FileView;
  models: Range[];
}

function analyze(root: Node, text: string): ShellAnalysis {
  const curls = new CurlFinder(root, text).find();
  const requests = curls.flatMap((c) => c.requests);
  const bodyNodeIds = new Set(curls.flatMap((c) => c.bodyNodes.map((n) => n.id)));
  const decoder = new WordDecoder(text);
  const strings: FileView['strings'] = [];
  const comments: Range[] = [];
  walk(root, (n) => {
    if (n.type === 'comment') comments.push(rangeOf(n));
    if (bodyNodeIds.has(n.id)) return false;
    const fallback = n.type === 'expansion' ? defaultValueOf(n, text) : undefined;
    if (fallback) strings.push(fallback);
    if (STRING_TYPES.has(n.type)) {
      const host = n.type === 'heredoc_body' ? decoder.heredoc(n, true) : decoder.word(n);
      const contentRange = n.type === 'heredoc_body' ? rangeOf(n) : n.type === 'ansi_c_string' ? { start: n.startIndex + 2, end: n.endIndex - 1 } : { start: n.startIndex + 1, end: n.endIndex - 1 };
      strings.push({ range: rangeOf(n), contentRange, value: host.text });
      return n.type === 'string'; // expansions inside "…" may hold strings of their own
    }
  });
  for (const c of curls) if (c.body) strings.push(...c.body.doc.strings);
  strings.sort((a, b) => a.range.start - b.range.start);
  const bodyErrors = curls.reduce((n, c) => n + (c.body?.json ? c.body.doc.syntaxErrors : 0), 0);
  const view: FileView = {
    language: 'shell',
    requests,
    clients: [],
    responseUses: responseUses(root, decoder, bodyNodeIds),
    tools: toolsOf(requests),
    strings,
    comments,
    syntaxErrors: countSyntaxErrors(root) + bodyErrors,
  };
  return { curls, view, models: modelRanges(requests) };
}

/**
 * The literal default of `${VAR:-value}` / `${VAR-value}` / `${VAR:=value}` (tree-sitter-bash splits
 * the word oddly, so it is read from the text): `MODEL="${CLAUDE_MODEL:-claude-sonnet-4-5}"` is the
 * commonest way scripts name a model.
 */
function defaultValueOf(n: Node, text: string): FileView['strings'][number] | undefined {
  const op = n.children.find((c) => c && /^:?[-=]$/.test(c.type));
  const close = n.lastChild;
  if (!op || close?.type !== '}') return undefined;
  const contentRange = { start: op.endIndex, end: close.startIndex };
  const value = text.slice(contentRange.start, contentRange.end);
  if (!value || /[$`"'\\\s]/.test(value)) return undefined;
  return { range: contentRange, contentRange, value };
}

/**
 * Moved source (`{ $code }`, e.g. an `output_format` value going into `output_config`) keeps the
 * absolute indentation of where it was; the JSON renderer expects it relative to its first line.
 */
function withRelativeCode(intent: EditIntent): EditIntent {
  if (intent.kind !== 'add-field' && intent.kind !== 'set-value') return intent;
  return { ...intent, to: relativeCode(intent.to) };
}

function relativeCode(v: NeutralValue, depth = 0): NeutralValue {
  if (isRawCode(v)) {
    const lines = v.$code.split('\n');
    if (lines.length < 2) return v;
    const indentOfLine = (l: string) => /^[ \t]*/.exec(l)![0].length;
    const rest = lines.slice(1).filter((l) => l.trim() !== '');
    const base = Math.min(...rest.map(indentOfLine));
    // The snippet's own nesting step, for the levels it now sits below the new field.
    const steps = rest.map(indentOfLine).filter((n) => n > base).map((n) => n - base);
    const step = steps.length ? Math.min(...steps) : 2;
    const pad = ' '.repeat(step * depth);
    return { $code: [lines[0], ...lines.slice(1).map((l) => (l.trim() === '' ? l : pad + l.slice(Math.min(base, indentOfLine(l)))))].join('\n') };
  }
  if (Array.isArray(v)) return v.map((x) => relativeCode(x, depth + 1));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, relativeCode(x, depth + 1)]));
  return v;
}

/** `[[ $m == a || … ]]` / `[ … ]` comparison, or a `case` pattern list. */
function shellConstructs(root: Node, offset: number): { collection?: OffsetContext['collection']; gate?: Node; test?: Node } {
  const at = nodeAt(root, offset);
  const out: { collection?: OffsetContext['collection']; gate?: Node; test?: Node } = {};
  if (!at) return out;
  let child: Node = at;
  for (const a of ancestors(at)) {
    if (!out.collection) {
      if (a.type === 'array') {
        const items = a.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
        if (items.some((i) => i.id === child.id)) out.collection = { kind: 'list', range: rangeOf(a), entries: items.length, entry: rangeOf(child) };
      } else if (a.type === 'case_item') {
        const values = a.childrenForFieldName('value').filter((v): v is Node => !!v);
        const caseStmt = a.parent;
        if (values.some((v) => v.id === child.id) && caseStmt) {
          const items = caseStmt.namedChildren.filter((c) => c?.type === 'case_item');
          out.collection = { kind: 'switch', range: rangeOf(caseStmt), entries: items.length, entry: rangeOf(child) };
        }
      }
    }
    if (!out.gate && a.type === 'binary_expression' && a.parent?.type === 'test_command') out.gate = a;
    if (!out.test && a.type === 'test_command') out.test = a;
    child = a;
  }
  return out;
}

/** The statement holding `offset`: a comment inserted above it cannot land inside a string or a continued line. */
function statementAt(root: Node, offset: number): Node | undefined {
  const at = nodeAt(root, offset);
  if (!at) return undefined;
  let n: Node | null = at;
  while (n && n.parent && !STATEMENT_PARENTS.has(n.parent.type)) n = n.parent;
  return n && n.type !== 'program' ? n : undefined;
}

/** Remove a `-H` argument (flag and value). A line holding only it (and a `\`) goes whole. */
function removeHeaderArg(text: string, first: Node, last: Node): TextEdit {
  const lineStart = lineStartOf(text, first.startIndex);
  const lineEnd = lineEndOf(text, last.endIndex);
  const before = text.slice(lineStart, first.startIndex);
  const after = text.slice(last.endIndex, lineEnd);
  if (/^[ \t]*$/.test(before)) {
    if (/^[ \t]*\\$/.test(after)) return { start: lineStart, end: nextLineStart(text, lineEnd), text: '' };
    if (/^[ \t]*$/.test(after)) {
      // Last line of the command: the previous line's continuation backslash goes too.
      const prevEnd = lineStart - 1 - (text[lineStart - 2] === '\r' ? 1 : 0);
      const prevLine = text.slice(lineStartOf(text, prevEnd), prevEnd);
      const m = /[ \t]*\\$/.exec(prevLine);
      if (m) return { start: prevEnd - m[0].length, end: lineEnd, text: '' };
    }
  }
  // Inline: drop the argument and the blanks before it.
  let start = first.startIndex;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { start, end: last.endIndex, text: '' };
}

function render(root: Node, text: string, a: ShellAnalysis, intent: EditIntent): RenderResult {
  if (intent.kind === 'replace') return { edits: [{ start: intent.range.start, end: intent.range.end, text: intent.text }] };
  if (intent.kind === 'remove-field') {
    const curl = a.curls.find((c) => c.headerContainer.range.start === intent.container.range.start && c.headerContainer.range.end === intent.container.range.end && c.headerArgs.has(`${intent.field.range.start}:${intent.field.range.end}`));
    if (curl) {
      const args = curl.headerArgs.get(`${intent.field.range.start}:${intent.field.range.end}`)!;
      return { edits: [removeHeaderArg(text, args.first, args.last)] };
    }
  }
  if (intent.kind === 'insert-comment') {
    const stmt = statementAt(root, intent.at);
    const at = stmt ? stmt.startIndex : intent.at;
    const start = lineStartOf(text, at);
    const indent = indentOf(text, at);
    const eol = eolOf(text);
    const comment = intent.text.split(/\r?\n/).map((l) => `${indent}# ${l}`.trimEnd() + eol).join('');
    // A body's model ID gets its comment above the whole command, away from the ID itself: the rule's
    // line-above check cannot see it there, so an identical comment already in place ends the edit.
    if (text.slice(Math.max(0, start - comment.length), start) === comment) return { edits: [] };
    return { edits: [{ start, end: start, text: comment }] };
  }
  if (intent.kind === 'rename-call') return { refused: 'a curl request has no SDK namespace to rename' };
  if (intent.kind === 'remove-definition') return { refused: 'shell definitions are not removed automatically' };
  const anchor = intentAnchor(intent);
  const body = a.curls.map((c) => c.body).find((b) => b && (b.doc.owns(anchor) || (b.doc.value && within(b.doc.value.range, anchor))));
  if (body) return body.doc.render(withRelativeCode(intent));
  if (intent.kind === 'add-alongside') return alongside(root, text, intent.at, intent.from, intent.to);
  return { refused: 'the target is not inside a JSON body of a curl request' };
}

function alongside(root: Node, text: string, at: number, from: string, to: string): RenderResult {
  if (!text.startsWith(from, at)) return { refused: `"${from}" is not at the given offset` };
  const c = shellConstructs(root, at);
  const swap = (s: string) => s.split(from).join(to);
  if (c.collection && (c.collection.kind === 'list' || c.collection.kind === 'switch')) {
    const entry = c.collection.entry;
    const copy = swap(text.slice(entry.start, entry.end));
    if (c.collection.kind === 'list') {
      // One item a line (`(\n  a\n  b\n)`): the copy gets a line of its own.
      const lineStart = lineStartOf(text, entry.start);
      const ownLine = /^[ \t]*$/.test(text.slice(lineStart, entry.start)) && /^[ \t]*(#.*)?$/.test(text.slice(entry.end, lineEndOf(text, entry.end)));
      if (ownLine) return { edits: [{ start: lineEndOf(text, entry.end), end: lineEndOf(text, entry.end), text: `${eolOf(text)}${text.slice(lineStart, entry.start)}${copy}` }] };
      return { edits: [{ start: entry.end, end: entry.end, text: ` ${copy}` }] };
    }
    return { edits: [{ start: entry.end, end: entry.end, text: `|${copy}` }] };
  }
  if (c.gate && c.test) {
    if (!c.test.text.startsWith('[[')) return { refused: 'a `[ … ]` test cannot take `||`: rewrite it as `[[ … ]]` by hand' };
    return { edits: [{ start: c.gate.endIndex, end: c.gate.endIndex, text: ` || ${swap(c.gate.text)}` }] };
  }
  return { refused: 'no array item, case pattern or [[ … ]] test holds the model ID' };
}

function contextAt(root: Node, a: ShellAnalysis, offset: number): OffsetContext {
  const inComment = a.view.comments.some((c) => inRange(c, offset));
  const body = a.curls.map((c) => c.body).find((b) => b && b.doc.owns({ start: offset, end: offset }));
  const ctx: OffsetContext = body ? body.doc.contextAt(offset) : { inString: a.view.strings.some((s) => inRange(s.range, offset)), inComment };
  if (inComment) return { inString: false, inComment: true };
  if (!body) {
    const c = shellConstructs(root, offset);
    if (c.collection) ctx.collection = c.collection;
    if (c.gate) ctx.gate = rangeOf(c.gate);
  }
  if (a.models.some((r) => inRange(r, offset))) ctx.requestModel = true;
  return ctx;
}

async function parse(text: string): Promise<ParsedFile> {
  const parser = await getParser('bash');
  const tree: Tree | null = parser.parse(text);
  if (!tree) throw new Error('tree-sitter-bash returned no tree');
  const root = tree.rootNode;
  const analysis = analyze(root, text);
  let disposed = false;
  return {
    view: analysis.view,
    contextAt: (offset) => (disposed ? { inString: false, inComment: false } : contextAt(root, analysis, offset)),
    render: (intent) => (disposed ? { refused: 'parsed file already disposed' } : render(root, text, analysis, intent)),
    dispose() {
      if (!disposed) tree.delete();
      disposed = true;
    },
  };
}

export const adapter: LanguageAdapter = {
  id: 'shell',
  extensions: ['.sh', '.bash', '.zsh'],
  fileNames: ['.envrc', '.bashrc', '.bash_profile', '.zshrc', '.profile'],
  parse: (text) => parse(text),
  async countSyntaxErrors(text) {
    const p = await parse(text);
    try {
      return p.view.syntaxErrors;
    } finally {
      p.dispose();
    }
  },
};
