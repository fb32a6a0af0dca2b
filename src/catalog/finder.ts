// Finds Claude model IDs in arbitrary text (code, config, prose). Only catalogue models and their variants
// are reported; a string is matched only as a whole token, so rewriting a match can never corrupt a longer
// identifier (`claude-opus-4-80`, `my-claude-3-opus`, `claude-2.10`, `claude-opus-4-6.json` are not matches).
//
// Shapes, after an optional provider prefix (`anthropic.` Bedrock, `us.anthropic.` cross-region profile,
// `anthropic/` LiteLLM):
//   <catalogue id>                          claude-opus-4-6, claude-3-opus-20240229, claude-3-opus-latest
//   <catalogue id><variant suffixes>        claude-opus-4-6-fast, claude-sonnet-4-5[1m], claude-opus-4-5-20990101
//   <dated stem>-<unknown date>[suffixes]   claude-opus-4-20990101 (stem of claude-opus-4-20250514)
//   <vertex name>@<date>                    claude-sonnet-4@20250514, claude-3-5-sonnet-v2@20241022
//   anthropic.<id>-v<n>[:<m>]               legacy Bedrock (InvokeModel/Converse), recognised, never rewritten
// `core` is the model part: after the provider prefix, without a legacy Bedrock `-v<n>:<m>` version, with any
// variant suffix and with a Vertex `@date` (the target is written `<alias>@<date>` when the catalogue has its
// dated snapshot, else as the alias: rewriteCore).
import type { IdForm, ModelIdMatch, ModelInfo } from './types.js';
import { MODEL_DATA, VERTEX_NAME_OVERRIDES } from './models.js';

/**
 * Prefilter for the scanner: every form above contains one of these. Plain alternation, no lookaround, so it
 * is valid in JavaScript and in Rust's regex crate (ripgrep).
 */
export const MODEL_ID_REGEX_SOURCE = 'claude-(?:opus|sonnet|haiku|fable|mythos|[23])';

interface Entry {
  text: string;
  model: ModelInfo;
  /** A complete first-party ID (may stand alone). */
  exact: boolean;
  /** The exact ID is a dated snapshot. */
  dated: boolean;
  /** A dated ID minus its date: matches only with `-<8 digits>` or `@…` after it. */
  stem: boolean;
}

const DATE_SUFFIX = /-(\d{8})$/;

function buildTables(models: readonly ModelInfo[]) {
  const entries = new Map<string, Entry>();
  const vertex = new Map<string, ModelInfo>();
  // When a stem is shared (claude-3-5-sonnet: two snapshots), the newest snapshot names the family.
  const newestDate = new Map<string, string>();

  for (const model of models) {
    for (const id of model.ids) entries.set(id, { text: id, model, exact: true, dated: model.dated.includes(id), stem: false });
  }
  for (const model of models) {
    for (const dated of model.dated) {
      const m = DATE_SUFFIX.exec(dated);
      if (!m) continue;
      const stem = dated.slice(0, m.index);
      const vertexName = VERTEX_NAME_OVERRIDES[dated] ?? `${stem}@${m[1]}`;
      vertex.set(vertexName, model);
      for (const s of new Set([stem, vertexName.slice(0, vertexName.indexOf('@'))])) {
        const existing = entries.get(s);
        if (existing?.exact) continue; // an alias doubles as its own stem (claude-opus-4-1)
        if (existing && (newestDate.get(s) ?? '') > m[1]) continue;
        newestDate.set(s, m[1]);
        entries.set(s, { text: s, model, exact: false, dated: false, stem: true });
      }
    }
  }
  // Longest first, so `claude-sonnet-4-5-20250929` wins over `claude-sonnet-4-5` over `claude-sonnet-4`.
  const ordered = [...entries.values()].sort((a, b) => b.text.length - a.text.length);
  return { ordered, vertex };
}

const { ordered: ENTRIES, vertex: VERTEX } = buildTables(MODEL_DATA);

const ALNUM = /[A-Za-z0-9]/;
const WORD = /[A-Za-z0-9_]/;
// Variant suffixes: words (`-fast`, `-preview`), dates, context sizes (`-200k`, `[1m]`). A bare number (`-1`,
// `-20251101a`) is not one: the token is then some other version string and is not reported at all.
const SUFFIX_CHAIN = /(?:-[A-Za-z][A-Za-z0-9]*|-\d{8}|-\d+[kKmM]|\[\d+[kKmM]\])+/y;
const UNKNOWN_DATE = /-\d{8}/y;
const AT_TAG = /@([A-Za-z0-9]+)/y;
const BEDROCK_VERSION = /-v\d+(?::[A-Za-z0-9]+)*/y;
const REGION = /^[a-z]{2,6}(?:-[a-z]{2,4})?$/;

function stickyAt(re: RegExp, text: string, pos: number): string | undefined {
  re.lastIndex = pos;
  return re.exec(text)?.[0];
}

