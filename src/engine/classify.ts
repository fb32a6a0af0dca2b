// Step 1 of the guide: the role of every model-ID occurrence and the bucket of the file.
import { LIFECYCLE_TERMS } from '../catalog/index.js';
import type { ModelIdMatch } from '../catalog/types.js';
import type { FileView, OffsetContext, ParsedFile, Range } from '../languages/types.js';
import type { Bucket, Occurrence, OccurrenceRole } from '../rules/types.js';
import { RECORD_IDENTITY_KEY } from '../languages/config/common.js';
import { isTestPath } from '../scanner/language.js';
import { MEMBERSHIP_ASSERT } from '../rules/support/alongside.js';

const GENERATED_PATH = [
  /(^|\/)__snapshots__\//,
  /\.snap$/,
  /(^|\/)(cassettes|vcr_cassettes|fixtures\/vcr|recordings)\//i,
  /\.httprr$/, // rsc.io/httprr HTTP record/replay files
  /(^|\/)[\w-]*versioned_docs\/version-[^/]+\//, // Docusaurus: the frozen docs of past releases
  /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|Pipfile\.lock|uv\.lock|Gemfile\.lock|composer\.lock|Cargo\.lock|go\.sum|packages\.lock\.json)$/,
  /\.(pb|pb2|g|generated|gen)\.(go|py|ts|js|cs|java)$/,
  /_pb2\.py$/,
];
const GENERATED_HEADER = /@generated|DO NOT EDIT|Code generated .* DO NOT EDIT|auto-?generated (by|from|file)|This file is (auto-?)?generated/i;

/** Why a file is generated/frozen, or undefined. Only the first 1 KB is read for headers (4 KB of a JSON file for a recorded response). */
export function generatedReason(path: string, text: string): string | undefined {
  const p = GENERATED_PATH.find((re) => re.test(path));
  if (p) return `path matches ${p.source.replace(/\\/g, '')}`;
  const head = text.slice(0, 1024);
  const m = GENERATED_HEADER.exec(head);
  if (m) return `header says "${m[0]}"`;
  if (isRecordedResponse(path, text)) return 'a recorded Messages API response: record it again';
  return isRecordedTestResponse(path, text) ? 'a recorded API response kept as test data: record it again' : undefined;
}

const TEST_DATA_DIR = /(^|\/)(tests?|spec|__tests__)\/(.*\/)?(fixtures?|testdata|responses|recordings|stubs|mocks?)\/|(^|\/)(testdata|__fixtures__)\//i;

/**
 * Any API's answer saved as test data (`tests/Fixtures/mistral/ocr-response.json`): it reports `usage`, which
 * no request body carries. What it quotes (a document mentioning a model) is what that API returned.
 */
