// The neutral view every language adapter produces and the edit intents every adapter renders.
// Rules only ever see these types: no tree-sitter node, no ts-morph node, no language syntax.
//
// Offsets are UTF-16 code-unit offsets into the file text the adapter was given (the engine strips
// a leading BOM before parsing and restores it on write). `end` is exclusive.

export interface Range {
  start: number;
  end: number;
}

export type LanguageId =
  | 'python'
  | 'typescript'
  | 'javascript'
  | 'go'
  | 'java'
  | 'kotlin'
  | 'ruby'
  | 'csharp'
  | 'php'
  | 'shell'
  | 'yaml'
  | 'json'
  | 'toml'
  | 'env'
  | 'dockerfile'
  | 'markdown'
  | 'text';

/** Where the client sends requests: decides how model IDs are written (Bedrock keeps `anthropic.`). */
export type Platform = 'first-party' | 'bedrock' | 'vertex' | 'aws' | 'foundry' | 'unknown';

export type ValueKind =
  | 'string'
  | 'number'
  | 'boolean'
  | 'null'
  | 'object'
  | 'array'
  | 'reference' // an identifier / constant we could not (or did not) resolve
  | 'call' // a function call whose result we do not model (e.g. build_thinking())
  | 'template' // f-string / template literal / interpolated string
  | 'other';

export interface ValueView {
  kind: ValueKind;
  /** The expression as it appears at this site (for a resolved identifier: the definition's value). */
  range: Range;
  text: string;
  /** Statically known literal value (strings unquoted, escapes decoded). */
  literal?: string | number | boolean | null;
  /** Strings: the range of the content between the quotes, so it can be replaced in place. */
  contentRange?: Range;
  /** Objects (dict, object literal, hash, struct literal, builder chain, initializer): canonical fields. */
  fields?: FieldView[];
  /** Arrays / lists / slices. */
  elements?: ValueView[];
  /**
   * Set when the value was reached through an identifier (`model=MODEL`, `thinking=cfg`): the use
   * site and the definition. `external` names the module when it was followed across files.
   */
  via?: { name: string; useRange: Range; definitionRange: Range; external?: string; references?: number };
  /** Typed SDKs: the type or factory that built this object (`ThinkingConfigEnabled`, `ThinkingConfigParamOfEnabled`). */
  typeName?: string;
}

export interface FieldView {
  /** Canonical JSON key (snake_case, as in the API): `model`, `budget_tokens`, `output_config`, `top_p`. */
  key: string;
  /** The key as written: `BudgetTokens`, `budgetTokens`, `"model"`, `:model`. */
  sourceKey: string;
  /** The whole field: key and value, without the separating comma. For a Java builder call, `.topP(0.9)`. */
  range: Range;
  keyRange?: Range;
  value: ValueView;
  /** A field implied by a constructor (Go `ThinkingConfigParamOfEnabled(N)` implies `type: "enabled"`): no own source. */
  implicit?: boolean;
}

export interface HeaderView {
  /** Lower-cased header name, e.g. `anthropic-beta`. */
  name: string;
  range: Range;
  value: ValueView;
  /** Where it sits: on the request, or on the client (default headers apply to every request). */
  scope: 'request' | 'client';
  /** The header as a field of its headers object (dict/hash/map entry), so it can be removed whole. */
  field?: FieldView;
  /** The headers object holding `field`. */
  container?: ValueView;
}

export type RequestMethod = 'create' | 'stream' | 'count_tokens' | 'batch' | 'parse' | 'other';

export interface RequestView {
  language: LanguageId;
  /** sdk-call: an SDK method call; http: raw HTTP/curl with a JSON body; payload: a stored body (JSON/YAML file, heredoc). */
  kind: 'sdk-call' | 'http' | 'payload';
  method: RequestMethod;
  /** Called through the beta namespace (`client.beta.messages.create`, `Beta.Messages.New`). */
  beta: boolean;
  platform: Platform;
  /** The whole call / payload. */
  range: Range;
  /** The callee expression, e.g. `client.beta.messages.create` (for the beta-namespace rename). */
  callee?: Range;
  /**
   * The request parameters as one object. Its `fields` use canonical keys; for an SDK call this is
   * the keyword arguments / object literal / struct literal / builder chain.
   */
  params: ValueView;
  /** Request-scoped and client-scoped headers (`extra_headers`, `-H`, `default_headers`, `defaultHeaders`). */
  headers: HeaderView[];
  /** True for `.stream(...)`, `stream=True`, `"stream": true`, `-N` curl with `"stream": true`. */
  streaming: boolean;
  /** When the params object is spread/unpacked from something we cannot see (`**kwargs`, `...opts`). */
  opaqueSpread?: boolean;
  /**
   * A third-party wrapper's settings forwarded to the Messages API (LangChain's `ChatAnthropic`, the Vercel AI
   * SDK's `generateText({ model: anthropic('claude-…') })`): its fields
   * are read under their API names, but parameters it may not accept (`output_config`) are never added.
   */
  wrapper?: 'langchain' | 'ai-sdk' | 'litellm';
}

/** A read of the model's thinking text or of the stop reason in response-handling code. */
export interface ResponseUse {
  kind: 'thinking-text' | 'stop-reason';
  range: Range;
  /** For stop-reason: the stop reasons compared against in this branch chain / switch (e.g. ['end_turn','max_tokens']). */
  values?: string[];
}

