// Python source → the neutral FileView: clients, requests (keyword arguments, `**params` dicts,
// batch `params`, raw HTTP bodies) normalised to JSON keys, headers, response uses, tools, strings
// and comments. The syntax every view object came from is kept for the renderer.
import type { Node } from 'web-tree-sitter';
import type { ClientView, FieldView, FileView, HeaderView, Platform, Range, RequestMethod, RequestView, ResponseUse, ValueView } from '../types.js';
import { rangeKey, rangeOf, walk } from '../tree-sitter/common.js';
import { AMBIGUOUS_CLIENT_NAMES, CLIENT_CLASSES, CLIENT_COPIES, HTTP_METHODS, MESSAGE_METHODS, NON_CLAUDE_CONSTRUCTORS, REQUEST_OPTIONS, RESPONSE_WRAPPERS, STOP_REASON, platformOfUrl } from './sdk.js';
import { pyString } from './strings.js';
import { BINDING_NODE_TYPES, createBindings, resolveName, scopeOf, selfKey, type Binding, type ModuleBindings } from './scope.js';
import { isDictCall, itemsOf, mergeSplat, valueOf, type ExternalConstant, type FieldOwner, type PyContainer, type ValueContext } from './values.js';

export interface PyAnalysis {
  view: FileView;
  containers: Map<string, PyContainer>;
  fieldOwners: Map<string, FieldOwner>;
  definitions: Map<string, Binding>;
  /** Params objects (by range) that may hold fields we cannot see: add-field is refused there. */
  opaqueParams: Set<string>;
  requestCalls: Map<RequestView, Node>;
  /** Ranges of request `model` values (and their definitions) for contextAt. */
  modelRanges: Range[];
  /** The quote most string literals in the file use. */
  quote: '"' | "'";
}

interface ReceiverInfo {
  platforms: Set<Platform>;
  ctors: Node[];
  nonClaude: boolean;
}

const PARAMS_LIKE = /^(params|kwargs|config|cfg|settings|options|opts|args|request|req|payload|body|thinking_config|self|cls)$/i;
const BLOCK_LIKE = /(block|delta|content|chunk|part|event|item|msg|message)/i;
/** Resources of other SDKs that also have a `.messages` (OpenAI Assistants' `beta.threads`). */
const NON_CLIENT_RESOURCES = /^(threads|chat|conversations|assistants|runs)$/;
const TOOL_TYPE = /^[a-z][a-z0-9_]*_\d{8}$/;

function unwrap(node: Node): Node {
  let n = node;
  while ((n.type === 'parenthesized_expression' || n.type === 'await') && n.namedChildren.length >= 1) n = n.namedChildren[n.namedChildren.length - 1];
  return n;
}

function lastName(n: Node): string {
  if (n.type === 'attribute') return n.childForFieldName('attribute')?.text ?? '';
  if (n.type === 'call') return lastName(n.childForFieldName('function')!);
  if (n.type === 'subscript') return lastName(n.childForFieldName('value')!);
  return n.text;
}

function leftmostIdentifier(n: Node): string | undefined {
  let c: Node | null = n;
  while (c && c.type === 'attribute') c = c.childForFieldName('object');
  return c?.type === 'identifier' ? c.text : undefined;
}

function kwarg(args: Node | null, name: string): Node | undefined {
  if (!args) return undefined;
  const kw = args.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name);
  return kw?.childForFieldName('value') ?? undefined;
}

function positional(args: Node | null): Node[] {
  return args ? itemsOf(args).filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat' && a.type !== 'list_splat') : [];
}

const BINDING_TYPES = new Set(BINDING_NODE_TYPES);
const VISITED_TYPES = new Set([...BINDING_NODE_TYPES, 'comment', 'string', 'expression_statement', 'call', 'attribute', 'subscript', 'dictionary', 'comparison_operator', 'match_statement']);

/**
 * Pre-order walk that materialises only nodes of the given types (creating a Node object per tree
 * node dominates the cost of a full walk in web-tree-sitter). `visit` returning false skips a subtree.
 */
