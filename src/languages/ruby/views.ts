// Ruby source → the neutral FileView (anthropic-sdk-ruby, gem `anthropic`). Requests are
// `client.messages.create/stream/stream_raw/count_tokens(...)`, `client.messages.batches.create(requests: [{params: {…}}])`
// and their `client.beta.messages.*` twins (plus `tool_runner`); the keyword arguments are the params
// object, a `**params` splat of a hash built in the file is merged in, and `request_options:
// {extra_headers: {…}}` gives the request headers. Raw HTTP (Net::HTTP / Faraday / HTTParty) to
// /v1/messages is found through hash bodies serialised with `.to_json` / `JSON.generate`.
//
// Client classes (checked in anthropics/anthropic-sdk-ruby at 1e1bd2f, 2026-08-19: lib/anthropic/client.rb,
// bedrock.rb, bedrock_mantle.rb, vertex.rb, aws.rb, google_cloud.rb; resources/messages.rb and
// resources/beta/messages.rb for the method names; request_options.rb for `extra_headers`).
import type { Node } from 'web-tree-sitter';
import type { ClientView, FieldView, FileView, HeaderView, Platform, Range, RequestMethod, RequestView, ValueView } from '../types.js';
import { rangeKey, rangeOf, walk } from '../tree-sitter/common.js';
import { isToolDefinition, modelRangesOf, objectsIn, STOP_REASONS, StopReasonGroups, type ListContainer, type RpcAnalysis } from '../tree-sitter/shared-rpc.js';
import { parseRubyNumber, rubyKey, rubyString, usesTrailingComma, type RubyKeyStyle } from './syntax.js';

const CLIENT_CLASSES: Record<string, Platform> = {
  'Anthropic::Client': 'first-party',
  'Anthropic::BedrockClient': 'bedrock',
  'Anthropic::BedrockMantleClient': 'bedrock',
  'Anthropic::Helpers::Bedrock::Client': 'bedrock',
  'Anthropic::Helpers::Bedrock::MantleClient': 'bedrock',
  'Anthropic::VertexClient': 'vertex',
  'Anthropic::Helpers::Vertex::Client': 'vertex',
  'Anthropic::AWSClient': 'aws',
  'Anthropic::Helpers::AWS::Client': 'aws',
  // Claude Platform on Google Cloud: no Platform value of its own.
  'Anthropic::GoogleCloudClient': 'unknown',
  'Anthropic::Helpers::GoogleCloud::Client': 'unknown',
};

const METHODS: Record<string, { method: RequestMethod; streaming: boolean }> = {
  create: { method: 'create', streaming: false },
  stream: { method: 'stream', streaming: true },
  stream_raw: { method: 'stream', streaming: true },
  count_tokens: { method: 'count_tokens', streaming: false },
  parse: { method: 'parse', streaming: false },
  tool_runner: { method: 'other', streaming: false },
};

interface Definition {
  name: string;
  value: Node;
  statement: Node;
  /** The method / program the local lives in; undefined for constants and instance variables (file-wide). */
  scope: Node | undefined;
}

export interface RubyAnalysis extends RpcAnalysis {
  /** Per request (by rangeKey of its range): the `.beta` call of its callee. */
  betaSegments: Map<string, { receiverEnd: number; betaEnd: number }>;
  /**
   * Keyword arguments (by rangeKey) made of one `**params` splat of a hash literal used only there: new
   * request fields go into that hash, next to the fields it already holds.
   */
  splatTargets: Map<string, ValueView>;
  /** The file's usual string quote and hash brace spacing, for rendered values. */
  quote: '"' | "'";
  braceSpace: boolean;
}

const SCOPES = new Set(['method', 'singleton_method', 'program', 'class', 'module', 'lambda']);

function defScope(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (SCOPES.has(p.type)) return p;
  return undefined;
}

/** Entries of a hash / argument list / array (comments and punctuation excluded). */
function entriesOf(n: Node): Node[] {
  return n.namedChildren.filter((c) => c.type !== 'comment' && c.type !== 'heredoc_body');
}