export interface ClientView {
  platform: Platform;
  range: Range;
  /** Constructor name as written: `Anthropic`, `AsyncAnthropicBedrock`, `AnthropicVertex`, `anthropic.NewClient`. */
  constructor: string;
}

export interface FileView {
  language: LanguageId;
  requests: RequestView[];
  clients: ClientView[];
  responseUses: ResponseUse[];
  /** Tool definitions anywhere in the file (tool lists are often built apart from the call). */
  tools: ValueView[];
  /** String literals in code with their content ranges (config adapters: scalar values). */
  strings: { range: Range; contentRange: Range; value: string }[];
  /** Comments (line or block) with their ranges. */
  comments: Range[];
  /** Syntax errors in the parsed text (0 = clean). */
  syntaxErrors: number;
  /** Markdown: embedded code blocks, each handled by its own adapter; prose is `comments`. */
  embedded?: EmbeddedBlock[];
}

export interface EmbeddedBlock {
  language: LanguageId;
  /** The range of the block's content inside the host file. */
  range: Range;
}

// ---- Edit intents: what a rule asks for, in neutral terms. The adapter renders the syntax. ----

/**
 * A JSON-like value; adapters render it in the SDK's syntax at the given key path. `{ $code }` is
 * source text of this same file carried over verbatim (e.g. an `output_format` value being moved).
 */
export type NeutralValue =
  | string
  | number
  | boolean
  | null
  | NeutralValue[]
  | { $code: string }
  | { [key: string]: NeutralValue };

export function isRawCode(v: NeutralValue): v is { $code: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { $code?: unknown }).$code === 'string' && Object.keys(v).length === 1;
}

export type EditIntent =
  /** Replace a raw range with text (language-agnostic, e.g. the content of a string literal). */
  | { kind: 'replace'; range: Range; text: string }
  /** Replace a value. `path` is the canonical key path of the value (`['thinking']`, `['output_config','effort']`). */
  | { kind: 'set-value'; value: ValueView; path: string[]; to: NeutralValue }
  /** Remove a field with its separator and, when it sits alone on its line, the line; neighbours' comments stay. */
  | { kind: 'remove-field'; container: ValueView; field: FieldView }
  /** Add a field to an object (params or a nested object), matching indentation and quote style. */
  | { kind: 'add-field'; container: ValueView; path: string[]; key: string; to: NeutralValue }
  /** Remove one element of an array with its separator. */
  | { kind: 'remove-element'; array: ValueView; element: ValueView }
  /** Call the non-beta method instead: `client.beta.messages.create` -> `client.messages.create`. */
  | { kind: 'rename-call'; request: RequestView }
  /** Insert a full-line comment above the line containing `at`, indented like that line. */
  | { kind: 'insert-comment'; at: number; text: string }
  /**
   * Keep the old model ID and add the new one alongside, at the occurrence starting at `at`: the
   * adapter finds the innermost enclosing construct and duplicates it with `from` swapped for `to`:
   * a collection entry (dict/map entry, list item, enum member, union member, YAML item), a case
   * label, a comparison / membership / prefix test (`or` / `||`), or an assert statement.
   * Refused when no such construct encloses `at`.
   */
  | { kind: 'add-alongside'; at: number; from: string; to: string }
  /**
   * Remove the statement that defines a value reached through `via` (e.g. `BUDGET = 8000` once its
   * only use is gone). Refused when the definition is not a whole statement of its own.
   */
  | { kind: 'remove-definition'; value: ValueView };

/** A concrete byte-range edit in the file text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export type RenderResult = { edits: TextEdit[] } | { refused: string };

/** What surrounds an offset: used to classify a model-ID occurrence (definer, gate, assert…). */
export interface OffsetContext {
  inString: boolean;
  inComment: boolean;
  /** Innermost literal collection holding the offset as (part of) an entry. */
  collection?: {
    kind: 'map' | 'list' | 'set' | 'enum' | 'union' | 'switch';
    range: Range;
    /** Number of entries in the collection. */
    entries: number;
    /** The entry holding the offset (key and value for a map entry). */
    entry: Range;
    /** For a map entry: true when the offset is in the key. */
    inKey?: boolean;
    /** A map that is itself one item of a list or set literal (a record in a table of records): that list. */
    recordList?: { range: Range; entries: number };
    /** The outermost literal collection holding this one (the whole registry of nested records), when another. */
    outermost?: Range;
  };
  /** Innermost comparison / membership / prefix / regex test holding the offset (`"opus" in m`, `m.startsWith(…)`, `m == "…"`). */
  gate?: Range;
  /** Innermost assert statement / expect(…) call holding the offset. */
  assert?: Range;
  /** The offset is the value (or inside the value) of a request's `model` field. */
  requestModel?: boolean;
}

export interface ParsedFile {
  view: FileView;
  /** Describe the syntax around an offset (for bucket classification). */
  contextAt(offset: number): OffsetContext;
  /** Turn a neutral intent into text edits in this file's syntax, or refuse with a reason. */
  render(intent: EditIntent): RenderResult;
  /** Free parser memory (tree-sitter trees live in WASM memory). */
  dispose(): void;
}

export interface LanguageAdapter {
  id: LanguageId;
  /** Extensions (with dot) and exact file names this adapter handles. */
  extensions: string[];
  fileNames?: string[];
  /** Parse the file. May load a grammar lazily on first use. */
  parse(text: string, path: string): Promise<ParsedFile>;
  /** Count syntax errors only (used to verify a rewrite): cheaper than a full view. */
  countSyntaxErrors(text: string, path: string): Promise<number>;
}