function walkTypes(root: Node, types: Set<string>, visit: (node: Node) => boolean | void): void {
  // Compare numeric type ids: reading the type name allocates a string per node.
  const lang = root.tree.language;
  const ids = new Set<number>();
  // A name can have several ids (aliases), so scan them all rather than idForNodeType.
  for (let id = 0; id < lang.nodeTypeCount; id++) {
    const name = lang.nodeTypeForId(id);
    if (name && types.has(name) && lang.nodeTypeIsNamed(id)) ids.add(id);
  }
  const cursor = root.walk();
  try {
    let depth = 0;
    for (;;) {
      const descend = ids.has(cursor.nodeTypeId) ? visit(cursor.currentNode) !== false : true;
      if (descend && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        if (depth === 0) return;
        if (cursor.gotoNextSibling()) break;
        cursor.gotoParent();
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Local-module reading for `from .config import MODEL` is supplied by the adapter (it owns the parser). */
export type ExternalParser = (source: string) => Map<string, ExternalConstant>;


/**
 * Local names of LangChain's Anthropic chat model (`from langchain_anthropic import ChatAnthropic as Claude`,
 * `langchain_anthropic.ChatAnthropic`), checked against langchain-ai/langchain libs/partners/anthropic.
 */
function langchainClassNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/^[ \t]*from[ \t]+langchain_anthropic(?:\.chat_models)?[ \t]+import[ \t]+\(?([^)\n]*(?:\n[^)\n]*)*?)\)?[ \t]*$/gm)) {
    for (const item of m[1].split(',')) {
      const parts = /^\s*(ChatAnthropic)(?:\s+as\s+(\w+))?\s*$/.exec(item.replace(/#.*$/, ''));
      if (parts) names.add(parts[2] ?? parts[1]);
    }
  }
  const mod = /^[ \t]*import[ \t]+langchain_anthropic(?:[ \t]+as[ \t]+(\w+))?[ \t]*$/m.exec(text);
  if (mod) names.add(`${mod[1] ?? 'langchain_anthropic'}.ChatAnthropic`);
  return names;
}

/** LiteLLM's completion functions as this module names them (`litellm.completion`, `from litellm import acompletion`). */
function litellmCallNames(text: string): Set<string> {
  const names = new Set<string>();
  const fns = ['completion', 'acompletion'];
  const mod = /^[ \t]*import[ \t]+litellm(?:[ \t]+as[ \t]+(\w+))?[ \t]*$/m.exec(text);
  if (mod) for (const f of fns) names.add(`${mod[1] ?? 'litellm'}.${f}`);
  for (const m of text.matchAll(/^[ \t]*from[ \t]+litellm[ \t]+import[ \t]+\(?([^)\n]*)\)?[ \t]*$/gm)) {
    for (const item of m[1].split(',')) {
      const parts = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(item);
      if (parts && fns.includes(parts[1])) names.add(parts[2] ?? parts[1]);
    }
  }
  return names;
}

/** Its constructor arguments under their Messages API names. */
const LANGCHAIN_KEYS: Record<string, string> = { model_name: 'model', stop: 'stop_sequences' };