function isRecordedTestResponse(path: string, text: string): boolean {
  return /\.(json|jsonl|ndjson)$/i.test(path) && TEST_DATA_DIR.test(path) && /"usage(?:_info|Metadata)?"\s*:\s*\{/.test(text);
}

/**
 * A data file holding what the API answered (a response, a stream's `message_start`, batch results)
 * (or a legacy Text Completions response) saved as a test fixture: its `model` is the model that answered,
 * and the fixture is re-recorded, not edited (its snapshot tests compare against it). A request body never
 * says `"type": "message"` or carries a `stop_reason`.
 */
function isRecordedResponse(path: string, text: string): boolean {
  if (!/\.(json|jsonl|ndjson)$/i.test(path)) return false;
  const head = text.slice(0, 4096);
  const message = /"type"\s*:\s*"message(?:_start)?"/.test(head) && /"role"\s*:\s*"assistant"|"stop_reason"\s*:/.test(head);
  // The legacy Text Completions API answered `{"completion": …, "stop_reason": …, "model": …}`.
  const completion = /"completion"\s*:/.test(head) && /"stop_reason"\s*:/.test(head);
  return message || completion;
}

/** Distinct models named as plain strings from which a file is read as a registry. */
const REGISTRY_MIN_MODELS = 4;

/** Distinct models handed to one function, one call each, from which a caller is read as registering them. */
const REGISTRATION_MIN_MODELS = 3;

/**
 * The name of the function whose argument list holds `offset` (through any object or list literals inside
 * it): `ClaudeMessages` for `register(ClaudeMessages("claude-…"))`, `modelRef` for `modelRef({ info: {
 * versions: ["claude-…"] } })`. Text only, at most 2,000 characters back; brackets inside strings may mislead
 * it, which only costs a registration read as settings.
 */
function enclosingCallee(text: string, offset: number): string | undefined {
  let depth = 0;
  for (let i = offset - 1, stop = Math.max(0, offset - 2000); i >= stop; i--) {
    const c = text[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '[' || c === '{') { if (depth > 0) depth--; }
    else if (c === '(') {
      if (depth > 0) { depth--; continue; }
      const name = /([A-Za-z_$][\w$]*)\s*$/.exec(text.slice(Math.max(0, i - 80), i))?.[1];
      // A definition's parameter list (`def f(model="…")`, `function f(model = '…')`) registers nothing.
      return name && !/\b(def|function|func|fn)\s+[\w$]*\s*$/.test(text.slice(Math.max(0, i - 80), i)) ? name : undefined;
    }
  }
  return undefined;
}


function inRange(r: Range, offset: number): boolean {
  return offset >= r.start && offset < r.end;
}

export interface Classification {
  bucket: Bucket;
  occurrences: Occurrence[];
  generated?: string;
}

export function classifyFile(path: string, text: string, matches: ModelIdMatch[], parsed: ParsedFile | undefined): Classification {
  const generated = generatedReason(path, text);
  const view: FileView | undefined = parsed?.view;
  const raw = matches.map((m) => safeContext(parsed, m.start));
  // Lists of records each naming its model under a `model` key: two or more different models make
  // the list a table keyed by model (a routing table, a results table), not one request's setting.
  const modelsPerList = new Map<number, Set<string>>();
  raw.forEach((ctx, i) => {
    const list = ctx?.collection?.recordList;
    const entry = ctx?.collection && entryKey(ctx.collection, matches[i], text);
    if (!list || !entry?.whole || !MODEL_KEY.test(entry.key)) return;
    const set = modelsPerList.get(list.range.start) ?? new Set<string>();
    modelsPerList.set(list.range.start, set.add(matches[i].model?.id ?? matches[i].text));
  });
  const contexts = raw.map((ctx, i) => asRecordEntry(ctx, matches[i], text, modelsPerList));
  // Models named per collection, to tell a registry (several models) from a config with one model field,
  // or a map giving one model in each platform's form (`{ANTHROPIC: "claude-…", BEDROCK: "anthropic.claude-…"}`).
  const modelsPerCollection = new Map<number, Set<string>>();
  contexts.forEach((ctx, i) => {
    const c = ctx?.collection;
    // A model named in a phrase (`description: Fast summaries with claude-…`) is text about an entry, not
    // another entry: it does not make a settings map a registry.
    if (!c || inPhrase(matches[i], view)) return;
    const set = modelsPerCollection.get(c.range.start) ?? new Set<string>();
    modelsPerCollection.set(c.range.start, set.add(matches[i].model?.id ?? matches[i].text));
  });
  // Nested in a larger literal (`{"claude-opus-4-6": {"anthropic": "claude-opus-4-6", "bedrock": "anthropic.…"}}`),
  // a map of one model's forms is a record of a registry: every form counts.
  const formsPerCollection = new Map<number, number>();
  contexts.forEach((ctx, i) => {
    const c = ctx?.collection;
    if (c?.outermost && !inPhrase(matches[i], view)) formsPerCollection.set(c.range.start, (formsPerCollection.get(c.range.start) ?? 0) + 1);
  });
  const idsPerCollection = new Map([...modelsPerCollection].map(([start, set]) => [start, Math.max(set.size, formsPerCollection.get(start) ?? 0)]));
  const docCode = view ? undefined : docCodeRanges(path, text);
  const occurrences: Occurrence[] = matches.map((match, i) => {
    const context = contexts[i];
    // AsciiDoc / reStructuredText pages: prose outside their code blocks, as Markdown's.
    const role = docCode && !docCode.some((r) => inRange(r, match.start)) && !generated ? 'prose' : roleOf(match, context, view, idsPerCollection, generated, text);
    const request = role === 'request-model' ? view?.requests.find((r) => inRange(r.range, match.start) || r.params.fields?.some((f) => f.key === 'model' && (inRange(f.value.range, match.start) || (f.value.via && inRange(f.value.via.definitionRange, match.start))))) : undefined;
    return { match, role, request, context };
  });
  recordsOfKeyedRegistries(occurrences);
  // Tests compare what they set up: their comparisons are assertions, not capability gates (testRoles).
  const test = isTestPath(path);
  if (test) testRoles(occurrences, text);
  // Many different models named as plain strings (`register(Model("claude-…"))` calls, a module of
  // model constants) make the file a registry even without a literal collection: flag, never swap.
  // Not documentation: its code blocks are separate examples, each naming the model it shows. Not a test
  // (its fixtures name the models it exercises) nor a caller (its defaults and settings name the models it
  // sends), except for the models a caller registers one call at a time (`register(ClaudeMessages("claude-…"))`,
  // `modelRef({ name: "…/claude-…" })`): three or more models handed to the same function.
  const plain = occurrences.filter((o) => o.role === 'string' && o.match.model && !o.match.variant);
  const caller = !!view && (view.requests.length > 0 || view.clients.length > 0);
  if (view?.language !== 'markdown' && !docCode && !test) {
    if (!caller && new Set(plain.map((o) => o.match.model!.id)).size >= REGISTRY_MIN_MODELS) for (const o of plain) o.role = 'definer-entry';
    else if (caller) {
      const byCallee = new Map<string, Occurrence[]>();
      for (const o of plain) {
        const callee = enclosingCallee(text, o.match.start);
        if (callee) byCallee.set(callee, [...(byCallee.get(callee) ?? []), o]);
      }
      for (const group of byCallee.values()) if (new Set(group.map((o) => o.match.model!.id)).size >= REGISTRATION_MIN_MODELS) for (const o of group) o.role = 'definer-entry';
    }
  }
  return { bucket: bucketOf(view, occurrences, generated), occurrences, generated };
}

/**
 * A map keyed by model IDs (`{"claude-opus-4-6": {"anthropic": "claude-opus-4-6", "vertexai": …}}`, an alias
 * table) is a registry, and the models named in its records are its entries, not settings to swap. They get no
 * collection of their own: a copy of one field inside the record would not register the new model (a person
 * adds the record), and the new model counts as registered when named anywhere in the file.
 */
function recordsOfKeyedRegistries(occurrences: Occurrence[]): void {
  const keyed = new Map<number, { range: Range; models: Set<string> }>();
  for (const o of occurrences) {
    const c = o.context?.collection;
    if (!c?.inKey || !o.match.model) continue;
    const r = keyed.get(c.range.start) ?? { range: c.range, models: new Set<string>() };
    keyed.set(c.range.start, r);
    r.models.add(o.match.model.id);
  }
  const registries = [...keyed.values()].filter((r) => r.models.size >= 2).map((r) => r.range);
  if (registries.length === 0) return;
  for (const o of occurrences) {
    const c = o.context?.collection;
    if (o.role !== 'string' || !c || c.inKey) continue;
    if (registries.some((r) => r.start < c.range.start && inRange(r, o.match.start))) {
      o.role = 'definer-entry';
      o.context = { ...o.context!, collection: undefined };
    }
  }
}

/** An assertion reading the model an API answered: a response, result or message object's model. */
const READS_RESPONSE_MODEL = /\b(response|resp|res|result|message|msg|completion|output|reply|answer|meta)\b\??(\.|->|\[['"])[\w.?>\[\]'"-]*\b(model|modelId|model_id)\b/i;

/** How far before an assertion (in lines) the value it checks may be set up: one test's body. */
const SETUP_WINDOW_LINES = 30;

/**
 * Roles in a test file, where comparisons are assertions about the test's own fixtures (guide: Step 1,
 * bucket 3, "Registry-assert test": "if one model in a struct compared only to itself, it's a generic
 * fixture"; "if the test references multiple model versions in a list, it's a registry test"):
 * - an assertion of a value the test set up just before (`Options(model="claude-…")` then `assert opts.model
 *   == "claude-…"` or `require.Contains(out, "large = claude-…")`) is swapped with it, or the test breaks;
 *   kept with it when the run keeps that value (a registry entry), and kept when it reads what an API
 *   answered (`expect($response->meta->model)`: a recording or mock the run does not change);
 * - any other equality assertion (`assert client.default_model == "claude-…"`) checks a default or fixture
 *   moving with the run: swapped, never offered as a capability gate (adding the new ID to an equality makes
 *   a second assertion that cannot pass);
 * - outside an assertion, a comparison in a test about one model compares that model with itself: swapped;
 *   any other comparison (`strings.Contains(body, `"model":"claude-…"`)` against a request built from an
 *   unchanged constant) is left alone and reported: a test enables no feature;
 * - an assertion pairing a swapped ID with one this run leaves alone (a parser test:
 *   `expect(parse("claude-opus-4-6@default")).to eq("claude-opus-4-6")`) is left alone and reported;
 * - assertions about two or more versions of one family (`expect(f("claude-3-7-sonnet")).toBe(…)`,
 *   `expect(f("claude-sonnet-4-0")).toBe(…)`) cover each version: swapping them all to the one new model
 *   would leave duplicates and lose the old versions' coverage, so each is kept and a check for the new
 *   model offered alongside.
 */
function testRoles(occurrences: Occurrence[], text: string): void {
  const named = occurrences.filter((o) => o.match.model && o.role !== 'comment' && o.role !== 'prose');
  const swaps = (o: Occurrence) => o.role === 'string' || o.role === 'request-model';
  const oneModel = new Set(named.map((o) => o.match.model!.id)).size === 1;
  const swapped = new Set(named.filter(swaps).map((o) => o.match.text));
  const setups = named.filter((o) => swaps(o) && !o.context?.assert);
  // The value an assertion checks, set up just before it outside any assertion: swapped (`true`) or kept (`false`).
  const setUp = (o: Occurrence): boolean | undefined => {
    const before = named.filter((s) => s !== o && !s.context?.assert && s.match.text === o.match.text && s.match.start < o.match.start && linesBetween(text, s.match.start, o.match.start) <= SETUP_WINDOW_LINES);
    const nearest = before[before.length - 1];
    return nearest ? swaps(nearest) : undefined;
  };
  for (const o of named) {
    const a = o.context?.assert;
    // What an API answered (`$response->meta->model`, `expect(result.response.modelId)`) comes from a recording or
    // a mock, which this run does not change: the assertion stays with it.
    if (a && (o.role === 'capability-gate' || o.role === 'string') && READS_RESPONSE_MODEL.test(text.slice(a.start, a.end))) { o.role = 'test-check'; continue; }
    const setup = a ? setUp(o) : undefined;
    if (setup === false && (o.role === 'string' || o.role === 'capability-gate' || o.role === 'registry-assert')) o.role = 'test-check';
    else if (o.role === 'capability-gate') o.role = a || setup || (oneModel && swapped.has(o.match.text)) ? 'string' : 'test-check';
    else if (o.role === 'registry-assert' && setup) o.role = 'string';
  }
  // Assertions holding an ID this run leaves alone (a variant, a Bedrock ARN) next to one it would swap.
  const asserts = new Map<number, Occurrence[]>();
  for (const o of occurrences) {
    const a = o.context?.assert;
    if (a && o.role !== 'comment') asserts.set(a.start, [...(asserts.get(a.start) ?? []), o]);
  }
  for (const group of asserts.values()) {
    if (group.some((o) => o.match.variant || !o.match.model) && group.some(swaps)) for (const o of group) if (swaps(o)) o.role = 'test-check';
  }
  const fixtures = new Set(setups.map((o) => o.match.text));
  const asserted = named.filter((o) => o.role === 'string' && o.context?.assert && !o.match.variant && !fixtures.has(o.match.text));
  const versionsPerFamily = new Map<string, Set<string>>();
  for (const o of asserted) versionsPerFamily.set(o.match.model!.family, (versionsPerFamily.get(o.match.model!.family) ?? new Set<string>()).add(o.match.model!.id));
  for (const o of asserted) if (versionsPerFamily.get(o.match.model!.family)!.size >= 2) o.role = 'registry-assert';
}

function linesBetween(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const DOC_PAGE = /\.(adoc|asciidoc|asc|rst)$/i;

/**
 * The code blocks of an AsciiDoc or reStructuredText page (no adapter parses them), or undefined for any
 * other file. AsciiDoc: listing and literal blocks between `----` / `....` lines. reST: the indented lines
 * after a line ending in `::` (`.. code-block:: python`, `Example::`).
 */
function docCodeRanges(path: string, text: string): Range[] | undefined {
  if (!DOC_PAGE.test(path)) return undefined;
  const ranges: Range[] = [];
  const rst = /\.rst$/i.test(path);
  let offset = 0;
  let open: { start: number; fence?: string; indent?: number } | undefined;
  for (const line of text.split('\n')) {
    const end = offset + line.length;
    const body = line.replace(/\r$/, '');
    if (!rst) {
      const fence = /^(-{4,}|\.{4,})\s*$/.exec(body)?.[1];
      if (fence && open?.fence === fence) {
        ranges.push({ start: open.start, end: offset });
        open = undefined;
      } else if (fence && !open) open = { start: end + 1, fence };
    } else if (open) {
      const indent = /^\s*/.exec(body)![0].length;
      if (body.trim() && indent <= open.indent!) {
        ranges.push({ start: open.start, end: offset });
        open = undefined;
      }
    }
    // A directive (`.. code-block:: python`) or a paragraph ending in `::` opens an indented block.
    if (rst && !open && (/^\s*\.\. [\w-]+::/.test(body) || /::\s*$/.test(body))) open = { start: end + 1, indent: /^\s*/.exec(body)![0].length };
    offset = end + 1;
  }
  if (open) ranges.push({ start: open.start, end: text.length });
  return ranges;
}

function safeContext(parsed: ParsedFile | undefined, offset: number): OffsetContext | undefined {
  if (!parsed) return undefined;
  try {
    return parsed.contextAt(offset);
  } catch {
    return undefined; // an adapter bug must not lose the occurrence: it is classified from text alone
  }
}

function roleOf(match: ModelIdMatch, ctx: OffsetContext | undefined, view: FileView | undefined, idsPerCollection: Map<number, number>, generated: string | undefined, text: string): OccurrenceRole {
  if (generated) return 'generated';
  if (!ctx) {
    if (inLegacyCompletion(match, undefined, view, text)) return 'legacy-completions';
    // Text-only file (no adapter): prose for docs-like text, otherwise an opaque string.
    if (view?.language === 'markdown') return 'prose';
    return commentByText(text, match.start) ? 'comment' : 'string';
  }
  if (ctx.inComment) return view?.language === 'markdown' ? 'prose' : 'comment';
  if (inLegacyCompletion(match, ctx, view, text)) return 'legacy-completions';
  if (ctx.requestModel) return 'request-model';
  if (ctx.assert && MEMBERSHIP_ASSERT.test(text.slice(ctx.assert.start, ctx.assert.end))) return 'registry-assert';
  if (ctx.gate) return 'capability-gate';
  if (isProseValue(match, view)) return 'prose';
  const c = ctx.collection;
  if (c && isModelSetting(c, match, text)) return 'string';
  if (c && (c.kind === 'enum' || c.kind === 'union' || c.inKey || (idsPerCollection.get(c.range.start) ?? 0) >= 2)) return 'definer-entry';
  if (c?.kind === 'switch') return 'capability-gate';
  if (aboutLifecycle(match, view, text)) return 'lifecycle-text';
  return 'string';
}

/** The string literal or scalar whose content holds the match. */
function enclosingString(match: ModelIdMatch, view: FileView | undefined): FileView['strings'][number] | undefined {
  return view?.strings.find((x) => x.contentRange.start <= match.start && match.end <= x.contentRange.end);
}

/** The string holding the match has words besides model IDs (a phrase, not `"claude-a, claude-b"`). */
function inPhrase(match: ModelIdMatch, view: FileView | undefined): boolean {
  const s = enclosingString(match, view);
  if (!s) return false;
  const words = s.value.split(/[\s,;|]+/).filter((w) => /^[A-Za-z]{2,}/.test(w) && !/claude|anthropic/i.test(w));
  return words.length >= 2;
}

/** The legacy Text Completions API's required parameter, in each SDK's spelling, and its endpoint. */
const LEGACY_COMPLETION = /max_tokens_to_sample|maxTokensToSample|MaxTokensToSample|\/v1\/complete\b/;
const LEGACY_WINDOW = 400;

/**
 * The model of a legacy Text Completions request (`completions.create(model=…, max_tokens_to_sample=…,
 * prompt=f"{HUMAN_PROMPT}…")`, `POST /v1/complete`): that API serves no current model, so swapping the ID
 * alone leaves a call that still fails. Read from the request around the ID (its parsed range, else its
 * literal collection, else the text nearby).
 */
function inLegacyCompletion(match: ModelIdMatch, ctx: OffsetContext | undefined, view: FileView | undefined, text: string): boolean {
  const request = view?.requests.find((r) => inRange(r.range, match.start));
  const around = request?.range ?? ctx?.collection?.range ?? { start: Math.max(0, match.start - LEGACY_WINDOW), end: Math.min(text.length, match.end + LEGACY_WINDOW) };
  return LEGACY_COMPLETION.test(text.slice(around.start, around.end));
}

const DATA_LANGUAGES = new Set(['yaml', 'json', 'toml']);
const PROSE_MIN_WORDS = 20;

/**
 * A paragraph stored in a data file (a sitemap's `summary:`, a catalogue's `description:`, a changelog
 * entry) that mentions the model: documentation, reported like Markdown prose, not rewritten (it may be
 * history). A short description next to a `model:` key is still swapped with it.
 */
function isProseValue(match: ModelIdMatch, view: FileView | undefined): boolean {
  if (!view || !DATA_LANGUAGES.has(view.language)) return false;
  const s = enclosingString(match, view);
  if (!s) return false;
  const words = s.value.replace(match.text, ' ').match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
  return words.length >= PROSE_MIN_WORDS && /[a-z][.,;:] +[A-Za-z]/.test(s.value);
}

const LIFECYCLE_WORDS = new RegExp(`\\b(?:${LIFECYCLE_TERMS})`, 'i');

/**
 * A string that says something about the model it names (`"The model 'claude-sonnet-4-0' is
 * deprecated…"` in a warning filter, `"claude-2.1 is retired"` in an error): the ID is the subject of the
 * sentence, so swapping it would make the text false.
 */
function aboutLifecycle(match: ModelIdMatch, view: FileView | undefined, text: string): boolean {
  const lineStart = text.lastIndexOf('\n', match.start - 1) + 1;
  const lineEnd = text.indexOf('\n', match.end);
  if (!LIFECYCLE_WORDS.test(text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd))) return false;
  const s = enclosingString(match, view);
  return !!s && LIFECYCLE_WORDS.test(s.value.replace(match.text, ' '));
}

const MODEL_KEY = /^(model|model[_-]?name|modelName)$/i;

/**
 * The key of the map entry whose value holds a model ID, and whether the ID is the whole value
 * (`"id": "claude-…"`) or inside it (`command: aider --model claude-…`).
 */
function entryKey(c: NonNullable<OffsetContext['collection']>, match: ModelIdMatch, text: string): { key: string; whole: boolean } | undefined {
  if (c.kind !== 'map' || c.inKey || match.start < c.entry.start) return undefined;
  const m = /^\s*:?["'`]?([A-Za-z_][\w-]*)["'`]?\s*(?::|=>?)(\s*["'`]?$)?/.exec(text.slice(c.entry.start, match.start));
  return m ? { key: m[1], whole: m[2] !== undefined } : undefined;
}

/**
 * `[{ id: "claude-…", label: … }, …]` (a UI model picker, a price list): a model ID naming its record
 * (RECORD_IDENTITY_KEY) in a list of records has the list as its collection, the whole record as its
 * entry, as the config adapters read `- id: claude-…`; so does any model ID in a record when the list's
 * records name two or more different models under a `model` key.
 */
function asRecordEntry(ctx: OffsetContext | undefined, match: ModelIdMatch, text: string, modelsPerList: Map<number, Set<string>>): OffsetContext | undefined {
  const c = ctx?.collection;
  if (!ctx || !c?.recordList) return ctx;
  const entry = entryKey(c, match, text);
  if (!entry) return ctx;
  // In a table keyed by model, every model named in its records belongs to the table (`command: … --model claude-…`).
  const table = (entry.whole && RECORD_IDENTITY_KEY.test(entry.key)) || (modelsPerList.get(c.recordList.range.start)?.size ?? 0) >= 2;
  if (!table) return ctx;
  return { ...ctx, collection: { kind: 'list', range: c.recordList.range, entries: c.recordList.entries, entry: c.range } };
}

/**
 * `{"assistant.model": "claude-…", "completionModel": "claude-…"}`: settings that each name the model
 * used for one purpose, not a registry of served models. Such values are swapped like any setting.
 */
function isModelSetting(c: NonNullable<OffsetContext['collection']>, match: ModelIdMatch, text: string): boolean {
  if (c.kind !== 'map' || c.inKey || match.start < c.entry.start) return false;
  // The entry's key when it reads as one; the value's own words (`summary: "… language model, claude-…"`) are not a key.
  const key = entryKey(c, match, text)?.key ?? text.slice(c.entry.start, match.start);
  return /model/i.test(key) && !/claude-/.test(key) && !/\bmodels\b/i.test(key);
}

/** Line-comment heuristic for files no adapter parses (Kotlin, plain text). */
function commentByText(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^\s*(\/\/|#|\*|\/\*|--|;)/.test(before);
}

function bucketOf(view: FileView | undefined, occurrences: Occurrence[], generated: string | undefined): Bucket {
  if (view && (view.requests.length > 0 || view.clients.length > 0) && !generated) return 'caller';
  if (occurrences.some((o) => o.role === 'definer-entry')) return 'definer';
  const named = occurrences.filter((o) => o.role !== 'comment' && o.role !== 'prose');
  if (named.length > 0 && named.every((o) => o.match.variant)) return 'variant';
  if (generated && /enum|models?\b/i.test(generated)) return 'definer';
  return 'string-reference';
}