/** Whether the character before `pos` lets a token start there. */
function startsToken(text: string, pos: number): boolean {
  if (pos === 0) return true;
  const ch = text[pos - 1];
  // `\n`, `\t`, `\r` escapes inside string literals: the letter is not part of the ID's token.
  if ((ch === 'n' || ch === 't' || ch === 'r') && text[pos - 2] === '\\') return true;
  // Shell default expansion `${CLAUDE_MODEL:-claude-opus-4-6}` (also in Dockerfiles and compose files).
  if (ch === '-' && text[pos - 2] === ':') return true;
  return !(WORD.test(ch) || ch === '-' || ch === '.');
}

/** Whether the token runs on at `pos` (so whatever came before is only part of a longer token). */
function continuesAt(text: string, pos: number): boolean {
  const ch = text[pos];
  if (ch === undefined) return false;
  if (WORD.test(ch)) return true;
  return (ch === '.' || ch === '-') && ALNUM.test(text[pos + 1] ?? '');
}

type Prefix = { start: number; kind: 'bedrock' | 'litellm' | undefined; region: boolean };

/** The provider prefix in front of `claude-` at `c`, or undefined when no token may start here. */
function prefixOf(text: string, c: number): Prefix | undefined {
  const p = c - 'anthropic.'.length;
  if (p >= 0 && text.startsWith('anthropic.', p)) {
    // Cross-region inference profile (`us.`, `eu.`, `apac.`, `global.`, `us-gov.`): legacy Bedrock.
    if (text[p - 1] === '.') {
      let k = p - 1;
      while (k > 0 && /[a-z-]/.test(text[k - 1])) k--;
      if (REGION.test(text.slice(k, p - 1)) && startsToken(text, k)) return { start: k, kind: 'bedrock', region: true };
      return undefined;
    }
    return startsToken(text, p) ? { start: p, kind: 'bedrock', region: false } : undefined;
  }
  if (p >= 0 && text.startsWith('anthropic/', p) && startsToken(text, p)) return { start: p, kind: 'litellm', region: false };
  return startsToken(text, c) ? { start: c, kind: undefined, region: false } : undefined;
}

function matchEntry(text: string, c: number, prefix: Prefix, entry: Entry): ModelIdMatch | undefined {
  let pos = c + entry.text.length;
  let model = entry.model;
  let variant = '';
  let form: IdForm = prefix.kind ?? (entry.dated ? 'dated' : 'alias');
  let coreEnd: number | undefined;

  const at = prefix.kind !== 'bedrock' ? stickyAt(AT_TAG, text, pos) : undefined;
  if (at) {
    // Vertex `name@date`: known when the pair names a snapshot, else an unknown (variant) form of the family.
    const known = VERTEX.get(entry.text + at);
    if (known) model = known;
    else variant = at;
    form = 'vertex';
    pos += at.length;
  } else {
    if (entry.stem) {
      // A stem stands only before a date: `claude-opus-4-9` is some other model, not Opus 4.
      const date = stickyAt(UNKNOWN_DATE, text, pos);
      if (!date) return undefined;
      if (!prefix.kind) form = 'dated';
      variant = date;
      pos += date.length;
    }
    const version = prefix.kind === 'bedrock' ? stickyAt(BEDROCK_VERSION, text, pos) : undefined;
    if (version) {
      form = 'bedrock-legacy';
      coreEnd = pos;
      pos += version.length;
    } else {
      const chain = stickyAt(SUFFIX_CHAIN, text, pos);
      if (chain) {
        if (!prefix.kind && !variant && /^-\d{8}/.test(chain)) form = 'dated';
        variant += chain;
        pos += chain.length;
      }
    }
  }
  if (continuesAt(text, pos)) return undefined;
  if (prefix.region) form = 'bedrock-legacy';
  const match: ModelIdMatch = {
    start: prefix.start,
    end: pos,
    text: text.slice(prefix.start, pos),
    form,
    model,
    core: { start: c, end: coreEnd ?? pos },
  };
  if (variant) match.variant = variant;
  return match;
}

function matchAt(text: string, c: number): ModelIdMatch | undefined {
  const prefix = prefixOf(text, c);
  if (!prefix) return undefined;
  for (const entry of ENTRIES) {
    if (!text.startsWith(entry.text, c)) continue;
    const match = matchEntry(text, c, prefix, entry);
    if (match) return match;
  }
  return undefined;
}

/** Every catalogue model ID (and variant of one) in `text`, in order, non-overlapping. Offsets are UTF-16. */
export function findModelIds(text: string): ModelIdMatch[] {
  const out: ModelIdMatch[] = [];
  let from = 0;
  let lastEnd = 0;
  for (let c = text.indexOf('claude-', from); c !== -1; c = text.indexOf('claude-', from)) {
    const match = matchAt(text, c);
    if (match && match.start >= lastEnd) {
      out.push(match);
      lastEnd = match.end;
      from = match.end;
    } else {
      from = c + 1;
    }
  }
  return out;
}