export function analyzeRuby(root: Node, text: string, syntaxErrors: number): RubyAnalysis {
  const strings: FileView['strings'] = [];
  const comments: Range[] = [];
  const calls: Node[] = [];
  const binaries: Node[] = [];
  const cases: Node[] = [];
  const elementRefs: Node[] = [];
  const definitions = new Map<string, Definition[]>();
  const containers = new Map<string, ListContainer>();
  const fieldOwners: RpcAnalysis['fieldOwners'] = new Map();
  const definitionStatements = new Map<string, Range>();
  let importsSdk = false;
  let mentionsMessagesUrl = false;
  let dq = 0;
  let sq = 0;
  let spaced = 0;
  let tight = 0;

  const addDef = (name: string, value: Node, statement: Node, local: boolean) => {
    if (!definitions.has(name)) definitions.set(name, []);
    definitions.get(name)!.push({ name, value, statement, scope: local ? defScope(statement) : undefined });
  };

  walk(root, (n) => {
    switch (n.type) {
      case 'comment':
        comments.push(rangeOf(n));
        return false;
      case 'string':
      case 'delimited_symbol':
      case 'bare_string':
      case 'heredoc_body': {
        const s = rubyString(n, text);
        if (s) {
          strings.push({ range: rangeOf(n), contentRange: s.contentRange, value: s.value });
          if (s.quote === '"') dq++;
          else if (s.quote === "'") sq++;
          if (/api\.anthropic\.com|\/v1\/messages\b/.test(s.value)) mentionsMessagesUrl = true;
        }
        return; // interpolations may hold calls
      }
      case 'call':
        calls.push(n);
        if (n.childForFieldName('method')?.text === 'require' && /["']anthropic["']/.test(n.childForFieldName('arguments')?.text ?? '')) importsSdk = true;
        return;
      case 'scope_resolution':
        if (/^:{0,2}Anthropic\b/.test(n.text)) importsSdk = true;
        return;
      case 'binary':
        binaries.push(n);
        return;
      case 'case':
      case 'case_match':
        cases.push(n);
        return;
      case 'element_reference':
        elementRefs.push(n);
        return;
      case 'hash':
        if (n.namedChildren.length) {
          if (/^\{\s/.test(n.text)) spaced++;
          else tight++;
        }
        return;
      case 'assignment': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        if (left && right && /^(identifier|constant|instance_variable|class_variable|global_variable)$/.test(left.type)) addDef(left.text, right, n, left.type === 'identifier');
        return;
      }
      case 'operator_assignment': {
        // `x ||= …` / `x += …`: the variable is reassigned, so it has no single static value.
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        if (left && right) addDef(left.text, right, n, left.type === 'identifier');
        return;
      }
    }
  });
  const quote: '"' | "'" = sq > dq ? "'" : '"';
  const braceSpace = spaced >= tight;

  function resolve(use: Node): Definition | undefined {
    const name = use.type === 'scope_resolution' ? use.childForFieldName('name')?.text ?? '' : use.text;
    const defs = definitions.get(name);
    if (!defs) return undefined;
    if (use.type === 'identifier') {
      const scope = defScope(use);
      const local = defs.filter((d) => d.scope?.id === scope?.id);
      return local.length === 1 && local[0].statement.endIndex <= use.startIndex && local[0].statement.type === 'assignment' ? local[0] : undefined;
    }
    return defs.length === 1 && defs[0].statement.type === 'assignment' ? defs[0] : undefined;
  }
  const referenceCounts = new Map<Definition, number>();
  function references(def: Definition): number {
    const known = referenceCounts.get(def);
    if (known !== undefined) return known;
    const count = countReferences(def);
    referenceCounts.set(def, count);
    return count;
  }
  function countReferences(def: Definition): number {
    let n = 0;
    const left = def.statement.childForFieldName('left');
    walk(def.scope ?? root, (x) => {
      if (x.type === left?.type && x.text === def.name && x.id !== left.id) n++;
    });
    return n;
  }

  // ---------------------------------------------------------------- values

  function keyStyleOf(pairs: Node[]): RubyKeyStyle {
    let symbol = 0;
    let rocket = 0;
    let str = 0;
    for (const p of pairs) {
      const k = p.childForFieldName('key');
      if (!k) continue;
      const arrow = p.children.some((c) => c.type === '=>');
      if (!arrow) symbol++;
      else if (k.type === 'simple_symbol') rocket++;
      else str++;
    }
    if (str > symbol && str >= rocket) return 'string';
    if (rocket > symbol) return 'rocket';
    return 'symbol';
  }

  function register(v: ValueView, c: ListContainer): ListContainer {
    containers.set(rangeKey(v.range), c);
    return c;
  }

  function withVia(v: ValueView, use: Node, def: Definition): ValueView {
    definitionStatements.set(rangeKey(v.range), rangeOf(def.statement));
    return { ...v, via: { name: use.text, useRange: rangeOf(use), definitionRange: rangeOf(def.statement), references: references(def) } };
  }

  // Values are computed once per node: tools / HTTP bodies revisit nested hashes.
  const memo = new Map<number, ValueView>();
  function valueOf(node: Node, depth = 0): ValueView {
    const hit = memo.get(node.id);
    if (hit) return hit;
    const v = computeValue(node, depth);
    memo.set(node.id, v);
    return v;
  }
  function computeValue(node: Node, depth: number): ValueView {
    let n = node;
    while ((n.type === 'parenthesized_statements' || n.type === 'begin_block') && n.namedChildren.length === 1) n = n.namedChildren[0];
    const base = { range: rangeOf(n), text: n.text };
    if (depth > 12) return { kind: 'other', ...base };
    const s = rubyString(n, text);
    if (s && n.type !== 'heredoc_body') return s.interpolated ? { kind: 'template', ...base } : { kind: 'string', ...base, literal: s.value, contentRange: s.contentRange };
    switch (n.type) {
      case 'integer':
      case 'float': {
        const v = parseRubyNumber(n.text);
        return v === undefined ? { kind: 'other', ...base } : { kind: 'number', ...base, literal: v };
      }
      case 'true':
      case 'false':
        return { kind: 'boolean', ...base, literal: n.type === 'true' };
      case 'nil':
        return { kind: 'null', ...base, literal: null };
      case 'hash':
        return hashValue(n, depth);
      case 'array':
      case 'string_array':
      case 'symbol_array':
        return arrayValue(n, depth);
      case 'identifier':
      case 'constant':
      case 'instance_variable':
      case 'class_variable':
      case 'scope_resolution': {
        const def = resolve(n);
        if (!def) return { kind: 'reference', ...base };
        return withVia(valueOf(def.value, depth + 1), n, def);
      }
      case 'call':
        return callValue(n, depth);
      case 'element_reference': {
        // ENV["MODEL"] alone: unknown at run time.
        return { kind: 'reference', ...base };
      }
      case 'binary': {
        // `ENV["MODEL"] || "claude-…"`: the literal on the right is the value when unset.
        const op = n.childForFieldName('operator')?.text;
        const right = n.childForFieldName('right');
        const left = n.childForFieldName('left');
        if ((op === '||' || op === 'or') && right && left) {
          const v = valueOf(right, depth + 1);
          if (v.kind === 'string' || v.kind === 'number') return { ...v, via: { name: left.text, useRange: rangeOf(n), definitionRange: v.range } };
        }
        return { kind: 'other', ...base };
      }
      default:
        return { kind: 'other', ...base };
    }
  }

  function callValue(n: Node, depth: number): ValueView {
    const base = { range: rangeOf(n), text: n.text };
    const method = n.childForFieldName('method')?.text ?? '';
    const receiver = n.childForFieldName('receiver');
    const args = n.childForFieldName('arguments');
    // `"…".freeze`, `MODEL.dup`, `:sym.to_s`: the receiver's value.
    if (receiver && !args && /^(freeze|dup|to_s|to_sym|to_str|itself|-@)$/.test(method)) return valueOf(receiver, depth + 1);
    // ENV.fetch("MODEL", "claude-…") / ENV.fetch("MODEL") { "claude-…" }
    if (receiver?.text === 'ENV' && method === 'fetch') {
      const items = args ? entriesOf(args) : [];
      const block = n.childForFieldName('block');
      const dflt = items[1] ?? (block ? block.namedChildren.find((c) => c.type === 'block_body' || c.type === 'body_statement')?.namedChildren.at(-1) : undefined);
      if (dflt) {
        const v = valueOf(dflt, depth + 1);
        if (v.kind === 'string' || v.kind === 'number') return { ...v, via: { name: `ENV.fetch(${items[0]?.text ?? '…'})`, useRange: base.range, definitionRange: v.range } };
      }
    }
    // Set[...] / Set.new([...])
    if (receiver?.text === 'Set' && args) {
      const inner = entriesOf(args)[0];
      if (inner?.type === 'array') return arrayValue(inner, depth);
    }
    return { kind: 'call', ...base };
  }

  function arrayValue(n: Node, depth: number): ValueView {
    const items = entriesOf(n);
    const view: ValueView = { kind: 'array', range: rangeOf(n), text: n.text, elements: items.map((i) => valueOf(i, depth + 1)) };
    const words = n.type !== 'array';
    const open = n.firstChild!;
    const close = n.lastChild!;
    register(view, { kind: 'array', items: items.map(rangeOf), inner: { start: open.endIndex, end: close.startIndex }, trailingSeparatorAllowed: !words && usesTrailingComma(text, items.map(rangeOf), close.startIndex), separator: words ? '' : ',', style: words ? 'words' : 'array' });
    return view;
  }

  /** Fields of a hash literal or of keyword arguments (pairs and `**splats`). */
  function pairsInto(view: ValueView, container: ListContainer, items: Node[], depth: number, skip?: (key: string, pair: Node) => boolean): void {
    items.forEach((item, index) => {
      if (item.type === 'pair') {
        const keyNode = item.childForFieldName('key');
        const valueNode = item.childForFieldName('value');
        if (!keyNode) return;
        const key = rubyKey(keyNode, text);
        if (key === undefined) {
          container.opaque = true;
          return;
        }
        if (skip?.(key, item)) return;
        // Ruby 3.1 shorthand `{model:}` takes the local of that name.
        const value: ValueView = valueNode ? valueOf(valueNode, depth + 1) : { kind: 'reference', range: rangeOf(keyNode), text: key };
        const f: FieldView = { key, sourceKey: keyNode.text, range: rangeOf(item), keyRange: rangeOf(keyNode), value };
        view.fields!.push(f);
        fieldOwners.set(rangeKey(f.range), { container, index });
      } else if (item.type === 'hash_splat_argument') {
        const target = item.namedChildren[0];
        const resolved = target ? valueOf(target, depth + 1) : undefined;
        if (resolved?.kind === 'object' && resolved.fields) {
          // Keys written before the splat are overridden by it; later ones override it.
          for (const f of resolved.fields) {
            const at = view.fields!.findIndex((x) => x.key === f.key);
            if (at >= 0) view.fields!.splice(at, 1);
            view.fields!.push(f);
          }
          if (containers.get(rangeKey(resolved.range))?.opaque) container.opaque = true;
        } else container.opaque = true;
      }
    });
  }

  function hashValue(n: Node, depth: number): ValueView {
    const items = entriesOf(n);
    const view: ValueView = { kind: 'object', range: rangeOf(n), text: n.text, fields: [] };
    const c = register(view, { kind: 'object', items: items.map(rangeOf), inner: { start: n.startIndex + 1, end: n.endIndex - 1 }, trailingSeparatorAllowed: usesTrailingComma(text, items.map(rangeOf), n.endIndex - 1), style: `hash:${keyStyleOf(items.filter((i) => i.type === 'pair'))}` });
    pairsInto(view, c, items, depth);
    return view;
  }

  // ---------------------------------------------------------------- clients

  const clients: ClientView[] = [];
  const clientsByName = new Map<string, Platform>();
  const foreignNames = new Set<string>();
  const clientNameOf = (n: Node): string | undefined => {
    const p = n.parent;
    if ((p?.type === 'assignment' || p?.type === 'operator_assignment') && p.childForFieldName('right')?.id === n.id) return p.childForFieldName('left')?.text;
    // `def client = Anthropic::Client.new` / `def client; @client ||= …; end`
    for (let a: Node | null = n.parent; a; a = a.parent) {
      if (a.type === 'method') return a.childForFieldName('name')?.text;
      if (a.type === 'program' || a.type === 'class' || a.type === 'module') break;
    }
    return undefined;
  };
  for (const call of calls) {
    if (call.childForFieldName('method')?.text !== 'new') continue;
    const recv = call.childForFieldName('receiver');
    if (!recv) continue;
    const cls = recv.text.replace(/^::/, '');
    const platform = CLIENT_CLASSES[cls];
    const name = clientNameOf(call);
    if (platform === undefined) {
      if (name && /openai|gemini|groq|mistral|cohere|ollama|llm|gpt|bedrockruntime/i.test(cls)) foreignNames.add(name);
      continue;
    }
    clients.push({ platform, range: rangeOf(call), constructor: cls });
    if (name) clientsByName.set(name, platform);
    // `@client ||= …` inside `def client`: both names reach it.
    for (let a: Node | null = call.parent; a; a = a.parent) {
      if (a.type === 'method') {
        const m = a.childForFieldName('name')?.text;
        if (m) clientsByName.set(m, platform);
        break;
      }
    }
  }

  // ---------------------------------------------------------------- requests

  const requests: RequestView[] = [];
  const betaSegments = new Map<string, { receiverEnd: number; betaEnd: number }>();
  const splatTargets = new Map<string, ValueView>();

  function headersOf(options: Node | undefined): HeaderView[] {
    if (options?.type !== 'hash') return [];
    const opts = valueOf(options);
    const extra = opts.fields?.find((f) => f.key === 'extra_headers')?.value;
    if (extra?.kind !== 'object') return [];
    return (extra.fields ?? []).map((f) => ({ name: f.key.toLowerCase(), range: f.range, value: f.value, scope: 'request' as const, field: f, container: extra }));
  }

  function paramsOfCall(call: Node): { params: ValueView; headers: HeaderView[]; opaque: boolean } | undefined {
    const args = call.childForFieldName('arguments');
    if (!args) return undefined;
    const items = entriesOf(args).filter((i) => i.type !== 'block_argument');
    const pairs = items.filter((i) => i.type === 'pair' || i.type === 'hash_splat_argument');
    let headers: HeaderView[] = [];
    if (pairs.length === items.length && pairs.length) {
      const hasParens = args.firstChild?.type === '(';
      const view: ValueView = { kind: 'object', range: rangeOf(args), text: args.text, fields: [] };
      const c = register(view, { kind: 'object', items: items.map(rangeOf), inner: hasParens ? { start: args.startIndex + 1, end: args.endIndex - 1 } : rangeOf(args), trailingSeparatorAllowed: hasParens && usesTrailingComma(text, items.map(rangeOf), args.endIndex - 1), style: `kwargs:${keyStyleOf(pairs.filter((p) => p.type === 'pair'))}` });
      pairsInto(view, c, items, 0, (key, pair) => {
        if (key !== 'request_options') return false;
        headers = headersOf(pair.childForFieldName('value') ?? undefined);
        return true;
      });
      const splats = items.filter((i) => i.type === 'hash_splat_argument');
      const splatted = splats.length === 1 && splats[0].namedChildren[0] ? valueOf(splats[0].namedChildren[0]) : undefined;
      const splattedHash = splatted && containers.get(rangeKey(splatted.range));
      if (splatted?.kind === 'object' && splatted.via?.references === 1 && splattedHash && !splattedHash.opaque) splatTargets.set(rangeKey(view.range), splatted);
      return { params: view, headers, opaque: !!c.opaque };
    }
    // `create(params)` / `create({model: …})`: one positional hash.
    if (items.length >= 1 && items.length <= 2 && !pairs.length) {
      const v = valueOf(items[0]);
      if (v.kind !== 'object') return { params: v, headers, opaque: true };
      const opts = items[1]?.type === 'hash' ? headersOf(items[1]) : [];
      return { params: v, headers: opts, opaque: !!containers.get(rangeKey(v.range))?.opaque };
    }
    return undefined;
  }

  const looksLikeParams = (v: ValueView, opaque: boolean) => opaque || !!v.fields?.some((f) => f.key === 'model' || f.key === 'max_tokens' || f.key === 'messages');

  for (const call of calls) {
    const method = call.childForFieldName('method')?.text ?? '';
    const m = METHODS[method];
    if (!m) continue;
    let recv = call.childForFieldName('receiver');
    let batch = false;
    if (recv?.type === 'call' && recv.childForFieldName('method')?.text === 'batches' && method === 'create') {
      batch = true;
      recv = recv.childForFieldName('receiver');
    }
    if (recv?.type !== 'call' || recv.childForFieldName('method')?.text !== 'messages' || recv.childForFieldName('arguments')) continue;
    let root = recv.childForFieldName('receiver');
    let beta = false;
    let betaSeg: { receiverEnd: number; betaEnd: number } | undefined;
    if (root?.type === 'call' && root.childForFieldName('method')?.text === 'beta' && !root.childForFieldName('arguments')) {
      beta = true;
      const inner = root.childForFieldName('receiver');
      if (inner) betaSeg = { receiverEnd: inner.endIndex, betaEnd: root.endIndex };
      root = inner;
    }
    if (!root) continue;
    const rootName = root.text;
    const inlineClient = root.type === 'call' && root.childForFieldName('method')?.text === 'new' ? CLIENT_CLASSES[root.childForFieldName('receiver')?.text.replace(/^::/, '') ?? ''] : undefined;
    const known = clientsByName.get(rootName) ?? inlineClient;
    if (foreignNames.has(rootName)) continue;
    const p = paramsOfCall(call);
    if (!p) continue;
    if (known === undefined && !(importsSdk && (batch || looksLikeParams(p.params, p.opaque)))) continue;
    const platform: Platform = known ?? 'unknown';
    const callee = { start: call.startIndex, end: call.childForFieldName('method')!.endIndex };
    if (batch) {
      for (const obj of objectsIn(p.params)) {
        const params = obj.fields?.find((f) => f.key === 'params')?.value;
        if (params?.kind !== 'object') continue;
        const req: RequestView = { language: 'ruby', kind: 'sdk-call', method: 'batch', beta, platform, range: params.range, callee, params, headers: p.headers, streaming: false };
        if (containers.get(rangeKey(params.range))?.opaque) req.opaqueSpread = true;
        requests.push(req);
        if (betaSeg) betaSegments.set(rangeKey(req.range), betaSeg);
      }
      continue;
    }
    const streamField = p.params.fields?.find((f) => f.key === 'stream')?.value.literal === true;
    const req: RequestView = { language: 'ruby', kind: 'sdk-call', method: m.method, beta, platform, range: rangeOf(call), callee, params: p.params, headers: p.headers, streaming: m.streaming || streamField };
    if (p.opaque) req.opaqueSpread = true;
    requests.push(req);
    if (betaSeg) betaSegments.set(rangeKey(req.range), betaSeg);
  }

  // Raw HTTP: a hash body serialised to JSON (`{…}.to_json`, `JSON.generate({…})`, `body: {…}`, `json: {…}`) in a file that targets /v1/messages.
  if (mentionsMessagesUrl) {
    const seen = new Set<string>();
    const bodies: Node[] = [];
    for (const call of calls) {
      const method = call.childForFieldName('method')?.text ?? '';
      const recv = call.childForFieldName('receiver');
      if (method === 'to_json' && recv) bodies.push(recv);
      if (/^(generate|dump|pretty_generate)$/.test(method) && /^(JSON|Oj)$/.test(recv?.text ?? '')) {
        const first = call.childForFieldName('arguments') ? entriesOf(call.childForFieldName('arguments')!)[0] : undefined;
        if (first) bodies.push(first);
      }
    }
    for (const b of bodies) {
      const v = valueOf(b);
      if (v.kind !== 'object' || seen.has(rangeKey(v.range))) continue;
      if (!v.fields?.some((f) => f.key === 'model') || !v.fields.some((f) => f.key === 'messages' || f.key === 'max_tokens')) continue;
      seen.add(rangeKey(v.range));
      const headers = httpHeadersNear(b);
      const req: RequestView = { language: 'ruby', kind: 'http', method: 'create', beta: false, platform: 'first-party', range: v.range, params: v, headers, streaming: v.fields.find((f) => f.key === 'stream')?.value.literal === true };
      if (containers.get(rangeKey(v.range))?.opaque) req.opaqueSpread = true;
      requests.push(req);
    }
  }

  /** `"anthropic-beta" => …` entries of header hashes, and `req["anthropic-beta"] = …`, in the same method as an HTTP body. */
  function httpHeadersNear(body: Node): HeaderView[] {
    const scope = defScope(body) ?? root;
    const out: HeaderView[] = [];
    walk(scope, (x) => {
      if (x.type === 'assignment' && x.childForFieldName('left')?.type === 'element_reference') {
        const ref = x.childForFieldName('left')!;
        const name = ref.namedChildren[1] ? rubyString(ref.namedChildren[1], text) : undefined;
        const right = x.childForFieldName('right');
        if (name && !name.interpolated && right && /^(anthropic-beta|anthropic-version|x-api-key)$/i.test(name.value)) out.push({ name: name.value.toLowerCase(), range: rangeOf(x), value: valueOf(right), scope: 'request' });
        return;
      }
      if (x.type !== 'hash') return;
      const hv = valueOf(x);
      for (const f of hv.fields ?? []) {
        if (/^(anthropic-beta|anthropic-version|x-api-key)$/i.test(f.key)) out.push({ name: f.key.toLowerCase(), range: f.range, value: f.value, scope: 'request', field: f, container: hv });
      }
      return false;
    });
    return out;
  }

  // ---------------------------------------------------------------- tools

  const tools = new Map<string, ValueView>();
  walk(root, (x) => {
    if (x.type !== 'hash') return;
    const v = valueOf(x);
    if (isToolDefinition(v)) {
      tools.set(rangeKey(v.range), v);
      return false;
    }
  });

  // ---------------------------------------------------------------- response uses

  const uses: FileView['responseUses'] = [];
  const paramsRanges = requests.map((r) => r.params.range);
  const inParams = (n: Node) => paramsRanges.some((r) => r.start <= n.startIndex && n.endIndex <= r.end);
  for (const call of calls) {
    if (call.childForFieldName('method')?.text !== 'thinking' || call.childForFieldName('arguments') || !call.childForFieldName('receiver')) continue;
    if (inParams(call)) continue;
    uses.push({ kind: 'thinking-text', range: rangeOf(call) });
  }
  for (const ref of elementRefs) {
    const idx = ref.namedChildren[1];
    const s = idx ? rubyString(idx, text) : undefined;
    if (s?.value === 'thinking' && !inParams(ref)) uses.push({ kind: 'thinking-text', range: rangeOf(ref) });
  }

  const stops = new StopReasonGroups();
  const mentionsStop = (n: Node | null) => !!n && /stop_reason/.test(n.text) && !rubyString(n, text);
  const stopValue = (n: Node | null): string | undefined => {
    if (!n) return undefined;
    const s = rubyString(n, text);
    if (s && !s.interpolated) return s.value;
    return undefined;
  };
  for (const b of binaries) {
    if (!/^(==|!=|===|eql\?)$/.test(b.childForFieldName('operator')?.text ?? '')) continue;
    const l = b.childForFieldName('left');
    const r = b.childForFieldName('right');
    const v = mentionsStop(l) ? stopValue(r) : mentionsStop(r) ? stopValue(l) : undefined;
    if (v !== undefined) stops.add(rangeOf(ifChainOf(b)), v);
  }
  for (const c of cases) {
    if (!mentionsStop(c.childForFieldName('value'))) continue;
    const values: string[] = [];
    walk(c, (x) => {
      if (x.id !== c.id && (x.type === 'case' || x.type === 'case_match')) return false;
      if (x.type === 'when' || x.type === 'in_clause') {
        walk(x, (p) => {
          const v = stopValue(p);
          if (v !== undefined && STOP_REASONS.includes(v)) values.push(v);
          if (p.type === 'then' || p.type === 'body_statement') return false;
        });
        return false;
      }
    });
    stops.add(rangeOf(c), undefined);
    for (const v of values) stops.add(rangeOf(c), v);
  }
  uses.push(...stops.uses());

  const view: FileView = { language: 'ruby', requests, clients, responseUses: uses, tools: [...tools.values()], strings, comments, syntaxErrors };
  return { view, containers, fieldOwners, definitions: definitionStatements, modelRanges: modelRangesOf(requests), betaSegments, splatTargets, quote, braceSpace };
}

/** The whole if/elsif/unless chain (or ternary / modifier) a comparison sits in, else the comparison. */
function ifChainOf(n: Node): Node {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'if' || p.type === 'unless' || p.type === 'elsif' || p.type === 'if_modifier' || p.type === 'unless_modifier' || p.type === 'conditional') {
      let a = p;
      while (a.parent && (a.parent.type === 'if' || a.parent.type === 'elsif') && a.type === 'elsif') a = a.parent;
      return a;
    }
    if (p.type === 'method' || p.type === 'do_block' || p.type === 'block' || p.type === 'program') break;
  }
  return n;
}
