// Dockerfiles: `ENV KEY=value …`, legacy `ENV KEY value`, `ARG KEY=default` and `LABEL k=v` values
// (with `\` line continuations), and `#` comment lines. Values are strings for the model-ID finder;
// comma-separated values are lists (see env.ts). No requests: a curl inside `RUN` is not followed.
import type { LanguageAdapter } from '../types.js';
import { assignmentParsedFile, readValue, type AssignmentFile } from './env.js';

const VALUE_INSTRUCTIONS = /^(ENV|ARG|LABEL)$/i;

export function scanDockerfile(text: string): AssignmentFile {
  const out: AssignmentFile = { values: [], comments: [], errors: 0 };
  let pos = 0;
  let continued = false; // inside an instruction continued with `\`
  let instruction = '';
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    let lineEnd = nl === -1 ? text.length : nl;
    if (text[lineEnd - 1] === '\r') lineEnd--;
    const line = text.slice(pos, lineEnd);
    const comment = /^([ \t]*)#/.exec(line);
    if (comment) {
      // Comment lines are allowed (and skipped) even inside a continued instruction.
      out.comments.push({ start: pos + comment[1].length, end: lineEnd });
    } else if (line.trim()) {
      let i = pos;
      if (!continued) {
        const m = /^[ \t]*([A-Za-z]+)[ \t]*/.exec(line);
        instruction = m ? m[1] : '';
        i = pos + (m ? m[0].length : 0);
      } else {
        i = pos + /^[ \t]*/.exec(line)![0].length;
      }
      const contEnd = /\\[ \t]*$/.test(line) ? pos + line.lastIndexOf('\\') : lineEnd;
      if (VALUE_INSTRUCTIONS.test(instruction)) scanPairs(text, i, contEnd, out, instruction.toUpperCase() === 'ENV' && !continued);
      continued = contEnd !== lineEnd;
    } else continued = false;
    if (nl === -1) break;
    pos = nl + 1;
  }
  return out;
}

/** `K=v K2="v 2"` pairs, or the legacy `ENV KEY the rest of the line`. */
function scanPairs(text: string, start: number, end: number, out: AssignmentFile, legacyAllowed: boolean): void {
  let i = start;
  const legacy = /^([A-Za-z_][A-Za-z0-9_.-]*)[ \t]+(?=[^= \t])/.exec(text.slice(start, end));
  if (legacyAllowed && legacy && !text.slice(start, start + legacy[0].length).includes('=')) {
    const v = readValue(text, start + legacy[0].length, end, false);
    const s = v.scalar;
    if (s && s.quote === '') {
      // The legacy form's value is the rest of the line, trailing blanks aside.
      let e = end;
      while (e > s.range.start && /[ \t]/.test(text[e - 1])) e--;
      out.values.push({ ...s, range: { start: s.range.start, end: e }, contentRange: { start: s.range.start, end: e }, value: text.slice(s.range.start, e) });
    } else if (s) out.values.push(s);
    return;
  }
  while (i < end) {
    while (i < end && /[ \t]/.test(text[i])) i++;
    const m = /^([A-Za-z_][A-Za-z0-9_.-]*|"[^"]*")=/.exec(text.slice(i, end));
    if (!m) {
      // `ARG NAME` without a default, or something we do not read: skip the word.
      while (i < end && !/[ \t]/.test(text[i])) i++;
      continue;
    }
    i += m[0].length;
    const v = readValue(text, i, end, true);
    if (v.unterminated) {
      out.errors++;
      return;
    }
    if (v.scalar) out.values.push(v.scalar);
    i = Math.max(v.end, i + 1);
  }
}

export const adapter: LanguageAdapter = {
  id: 'dockerfile',
  extensions: ['.dockerfile'],
  fileNames: ['Dockerfile', 'Containerfile'],
  parse: async (text) => assignmentParsedFile('dockerfile', text, scanDockerfile(text)),
  countSyntaxErrors: async (text) => scanDockerfile(text).errors,
};
