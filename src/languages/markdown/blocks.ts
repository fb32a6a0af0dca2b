// Fenced code blocks of a Markdown/MDX file (``` and ~~~, any indentation, info strings), YAML front
// matter, and the mapping between a block's code and the host file: a fence indented inside a list
// item has its indentation stripped from every line, `console` blocks lose their `$ ` prompts.
import type { LanguageId, Range, TextEdit } from '../types.js';

const LANGUAGES: Record<string, LanguageId> = {
  python: 'python', py: 'python', python3: 'python', py3: 'python',
  ts: 'typescript', typescript: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  js: 'javascript', javascript: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript', node: 'javascript',
  go: 'go', golang: 'go', java: 'java', kotlin: 'kotlin', kt: 'kotlin',
  ruby: 'ruby', rb: 'ruby', csharp: 'csharp', cs: 'csharp', 'c#': 'csharp', php: 'php',
  bash: 'shell', sh: 'shell', shell: 'shell', zsh: 'shell', console: 'shell', curl: 'shell', 'shell-session': 'shell', shellsession: 'shell',
  json: 'json', jsonc: 'json', jsonl: 'json', ndjson: 'json', yaml: 'yaml', yml: 'yaml', toml: 'toml',
  dockerfile: 'dockerfile', docker: 'dockerfile', env: 'env', dotenv: 'env',
};

/** File name the embedded adapter sees (its extension picks JSONC/JSONL, TSX…). */
export function virtualName(host: string, index: number, language: LanguageId, tag: string): string {
  const ext: Partial<Record<LanguageId, string>> = { python: 'py', typescript: tag === 'tsx' ? 'tsx' : 'ts', javascript: tag === 'jsx' ? 'jsx' : 'js', go: 'go', java: 'java', ruby: 'rb', csharp: 'cs', php: 'php', shell: 'sh', json: ['jsonc', 'jsonl', 'ndjson'].includes(tag) ? tag : 'json', yaml: 'yaml', toml: 'toml', kotlin: 'kt' };
  if (language === 'dockerfile') return `${host}.block${index}/Dockerfile`;
  if (language === 'env') return `${host}.block${index}/.env`;
  return `${host}.block${index}.${ext[language] ?? 'txt'}`;
}

interface LineMap {
  /** Start of the line in the block's code. */
  dStart: number;
  /** Where that code starts in the host (after the stripped prefix). */
  sStart: number;
  /** Length of the line's code including its line break. */
  length: number;
}

export interface CodeBlock {
  /** Language of the info string (undefined: no or unknown info string, treated as prose). */
  language?: LanguageId;
  tag: string;
  /** The content lines in the host (between the fences). */
  range: Range;
  /** The code handed to the embedded adapter. */
  code: string;
  lines: LineMap[];
  /** Indentation re-added after each line break of inserted text. */
  indent: string;
}

export function languageOfInfo(info: string): { language?: LanguageId; tag: string } {
  const tag = (info.trim().split(/[\s{,:]/)[0] ?? '').toLowerCase().replace(/^\./, '');
  return { language: LANGUAGES[tag], tag };
}

function block(text: string, start: number, end: number, indent: number, stripPrompt: boolean, info: { language?: LanguageId; tag: string }): CodeBlock {
  const lines: LineMap[] = [];
  let code = '';
  let pos = start;
  while (pos < end) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 || nl >= end ? end : nl + 1;
    const line = text.slice(pos, lineEnd);
    let skip = 0;
    while (skip < indent && (line[skip] === ' ' || line[skip] === '\t')) skip++;
    if (stripPrompt) {
      const m = /^[$%] /.exec(line.slice(skip));
      if (m) skip += m[0].length;
    }
    const body = line.slice(skip);
    lines.push({ dStart: code.length, sStart: pos + skip, length: body.length });
    code += body;
    pos = lineEnd;
  }
  return { ...info, range: { start, end }, code, lines, indent: ' '.repeat(indent) };
}