export function analyzePython(root: Node, text: string, path: string, syntaxErrors: number, parseExternal?: ExternalParser): PyAnalysis {
  const { mb, visit: visitBinding } = createBindings(root);
  const ctx: ValueContext = {
    text,
    path,
    mb,
    containers: new Map(),
    fieldOwners: new Map(),
    definitions: new Map(),
    opaque: new WeakSet(),
    externals: new Map(),
    parseExternal,
  };
  const strings: FileView['strings'] = [];
  const comments: Range[] = [];
  const calls: Node[] = [];
  const reads: Node[] = [];
  const dicts: Node[] = [];
  const comparisons: Node[] = [];
  let doubles = 0;
  let singles = 0;

  walkTypes(root, VISITED_TYPES, (n) => {
    if (BINDING_TYPES.has(n.type) && visitBinding(n) === false) return false;
    switch (n.type) {
      case 'comment':
        comments.push(rangeOf(n));
        return false;
      case 'string': {
        const s = pyString(n, text);
        if (s) {
          strings.push({ range: rangeOf(n), contentRange: s.contentRange, value: s.value });
          if (s.quote === '"') doubles++;
          else if (s.quote === "'") singles++;
        }
        return; // interpolations may hold strings and calls
      }
      case 'expression_statement':
        // A docstring is documentation: its text is classified as a comment (and still listed as a string).
        if (/^[rRbBuU]{0,2}["']/.test(text.slice(n.startIndex, n.startIndex + 3)) && isDocstring(n)) comments.push(rangeOf(n.namedChildren[0]));
        return;
      case 'call':
        calls.push(n);
        return;
      case 'attribute':
        // Only `.thinking` / `.stop_reason` reads matter (checked on the text: cheaper than the node).
        if (text.endsWith('thinking', n.endIndex) || text.endsWith(STOP_REASON, n.endIndex)) reads.push(n);
        return;
      case 'subscript': {
        const src = text.slice(n.startIndex, n.endIndex);
        if (src.includes('thinking') || src.includes(STOP_REASON)) reads.push(n);
        return;
      }
      case 'dictionary':
        dicts.push(n);
        return;
      case 'comparison_operator':
      case 'match_statement':
        comparisons.push(n);
        return;
    }
  });

  // ---- clients ----
  const clientClass = (call: Node): { name: string; platform: Platform } | undefined => {
    const fn = call.childForFieldName('function');
    if (!fn) return undefined;
    if (fn.type === 'identifier') {
      const orig = mb.sdkNames.get(fn.text);
      if (orig && CLIENT_CLASSES[orig]) return { name: fn.text, platform: CLIENT_CLASSES[orig] };
      if (!orig && CLIENT_CLASSES[fn.text] && !AMBIGUOUS_CLIENT_NAMES.has(fn.text) && mb.importsSdk && !resolveName(mb, fn.text, call)) {
        return { name: fn.text, platform: CLIENT_CLASSES[fn.text] };
      }
      return undefined;
    }
    if (fn.type === 'attribute') {
      const last = fn.childForFieldName('attribute')?.text ?? '';
      const root0 = leftmostIdentifier(fn);
      if (CLIENT_CLASSES[last] && root0 && (mb.sdkModules.has(root0) || root0 === 'anthropic')) return { name: fn.text, platform: CLIENT_CLASSES[last] };
    }
    return undefined;
  };

  const clients: ClientView[] = [];
  const ctorHeaders = new Map<number, HeaderView[]>();
  for (const call of calls) {
    const cls = clientClass(call);
    if (!cls) continue;
    clients.push({ platform: cls.platform, range: rangeOf(call), constructor: cls.name });
    const dh = kwarg(call.childForFieldName('arguments'), 'default_headers');
    ctorHeaders.set(call.id, dh ? headersOf(dh, 'client') : []);
  }

  function headersOf(node: Node, scope: HeaderView['scope']): HeaderView[] {
    const v = valueOf(ctx, node);
    if (v.kind !== 'object' || !v.fields) return [];
    return v.fields.map((f) => ({ name: f.key.toLowerCase(), range: f.range, value: f.value, scope, field: f, container: v }));
  }

  const bindingsInScope = (key: string, use: Node): Binding[] => {
    const resolved = key.startsWith('self.') ? undefined : resolveName(mb, key, use);
    if (resolved) return [resolved];
    const chain = new Set<number>();
    for (let s: Node = scopeOf(use); ; s = scopeOf(s)) {
      chain.add(s.id);
      if (s.type === 'module' || s.id === scopeOf(s).id) break;
    }
    const all = mb.bindings.get(key) ?? [];
    if (key.startsWith('self.')) return all;
    return all.filter((b) => chain.has(b.scope.id));
  };

  const annotationPlatforms = (ann: Node): Platform[] => {
    const out: Platform[] = [];
    for (const m of ann.text.matchAll(/[A-Za-z_][\w.]*/g)) {
      const last = m[0].replace(/^.*\./, '');
      const orig = mb.sdkNames.get(last) ?? last;
      if (!CLIENT_CLASSES[orig]) continue;
      if (AMBIGUOUS_CLIENT_NAMES.has(orig) && !mb.sdkNames.has(last) && !m[0].includes('.')) continue;
      if (mb.importsSdk || m[0].includes('.')) out.push(CLIENT_CLASSES[orig]);
    }
    return out;
  };

  /** Expressions returned by the module-level function `name` (not by nested functions). */
  const returnsOf = (name: string): Node[] => {
    const defs = (mb.bindings.get(name) ?? []).filter((b) => b.kind === 'other' && b.target.parent?.type === 'function_definition');
    if (defs.length !== 1) return [];
    const fnDef = defs[0].target.parent!;
    const out: Node[] = [];
    walk(fnDef.childForFieldName('body')!, (d) => {
      if (d.type === 'function_definition' || d.type === 'lambda' || d.type === 'class_definition') return false;
      if (d.type === 'return_statement' && d.namedChildren[0]) out.push(d.namedChildren[0]);
    });
    return out;
  };

  const receiverInfo = (node: Node, depth = 0): ReceiverInfo => {
    const info: ReceiverInfo = { platforms: new Set(), ctors: [], nonClaude: false };
    if (depth > 6) return info;
    const n = unwrap(node);
    const merge = (o: ReceiverInfo) => {
      o.platforms.forEach((p) => info.platforms.add(p));
      info.ctors.push(...o.ctors);
      info.nonClaude ||= o.nonClaude;
    };
    if (n.type === 'call') {
      const cls = clientClass(n);
      const fn = n.childForFieldName('function');
      if (cls) {
        info.platforms.add(cls.platform);
        info.ctors.push(n);
      } else if (fn && NON_CLAUDE_CONSTRUCTORS.test(fn.text.replace(/^(mock|unittest\.mock|openai|groq|mistralai|cohere)\./, ''))) info.nonClaude = true;
      else if (fn?.type === 'attribute' && CLIENT_COPIES.has(fn.childForFieldName('attribute')?.text ?? '')) merge(receiverInfo(fn.childForFieldName('object')!, depth + 1));
      else if (fn && /^[A-Z]/.test(lastName(fn)) && (!CLIENT_CLASSES[lastName(fn)] || AMBIGUOUS_CLIENT_NAMES.has(lastName(fn)))) {
        // An instance of some other class (Twilio's `Client(sid, token).messages.create(...)`).
        info.nonClaude = true;
      } else if (fn?.type === 'identifier') {
        // `client = get_client()`: what a factory function of this module returns.
        for (const ret of returnsOf(fn.text)) merge(receiverInfo(ret, depth + 1));
      }
      return info;
    }
    if (n.type === 'boolean_operator' || n.type === 'conditional_expression') {
      // `client or anthropic.Anthropic()`, `AnthropicBedrock() if aws else Anthropic()`.
      for (const c of n.namedChildren) if (c.type !== 'comment') merge(receiverInfo(c, depth + 1));
      return info;
    }
    const key = n.type === 'identifier' ? n.text : selfKey(n);
    if (!key) {
      // `deps.client` / `app.state.llm`: judged by what the chain starts from (an OpenAI client's
      // `oai.beta.threads` is not an Anthropic client).
      if (n.type === 'attribute' && NON_CLIENT_RESOURCES.test(lastName(n))) info.nonClaude = true;
      else if (n.type === 'attribute') {
        let base: Node = n;
        while (base.type === 'attribute' && !selfKey(base)) base = base.childForFieldName('object')!;
        if (base.id !== n.id && receiverInfo(base, depth + 1).nonClaude) info.nonClaude = true;
      }
      return info;
    }
    for (const b of bindingsInScope(key, n)) {
      if (b.annotation) annotationPlatforms(b.annotation).forEach((p) => info.platforms.add(p));
      if (b.value && b.value.id !== n.id) merge(receiverInfo(b.value, depth + 1));
    }
    return info;
  };

  // ---- requests ----
  const requests: RequestView[] = [];
  const requestCalls = new Map<RequestView, Node>();
  const opaqueParams = new Set<string>();
  const modelRanges: Range[] = [];

  const looksClaude = (v: ValueView | undefined) => typeof v?.literal === 'string' && /claude|anthropic/i.test(v.literal);

  interface Built { params: ValueView; headers: HeaderView[]; opaque: boolean }

  /** Keyword arguments (+ visible `**dict` splats, + `extra_body`) → one params object. */
  function buildParams(args: Node): Built {
    const items = itemsOf(args);
    const fields: FieldView[] = [];
    const headers: HeaderView[] = [];
    let opaque = false;
    const container: PyContainer = { kind: 'kwargs', node: args, inner: { start: args.startIndex + 1, end: args.endIndex - 1 }, items };
    const splats: ValueView[] = [];
    const extra: FieldView[] = [];
    let apiKwargs = 0;
    for (const item of items) {
      if (item.type === 'keyword_argument') {
        const k = item.childForFieldName('name')!;
        const vNode = item.childForFieldName('value')!;
        if (k.text === 'extra_headers') headers.push(...headersOf(vNode, 'request'));
        else if (k.text === 'extra_body') {
          const v = valueOf(ctx, vNode);
          if (v.kind === 'object' && v.fields) extra.push(...v.fields);
          else opaque = true;
          if (ctx.opaque.has(v)) opaque = true;
        } else if (!REQUEST_OPTIONS.has(k.text)) {
          apiKwargs++;
          const f: FieldView = { key: k.text, sourceKey: k.text, range: rangeOf(item), keyRange: rangeOf(k), value: valueOf(ctx, vNode) };
          fields.push(f);
          ctx.fieldOwners.set(rangeKey(f.range), { kind: 'item', container, item });
        }
      } else if (item.type === 'dictionary_splat') {
        const holder: ValueView = { kind: 'object', range: rangeOf(item), text: item.text, fields: [] };
        const v = mergeSplat(ctx, holder, item, 0);
        if (!v) opaque = true;
        else {
          splats.push({ ...v, fields: holder.fields });
          if (ctx.opaque.has(v) || ctx.opaque.has(holder)) opaque = true;
        }
      }
    }
    for (const s of splats) {
      for (const f of s.fields ?? []) {
        if (f.key === 'extra_headers') headers.push(...(f.value.kind === 'object' ? (f.value.fields ?? []).map((h) => ({ name: h.key.toLowerCase(), range: h.range, value: h.value, scope: 'request' as const, field: h, container: f.value })) : []));
        else if (f.key === 'extra_body') extra.push(...(f.value.fields ?? []));
        else if (!REQUEST_OPTIONS.has(f.key) && !fields.some((g) => g.key === f.key)) fields.push(f);
      }
    }
    for (const f of extra) if (!fields.some((g) => g.key === f.key)) fields.push(f);
    let params: ValueView;
    if (apiKwargs === 0 && splats.length === 1 && items.filter((i) => i.type === 'dictionary_splat').length === 1) {
      // `create(**params)`: the dict is the params object (and where new fields go).
      params = { ...splats[0], fields };
    } else {
      params = { kind: 'object', range: rangeOf(args), text: args.text, fields };
      ctx.containers.set(rangeKey(params.range), container);
    }
    return { params, headers, opaque };
  }

  function pushRequest(req: RequestView, call: Node, opaque: boolean) {
    if (opaque) {
      req.opaqueSpread = true;
      opaqueParams.add(rangeKey(req.params.range));
    }
    const model = req.params.fields?.find((f) => f.key === 'model');
    if (model) {
      modelRanges.push(model.value.range);
      if (model.value.via) modelRanges.push(model.value.via.definitionRange, model.value.via.useRange);
    }
    requests.push(req);
    requestCalls.set(req, call);
  }

  /** `params` objects of a batch's request list: literal dicts, `Request(...)` calls, appended items. */
  function batchParamNodes(requestsNode: Node): Node[] {
    const roots: Node[] = [];
    let n = unwrap(requestsNode);
    if (n.type === 'identifier') {
      const b = resolveName(mb, n.text, n);
      if (b?.value) roots.push(unwrap(b.value));
      for (const c of calls) {
        const fn = c.childForFieldName('function');
        if (fn?.type === 'attribute' && fn.childForFieldName('object')?.text === n.text && /^(append|extend|insert)$/.test(fn.childForFieldName('attribute')?.text ?? '')) {
          const a = c.childForFieldName('arguments');
          if (a) roots.push(a);
        }
      }
    } else roots.push(n);
    const out: Node[] = [];
    for (const r of roots) {
      walk(r, (d) => {
        if (d.type === 'function_definition' || d.type === 'lambda') return false;
        if (d.type === 'pair') {
          const k = d.childForFieldName('key');
          if (k?.type === 'string' && pyString(k, text)?.value === 'params' && d.childForFieldName('value')) out.push(d.childForFieldName('value')!);
        } else if (d.type === 'keyword_argument' && d.childForFieldName('name')?.text === 'params' && d.childForFieldName('value')) {
          out.push(d.childForFieldName('value')!);
        }
      });
    }
    return out;
  }

  for (const call of calls) {
    const fn = call.childForFieldName('function');
    const args = call.childForFieldName('arguments');
    if (fn?.type !== 'attribute' || args?.type !== 'argument_list') continue;
    const m = messagesChain(fn);
    if (!m) continue;
    const method: RequestMethod | undefined = m.batches ? (m.method === 'create' ? 'batch' : undefined) : MESSAGE_METHODS[m.method];
    if (!method) continue;
    const recv = receiverInfo(m.receiver);
    const clientHeaders = recv.ctors.flatMap((c) => ctorHeaders.get(c.id) ?? []);
    const platform: Platform = recv.platforms.size === 1 ? [...recv.platforms][0] : 'unknown';
    const claudeReceiver = recv.platforms.size > 0;
    if (!claudeReceiver && recv.nonClaude) continue;
    if (method === 'batch') {
      const reqList = kwarg(args, 'requests') ?? positional(args)[0];
      if (!claudeReceiver && !mb.importsSdk) continue;
      const requestHeaders = (() => {
        const eh = kwarg(args, 'extra_headers');
        return eh ? headersOf(eh, 'request') : [];
      })();
      for (const pNode of reqList ? batchParamNodes(reqList) : []) {
        const v = valueOf(ctx, pNode);
        if (v.kind !== 'object') continue;
        pushRequest({ language: 'python', kind: 'sdk-call', method: 'batch', beta: m.beta, platform, range: rangeOf(unwrap(pNode)), callee: rangeOf(fn), params: v, headers: [...requestHeaders, ...clientHeaders], streaming: false }, call, ctx.opaque.has(v));
      }
      continue;
    }
    const built = buildParams(args);
    const model = built.params.fields?.find((f) => f.key === 'model');
    if (!claudeReceiver && !mb.importsSdk && !looksClaude(model?.value)) continue;
    // An unknown receiver must at least look like a Messages request.
    if (!claudeReceiver && !built.opaque && !built.params.fields?.some((f) => f.key === 'model' || f.key === 'messages' || f.key === 'max_tokens')) continue;
    const streamField = built.params.fields?.find((f) => f.key === 'stream');
    pushRequest({
      language: 'python',
      kind: 'sdk-call',
      method,
      beta: m.beta,
      platform,
      range: rangeOf(call),
      callee: rangeOf(fn),
      params: built.params,
      headers: [...built.headers, ...clientHeaders],
      streaming: method === 'stream' || streamField?.value.literal === true,
    }, call, built.opaque);
  }

  // ---- wrappers whose settings are forwarded to the Messages API: LangChain's ChatAnthropic, LiteLLM's
  // completion(model="anthropic/claude-…") (one call serving every provider: only a request naming a Claude
  // model is Claude's) ----
  const wrappers = [
    { names: langchainClassNames(text), wrapper: 'langchain' as const, platform: 'first-party' as Platform, keys: LANGCHAIN_KEYS, stream: 'streaming', claudeOnly: false },
    { names: litellmCallNames(text), wrapper: 'litellm' as const, platform: 'unknown' as Platform, keys: {} as Record<string, string>, stream: 'stream', claudeOnly: true },
  ].filter((w) => w.names.size > 0);
  for (const call of wrappers.length ? calls : []) {
    const fn = call.childForFieldName('function');
    const args = call.childForFieldName('arguments');
    const w = fn && args?.type === 'argument_list' ? wrappers.find((x) => x.names.has(fn.text)) : undefined;
    if (!w) continue;
    const built = buildParams(args!);
    const params: ValueView = { ...built.params, fields: built.params.fields?.map((f) => ({ ...f, key: w.keys[f.key] ?? f.key })) };
    if (w.claudeOnly && !looksClaude(params.fields?.find((f) => f.key === 'model')?.value)) continue;
    const streaming = params.fields?.find((f) => f.key === w.stream);
    pushRequest({ language: 'python', kind: 'sdk-call', method: 'create', beta: false, platform: w.platform, range: rangeOf(call), callee: rangeOf(fn!), params, headers: built.headers, streaming: streaming?.value.literal === true, wrapper: w.wrapper }, call, built.opaque);
  }

  // ---- raw HTTP to /v1/messages ----
  for (const call of calls) {
    const fn = call.childForFieldName('function');
    const args = call.childForFieldName('arguments');
    if (!fn || args?.type !== 'argument_list') continue;
    const name = lastName(fn);
    if (!HTTP_METHODS.has(name) && !(fn.type === 'identifier' && name === 'post')) continue;
    const pos = positional(args);
    const urlNode = kwarg(args, 'url') ?? (name === 'post' ? pos[0] : pos[1]);
    if (!urlNode) continue;
    if (name !== 'post') {
      const verb = valueOf(ctx, pos[0] ?? urlNode).literal;
      if (typeof verb !== 'string' || verb.toUpperCase() !== 'POST') continue;
    }
    const url = valueOf(ctx, urlNode);
    const urlText = typeof url.literal === 'string' ? url.literal : url.text;
    const path = /\/v1\/messages(\/count_tokens|\/batches)?\b/.exec(urlText);
    if (!path) continue;
    let bodyNode = kwarg(args, 'json');
    if (!bodyNode) {
      const data = kwarg(args, 'data') ?? kwarg(args, 'content');
      const d = data ? unwrap(data) : undefined;
      if (d?.type === 'call' && /(^|\.)dumps$/.test(d.childForFieldName('function')?.text ?? '')) bodyNode = positional(d.childForFieldName('arguments'))[0];
    }
    const platform = platformOfUrl(urlText);
    const hdr = kwarg(args, 'headers');
    const headers = hdr ? headersOf(hdr, 'request') : [];
    const body = bodyNode ? valueOf(ctx, bodyNode) : { kind: 'other' as const, range: rangeOf(args), text: args.text };
    if (path[1] === '/batches') {
      for (const pNode of bodyNode ? batchParamNodes(bodyNode) : []) {
        const v = valueOf(ctx, pNode);
        if (v.kind === 'object') pushRequest({ language: 'python', kind: 'http', method: 'batch', beta: false, platform, range: rangeOf(unwrap(pNode)), params: v, headers, streaming: false }, call, ctx.opaque.has(v));
      }
      continue;
    }
    const params = body.kind === 'object' ? body : { ...body, fields: [] };
    const streamField = params.fields?.find((f) => f.key === 'stream');
    pushRequest({ language: 'python', kind: 'http', method: path[1] === '/count_tokens' ? 'count_tokens' : 'create', beta: false, platform, range: rangeOf(call), params, headers, streaming: streamField?.value.literal === true }, call, body.kind !== 'object' || ctx.opaque.has(body));
  }

  // ---- response uses ----
  const responseUses = collectResponseUses(ctx, reads, calls, comparisons);

  // ---- tools ----
  const tools: ValueView[] = [];
  for (const d of dicts) {
    const keys = new Map<string, Node>();
    for (const p of d.namedChildren) {
      if (p.type !== 'pair') continue;
      const k = p.childForFieldName('key');
      const s = k?.type === 'string' ? pyString(k, text) : undefined;
      if (s) keys.set(s.value, p.childForFieldName('value')!);
    }
    const typeNode = keys.get('type');
    const type = typeNode?.type === 'string' ? pyString(typeNode, text)?.value : undefined;
    if ((type && TOOL_TYPE.test(type)) || (keys.has('name') && keys.has('input_schema'))) tools.push(valueOf(ctx, d));
  }

  for (const call of calls) {
    if (!isDictCall(call)) continue;
    const v = valueOf(ctx, call);
    const type = v.fields?.find((f) => f.key === 'type')?.value.literal;
    const hasKey = (k: string) => v.fields?.some((f) => f.key === k);
    if ((typeof type === 'string' && TOOL_TYPE.test(type)) || (hasKey('name') && hasKey('input_schema'))) tools.push(v);
  }
  tools.sort((a, b) => a.range.start - b.range.start);

  const view: FileView = {
    language: 'python',
    requests,
    clients,
    responseUses,
    tools,
    strings,
    comments,
    syntaxErrors,
  };
  return {
    view,
    containers: ctx.containers,
    fieldOwners: ctx.fieldOwners,
    definitions: ctx.definitions,
    opaqueParams,
    requestCalls,
    modelRanges,
    quote: singles > doubles ? "'" : '"',
  };
}

/** The first statement of a module / class / function body when it is a bare string. */
function isDocstring(stmt: Node): boolean {
  const only = stmt.namedChildren.length === 1 ? stmt.namedChildren[0] : undefined;
  if (only?.type !== 'string' && only?.type !== 'concatenated_string') return false;
  const parent = stmt.parent;
  if (!parent) return false;
  const first = parent.namedChildren.find((c) => c.type !== 'comment');
  if (first?.id !== stmt.id) return false;
  return parent.type === 'module' || (parent.type === 'block' && (parent.parent?.type === 'function_definition' || parent.parent?.type === 'class_definition'));
}

/**
 * `<receiver>[.with_options(…)][.beta].messages[.batches][.with_raw_response].<method>`. OpenAI's
 * `client.beta.threads.messages.create` does not match: only `beta` may sit before `messages`.
 */
export function messagesChain(fn: Node): { receiver: Node; beta: boolean; method: string; batches: boolean } | undefined {
  const attr = (n: Node) => (n.type === 'attribute' ? n.childForFieldName('attribute')?.text : undefined);
  const method = attr(fn);
  let obj = fn.childForFieldName('object');
  if (!method || !obj) return undefined;
  if (RESPONSE_WRAPPERS.has(attr(obj) ?? '')) obj = obj.childForFieldName('object');
  let batches = false;
  if (obj && attr(obj) === 'batches') {
    batches = true;
    obj = obj.childForFieldName('object');
  }
  if (!obj || attr(obj) !== 'messages') return undefined;
  obj = obj.childForFieldName('object');
  let beta = false;
  if (obj && attr(obj) === 'beta') {
    beta = true;
    obj = obj.childForFieldName('object');
  }
  if (!obj) return undefined;
  return { receiver: obj, beta, method, batches };
}

/** The node reading a stop reason: `x.stop_reason`, `x["stop_reason"]`, `x.get("stop_reason")`. */
function isStopReasonRead(n: Node, text: string): boolean {
  if (n.type === 'attribute') return n.childForFieldName('attribute')?.text === STOP_REASON;
  if (n.type === 'subscript') {
    const s = n.childForFieldName('subscript');
    return s?.type === 'string' && pyString(s, text)?.value === STOP_REASON;
  }
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    const first = positional(n.childForFieldName('arguments'))[0];
    return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get' && first?.type === 'string' && pyString(first, text)?.value === STOP_REASON;
  }
  return false;
}

function isAssignTarget(n: Node): boolean {
  const p = n.parent;
  return !!p && (p.type === 'assignment' || p.type === 'augmented_assignment') && p.childForFieldName('left')?.id === n.id;
}

function collectResponseUses(ctx: ValueContext, reads: Node[], calls: Node[], candidates: Node[]): ResponseUse[] {
  const { text, mb } = ctx;
  const out: ResponseUse[] = [];
  for (const n of reads) {
    if (isAssignTarget(n)) continue;
    if (n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'thinking') {
      const obj = n.childForFieldName('object')!;
      if (PARAMS_LIKE.test(lastName(obj))) continue;
      // `client.beta.thinking` style namespaces are not response blocks.
      if (n.parent?.type === 'attribute' || (n.parent?.type === 'call' && n.parent.childForFieldName('function')?.id === n.id)) continue;
      out.push({ kind: 'thinking-text', range: rangeOf(n) });
    } else if (n.type === 'subscript') {
      const s = n.childForFieldName('subscript');
      if (s?.type === 'string' && pyString(s, text)?.value === 'thinking' && BLOCK_LIKE.test(lastName(n.childForFieldName('value')!))) out.push({ kind: 'thinking-text', range: rangeOf(n) });
    }
  }

  // Stop reasons: group comparisons by if/elif chain or match statement.
  const stopReads = [...reads, ...calls.filter((c) => text.slice(c.startIndex, c.endIndex).includes(STOP_REASON))].filter((n) => isStopReasonRead(n, text) && !isAssignTarget(n));
  // `reason = resp.stop_reason` makes `reason` a stop-reason read too.
  const aliases = new Set<string>();
  for (const r of stopReads) {
    const p = r.parent;
    if (p?.type === 'assignment' && p.childForFieldName('right')?.id === r.id && p.childForFieldName('left')?.type === 'identifier') aliases.add(p.childForFieldName('left')!.text);
  }
  const isRead = (n: Node): boolean => {
    const u = unwrap(n);
    if (isStopReasonRead(u, text)) return true;
    if (u.type === 'identifier' && aliases.has(u.text)) {
      const b = resolveName(mb, u.text, u);
      return !!b?.value && isStopReasonRead(unwrap(b.value), text);
    }
    return false;
  };
  const groups = new Map<number, { range: Range; values: string[]; start: number }>();
  const addGroup = (key: Node, range: Range, values: string[]) => {
    const g = groups.get(key.id);
    if (g) {
      for (const v of values) if (!g.values.includes(v)) g.values.push(v);
    } else groups.set(key.id, { range, values: [...new Set(values)], start: range.start });
  };
  const stringsIn = (n: Node): string[] => {
    const v = valueOf(ctx, n);
    if (typeof v.literal === 'string') return [v.literal];
    if (v.kind === 'array') return (v.elements ?? []).map((e) => e.literal).filter((x): x is string => typeof x === 'string');
    return [];
  };
  for (const c of candidates) {
    if (c.type === 'match_statement') {
      const subject = c.childForFieldName('subject');
      if (!subject || !isRead(subject)) continue;
      const values: string[] = [];
      walk(c, (d) => {
        if (d.type === 'case_pattern') {
          walk(d, (s) => {
            if (s.type === 'string') {
              const v = pyString(s, text)?.value;
              if (v !== undefined) values.push(v);
              return false;
            }
          });
          return false;
        }
      });
      addGroup(c, rangeOf(subject), values);
      continue;
    }
    const operands = c.namedChildren.filter((x) => x.type !== 'comment');
    const readIdx = operands.findIndex((o) => isRead(o));
    if (readIdx < 0) continue;
    const values = operands.filter((_, i) => i !== readIdx).flatMap(stringsIn);
    // The chain: an if statement (elif clauses included), else the comparison alone.
    let key: Node = c;
    for (let p = c.parent; p; p = p.parent) {
      if (p.type === 'boolean_operator' || p.type === 'not_operator' || p.type === 'parenthesized_expression') continue;
      if (p.type === 'if_statement') key = p;
      else if (p.type === 'elif_clause' && p.parent) key = p.parent;
      break;
    }
    addGroup(key, rangeOf(c), values);
  }
  for (const g of [...groups.values()].sort((a, b) => a.start - b.start)) out.push({ kind: 'stop-reason', range: g.range, values: g.values });
  return out.sort((a, b) => a.range.start - b.range.start);
}