/** Fenced blocks and front matter of a Markdown text, in order. */
export function findBlocks(text: string): CodeBlock[] {
  const out: CodeBlock[] = [];
  let pos = 0;
  // YAML front matter: `---` on the first line, closed by `---` or `...`.
  const fm = /^---[ \t]*\r?\n/.exec(text);
  if (fm) {
    const close = /^(---|\.\.\.)[ \t]*$/m;
    const rest = text.slice(fm[0].length);
    const m = close.exec(rest);
    if (m) {
      const start = fm[0].length;
      out.push(block(text, start, start + m.index, 0, false, { language: 'yaml', tag: 'yaml' }));
      pos = start + m.index;
    }
  }
  const open = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(pos, lineEnd).replace(/\r$/, '');
    const m = open.exec(line);
    const next = nl === -1 ? text.length : nl + 1;
    if (!m || (m[2][0] === '`' && m[3].includes('`'))) {
      pos = next;
      continue;
    }
    const [, indent, fence, infoText] = m;
    const closeRe = new RegExp(`^[ \\t]*${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
    let cur = next;
    let contentEnd = text.length;
    let after = text.length;
    while (cur < text.length) {
      const cnl = text.indexOf('\n', cur);
      const cEnd = cnl === -1 ? text.length : cnl;
      if (closeRe.test(text.slice(cur, cEnd).replace(/\r$/, ''))) {
        contentEnd = cur;
        after = cnl === -1 ? text.length : cnl + 1;
        break;
      }
      cur = cnl === -1 ? text.length : cnl + 1;
    }
    const info = languageOfInfo(infoText);
    out.push(block(text, next, contentEnd, indent.length, info.tag === 'console' || info.tag === 'shell-session' || info.tag === 'shellsession', info));
    pos = after;
  }
  return out;
}

/** Host offset of a code offset (as a range start). */
export function toHost(b: CodeBlock, d: number): number {
  for (const l of b.lines) if (d >= l.dStart && d < l.dStart + l.length) return l.sStart + (d - l.dStart);
  const last = b.lines[b.lines.length - 1];
  return last ? last.sStart + last.length : b.range.start;
}

/** Host offset of a code offset used as an exclusive end. */
export function toHostEnd(b: CodeBlock, d: number): number {
  for (const l of b.lines) if (d > l.dStart && d <= l.dStart + l.length) return l.sStart + (d - l.dStart);
  return toHost(b, d);
}

/** Code offset of a host offset; undefined in a stripped prefix or outside the block. */
export function toCode(b: CodeBlock, s: number): number | undefined {
  for (const l of b.lines) if (s >= l.sStart && s <= l.sStart + l.length) return l.dStart + (s - l.sStart);
  return undefined;
}

export function editToHost(b: CodeBlock, e: TextEdit): TextEdit {
  const start = toHost(b, e.start);
  const end = e.end > e.start ? toHostEnd(b, e.end) : start;
  return { start, end, text: b.indent ? e.text.replace(/\n/g, `\n${b.indent}`) : e.text };
}

/** Deep copy of `value` with every `{start, end}` range and `at` offset mapped. */
export function mapRanges<T>(value: T, point: (n: number) => number | undefined, pointEnd: (n: number) => number | undefined): T {
  const seen = new Map<object, unknown>();
  const visit = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return seen.get(v);
    if (Array.isArray(v)) {
      const arr: unknown[] = [];
      seen.set(v, arr);
      for (const x of v) arr.push(visit(x));
      return arr;
    }
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 2 && typeof o.start === 'number' && typeof o.end === 'number') {
      const start = point(o.start);
      const end = o.end > o.start ? pointEnd(o.end) : start;
      if (start === undefined || end === undefined) throw new RangeOutside();
      return { start, end };
    }
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    for (const k of keys) {
      if (k === 'at' && typeof o[k] === 'number') {
        const at = point(o[k] as number);
        if (at === undefined) throw new RangeOutside();
        out[k] = at;
      } else out[k] = visit(o[k]);
    }
    return out;
  };
  return visit(value) as T;
}

export class RangeOutside extends Error {
  constructor() {
    super('a range lies outside the code block');
  }
}
