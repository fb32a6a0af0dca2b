// PHP source → the neutral FileView (anthropic-sdk-php, `Anthropic\Client`). Requests are
// `$client->messages->create/createStream/countTokens(...)`, `$client->messages->batches->create(requests: [[…, 'params' => […]]])`
// and their `$client->beta->messages->*` twins (plus `toolRunner`): named arguments (camelCase,
// v0.5+) or one params array (`create(['model' => …, 'max_tokens' => …])`, v0.4 and earlier) are the
// params object; `...$params` spreads of an array built in the file are merged in;
// `requestOptions: ['extraHeaders' => […]]` (request or client) gives headers. Raw HTTP (Guzzle /
// Laravel Http / curl with json_encode) to /v1/messages is found through its array body.
//
// Names checked in anthropics/anthropic-sdk-php at 475a134 (2026-08-20): src/Client.php (constructor
// apiKey, requestOptions), src/Bedrock/Client.php (fromEnvironment/withCredentials/withApiKey),
// src/Bedrock/MantleClient.php, src/Vertex/Client.php, src/Foundry/Client.php, src/Aws/Client.php,
// src/GoogleCloud/Client.php, src/Services/MessagesService.php (create, createStream, countTokens),
// src/Services/Beta/MessagesService.php (+ toolRunner), src/RequestOptions.php (extraHeaders),
// src/Messages/Model.php and StopReason.php (enum cases CLAUDE_OPUS_4_6 = 'claude-opus-4-6', END_TURN = 'end_turn').
import type { Node } from 'web-tree-sitter';
import type { ClientView, FieldView, FileView, HeaderView, Platform, Range, RequestMethod, RequestView, ValueView } from '../types.js';
import { rangeKey, rangeOf, walk } from '../tree-sitter/common.js';
import { isToolDefinition, modelRangesOf, objectsIn, StopReasonGroups, type ListContainer, type RpcAnalysis } from '../tree-sitter/shared-rpc.js';
import { canonicalKey, parsePhpNumber, phpString, readImports, resolveClassName, usesTrailingComma, type PhpImports } from './syntax.js';

const CLIENT_CLASSES: Record<string, Platform> = {
  'Anthropic\\Client': 'first-party',
  'Anthropic\\Bedrock\\Client': 'bedrock',
  'Anthropic\\Bedrock\\MantleClient': 'bedrock',
  'Anthropic\\Vertex\\Client': 'vertex',
  'Anthropic\\Foundry\\Client': 'foundry',
  'Anthropic\\Aws\\Client': 'aws',
  // Claude Platform on Google Cloud: no Platform value of its own.
  'Anthropic\\GoogleCloud\\Client': 'unknown',
};

const METHODS: Record<string, { method: RequestMethod; streaming: boolean }> = {
  create: { method: 'create', streaming: false },
  createStream: { method: 'stream', streaming: true },
  stream: { method: 'stream', streaming: true },
  countTokens: { method: 'count_tokens', streaming: false },
  toolRunner: { method: 'other', streaming: false },
};

interface Definition {
  name: string;
  value: Node;
  statement: Node;
  scope: Node | undefined;
}

export interface PhpAnalysis extends RpcAnalysis {
  imports: PhpImports;
  betaSegments: Map<string, { receiverEnd: number; betaEnd: number }>;
  /**
   * Named arguments (by rangeKey) made of one `...$params` spread of an array literal used only there:
   * new request fields go into that array, next to the fields it already holds.
   */
  spreadTargets: Map<string, ValueView>;
  quote: '"' | "'";
}

const FUNCTION_SCOPES = new Set(['function_definition', 'method_declaration', 'anonymous_function', 'arrow_function', 'program']);

function functionScope(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (FUNCTION_SCOPES.has(p.type)) return p;
  return undefined;
}

/** Arguments of an `arguments` node (the `argument` wrappers). */
function argsOf(n: Node | null): Node[] {
  return n ? n.namedChildren.filter((c) => c.type === 'argument') : [];
}

function argValue(arg: Node): Node | undefined {
  return arg.namedChildren.filter((c) => c.id !== arg.childForFieldName('name')?.id).at(-1);
}

function memberName(n: Node): string | undefined {
  return n.childForFieldName('name')?.text;
}

export function analyzePhp(root: Node, text: string, syntaxErrors: number): PhpAnalysis {
  const imports = readImports(root);
  const strings: FileView['strings'] = [];
  const comments: Range[] = [];
  const calls: Node[] = [];
  const binaries: Node[] = [];
  const switches: Node[] = [];
  const accesses: Node[] = [];
  const definitions = new Map<string, Definition[]>();
  const containers = new Map<string, ListContainer>();
  const fieldOwners: RpcAnalysis['fieldOwners'] = new Map();
  const definitionStatements = new Map<string, Range>();
  let mentionsMessagesUrl = false;
  let dq = 0;
  let sq = 0;
  const addDef = (name: string, value: Node, statement: Node, scope: Node | undefined) => {
    if (!definitions.has(name)) definitions.set(name, []);
    definitions.get(name)!.push({ name, value, statement, scope });
  };

  walk(root, (n) => {
    switch (n.type) {
      case 'comment':
        comments.push(rangeOf(n));
        return false;
      case 'string':
      case 'encapsed_string':
      case 'heredoc':
      case 'nowdoc': {
        const s = phpString(n, text);
        if (s) {
          strings.push({ range: rangeOf(n), contentRange: s.contentRange, value: s.value });
          if (s.quote === '"') dq++;
          else if (s.quote === "'") sq++;
          if (/api\.anthropic\.com|\/v1\/messages\b/.test(s.value)) mentionsMessagesUrl = true;
        }
        return;
      }
      case 'qualified_name':
        if (/^\\?Anthropic\\/.test(n.text)) imports.importsSdk = true;
        return;
      case 'member_call_expression':
      case 'nullsafe_member_call_expression':
      case 'function_call_expression':
      case 'scoped_call_expression':
      case 'object_creation_expression':
        calls.push(n);
        return;
      case 'member_access_expression':
      case 'nullsafe_member_access_expression':
      case 'subscript_expression':
        accesses.push(n);
        return;
      case 'binary_expression':
        binaries.push(n);
        return;
      case 'switch_statement':
      case 'match_expression':
        switches.push(n);
        return;
      case 'const_element': {
        const name = n.namedChildren.find((c) => c.type === 'name');
        const value = n.namedChildren.at(-1);
        const decl = n.parent;
        if (name && value && value.id !== name.id && decl) addDef(name.text, value, decl, undefined);
        return;
      }
      case 'property_element': {
        const name = n.childForFieldName('name');
        const value = n.childForFieldName('default_value');
        if (name && value && n.parent) addDef(`$this->${name.text.replace(/^\$/, '')}`, value, n.parent, undefined);
        return;
      }
      case 'assignment_expression': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        if (!left || !right) return;
        const stmt = n.parent?.type === 'expression_statement' ? n.parent : n;
        if (left.type === 'variable_name') addDef(left.text, right, stmt, functionScope(n));
        else if (left.type === 'member_access_expression' && left.childForFieldName('object')?.text === '$this') addDef(`$this->${memberName(left)}`, right, stmt, undefined);
        return;
      }
    }
  });
  // define('MODEL', '…')
  for (const c of calls) {
    if (c.type !== 'function_call_expression' || c.childForFieldName('function')?.text !== 'define') continue;
    const [k, v] = argsOf(c.childForFieldName('arguments'));
    const key = k ? phpString(argValue(k)!, text) : undefined;
    const val = v ? argValue(v) : undefined;
    if (key && val) addDef(key.value, val, c.parent?.type === 'expression_statement' ? c.parent : c, undefined);
  }
  const quote: '"' | "'" = dq > sq ? '"' : "'";

  function resolveKey(n: Node): string | undefined {
    if (n.type === 'variable_name') return n.text;
    if (n.type === 'name') return n.text;
    if (n.type === 'member_access_expression' && n.childForFieldName('object')?.text === '$this') return `$this->${memberName(n)}`;
    if (n.type === 'class_constant_access_expression') {
      const [scope, name] = n.namedChildren;
      if (scope && /^(self|static)$/.test(scope.text)) return name?.text;
      // Another class's constant: only when the file defines exactly one constant of that name.
      return name?.text;
    }
    return undefined;
  }
  function resolve(use: Node): Definition | undefined {
    const name = resolveKey(use);
    if (!name) return undefined;
    const defs = definitions.get(name);
    if (!defs) return undefined;
    if (use.type === 'variable_name') {
      const scope = functionScope(use);
      const local = defs.filter((d) => d.scope?.id === scope?.id);
      return local.length === 1 && local[0].statement.endIndex <= use.startIndex ? local[0] : undefined;
    }
    return defs.length === 1 ? defs[0] : undefined;
  }
  const referenceCounts = new Map<Definition, number>();
  function references(def: Definition, use: Node): number {
    const known = referenceCounts.get(def);
    if (known !== undefined) return known;
    const count = countReferences(def, use);
    referenceCounts.set(def, count);
    return count;
  }
  function countReferences(def: Definition, use: Node): number {
    let n = 0;
    walk(def.scope ?? root, (x) => {
      if (x.type === use.type && resolveKey(x) === def.name && !(x.startIndex >= def.statement.startIndex && x.endIndex <= def.statement.endIndex && x.parent?.type === 'assignment_expression' && x.parent.childForFieldName('left')?.id === x.id)) n++;
      if (x.type === use.type) return false;
    });
    return n;
  }

  // ---------------------------------------------------------------- values

  function register(v: ValueView, c: ListContainer): ListContainer {
    containers.set(rangeKey(v.range), c);
    return c;
  }

  // Values are computed once per node: tools / HTTP bodies revisit nested arrays.
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
    while (n.type === 'parenthesized_expression' && n.namedChildren.length === 1) n = n.namedChildren[0];
    const base = { range: rangeOf(n), text: n.text };
    if (depth > 12) return { kind: 'other', ...base };
    const s = phpString(n, text);
    if (s) return s.interpolated ? { kind: 'template', ...base } : { kind: 'string', ...base, literal: s.value, contentRange: s.contentRange };
    switch (n.type) {
      case 'integer':
      case 'float': {
        const v = parsePhpNumber(n.text);
        return v === undefined ? { kind: 'other', ...base } : { kind: 'number', ...base, literal: v };
      }
      case 'boolean':
        return { kind: 'boolean', ...base, literal: n.text.toLowerCase() === 'true' };
      case 'null':
        return { kind: 'null', ...base, literal: null };
      case 'array_creation_expression':
        return arrayValue(n, depth);
      case 'class_constant_access_expression': {
        const [scope, name] = n.namedChildren;
        const cls = scope ? resolveClassName(scope.text, imports) : '';
        // SDK enums: Model::CLAUDE_OPUS_4_6 → claude-opus-4-6, StopReason::END_TURN → end_turn.
        if (name && /^Anthropic\\(Beta\\)?Messages\\Model$/.test(cls)) return { kind: 'reference', ...base, literal: name.text.toLowerCase().replace(/_/g, '-') };
        if (name && /^Anthropic\\(Beta\\)?Messages\\\w+$/.test(cls) && /^[A-Z][A-Z0-9_]*$/.test(name.text)) return { kind: 'reference', ...base, literal: name.text.toLowerCase() };
        const def = /^(self|static)$/.test(scope?.text ?? '') || (scope && classDefined(scope.text)) ? resolve(n) : undefined;
        return def ? withVia(valueOf(def.value, depth + 1), n, def) : { kind: 'reference', ...base };
      }
      case 'name':
      case 'variable_name':
      case 'member_access_expression': {
        const def = resolve(n);
        return def ? withVia(valueOf(def.value, depth + 1), n, def) : { kind: 'reference', ...base };
      }
      case 'conditional_expression': {
        // `getenv('MODEL') ?: 'claude-…'`: the literal is the value when unset.
        const body = n.childForFieldName('body');
        const alt = n.childForFieldName('alternative');
        const cond = n.childForFieldName('condition');
        if (!body && alt && cond) return fallback(n, cond, alt, depth);
        return { kind: 'other', ...base };
      }
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.text;
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        if ((op === '??' || op === '?:') && left && right) return fallback(n, left, right, depth);
        return { kind: 'other', ...base };
      }
      case 'function_call_expression': {
        // Laravel `env('MODEL', 'claude-…')` / `config('x', 'claude-…')`.
        const fn = n.childForFieldName('function')?.text;
        const args = argsOf(n.childForFieldName('arguments'));
        if ((fn === 'env' || fn === 'config') && args[1]) {
          const v = valueOf(argValue(args[1])!, depth + 1);
          if (v.kind === 'string' || v.kind === 'number') return { ...v, via: { name: `${fn}(${args[0].text})`, useRange: base.range, definitionRange: v.range } };
        }
        return { kind: 'call', ...base };
      }
      default:
        return { kind: n.type.endsWith('call_expression') ? 'call' : 'other', ...base };
    }
  }
  let classNames: Set<string> | undefined;
  function classDefined(name: string): boolean {
    if (!classNames) {
      const names = new Set<string>();
      walk(root, (x) => {
        if (x.type === 'class_declaration' || x.type === 'interface_declaration' || x.type === 'enum_declaration') names.add(x.childForFieldName('name')?.text ?? '');
      });
      classNames = names;
    }
    return classNames.has(name);
  }
  function fallback(n: Node, left: Node, right: Node, depth: number): ValueView {
    const v = valueOf(right, depth + 1);
    if (v.kind === 'string' || v.kind === 'number') return { ...v, via: { name: left.text, useRange: rangeOf(n), definitionRange: v.range } };
    return { kind: 'other', range: rangeOf(n), text: n.text };
  }
  function withVia(v: ValueView, use: Node, def: Definition): ValueView {
    definitionStatements.set(rangeKey(v.range), rangeOf(def.statement));
    return { ...v, via: { name: use.text, useRange: rangeOf(use), definitionRange: rangeOf(def.statement), references: references(def, use) } };
  }

  function arrayValue(n: Node, depth: number): ValueView {
    const items = n.namedChildren.filter((c) => c.type === 'array_element_initializer' || c.type === 'variadic_unpacking');
    const open = n.children.find((c) => c.type === '[' || c.type === '(')!;
    const close = n.lastChild!;
    const inner = { start: open.endIndex, end: close.startIndex };
    const keyed = items.some((i) => i.children.some((c) => c.type === '=>'));
    if (!keyed) {
      const view: ValueView = { kind: 'array', range: rangeOf(n), text: n.text, elements: items.map((i) => valueOf(i.namedChildren[0] ?? i, depth + 1)) };
      // An element's range is the element expression (the initializer wraps it 1:1).
      view.elements = items.map((i) => ({ ...valueOf(i.namedChildren.at(-1) ?? i, depth + 1), range: rangeOf(i), text: i.text }));
      register(view, { kind: 'array', items: items.map(rangeOf), inner, trailingSeparatorAllowed: usesTrailingComma(text, items.map(rangeOf), inner.end), style: 'list' });
      return view;
    }
    const view: ValueView = { kind: 'object', range: rangeOf(n), text: n.text, fields: [] };
    const keys = items.map((i) => (i.children.some((c) => c.type === '=>') ? i.namedChildren[0] : undefined));
    const camelKeys = keys.some((k) => k && /^['"][a-z]+[A-Z]\w*['"]$/.test(k.text));
    const c = register(view, { kind: 'object', items: items.map(rangeOf), inner, trailingSeparatorAllowed: usesTrailingComma(text, items.map(rangeOf), inner.end), style: camelKeys ? 'array:camel' : 'array' });
    items.forEach((item, index) => {
      if (item.type === 'variadic_unpacking') {
        spreadInto(view, c, item, depth);
        return;
      }
      const keyNode = keys[index];
      const valueNode = item.namedChildren.at(-1);
      if (!keyNode || !valueNode) {
        c.opaque = true;
        return;
      }
      const k = phpString(keyNode, text);
      if (!k || k.interpolated) {
        c.opaque = true;
        return;
      }
      const f: FieldView = { key: canonicalKey(k.value), sourceKey: keyNode.text, range: rangeOf(item), keyRange: rangeOf(keyNode), value: valueOf(valueNode, depth + 1) };
      view.fields!.push(f);
      fieldOwners.set(rangeKey(f.range), { container: c, index });
    });
    return view;
  }

  function spreadInto(view: ValueView, c: ListContainer, spread: Node, depth: number) {
    const target = spread.namedChildren[0];
    const v = target ? valueOf(target, depth + 1) : undefined;
    if (v?.kind === 'object' && v.fields) {
      for (const f of v.fields) {
        const at = view.fields!.findIndex((x) => x.key === f.key);
        if (at >= 0) view.fields!.splice(at, 1);
        view.fields!.push(f);
      }
      if (containers.get(rangeKey(v.range))?.opaque) c.opaque = true;
    } else c.opaque = true;
  }

  /** Named arguments of a call as one object (`model: …, maxTokens: …`), spreads merged. */
  function namedArgs(argsNode: Node, skip: (key: string, valueNode: Node) => boolean): { view: ValueView; container: ListContainer } {
    const args = argsOf(argsNode);
    const view: ValueView = { kind: 'object', range: rangeOf(argsNode), text: argsNode.text, fields: [] };
    const c = register(view, { kind: 'object', items: args.map(rangeOf), inner: { start: argsNode.startIndex + 1, end: argsNode.endIndex - 1 }, trailingSeparatorAllowed: usesTrailingComma(text, args.map(rangeOf), argsNode.endIndex - 1), style: 'named-args' });
    args.forEach((arg, index) => {
      const name = arg.childForFieldName('name');
      const valueNode = argValue(arg);
      if (valueNode?.type === 'variadic_unpacking') {
        spreadInto(view, c, valueNode, 0);
        return;
      }
      if (!name || !valueNode) return;
      const key = canonicalKey(name.text);
      if (skip(key, valueNode)) return;
      const f: FieldView = { key, sourceKey: name.text, range: rangeOf(arg), keyRange: rangeOf(name), value: valueOf(valueNode) };
      view.fields!.push(f);
      fieldOwners.set(rangeKey(f.range), { container: c, index });
    });
    return { view, container: c };
  }

  function extraHeaders(options: ValueView | undefined, scope: 'request' | 'client'): HeaderView[] {
    const extra = options?.fields?.find((f) => f.key === 'extra_headers' || f.key === 'headers')?.value;
    if (extra?.kind !== 'object') return [];
    return (extra.fields ?? []).map((f) => ({ name: f.sourceKey.replace(/^['"]|['"]$/g, '').toLowerCase(), range: f.range, value: f.value, scope, field: f, container: extra }));
  }

  // ---------------------------------------------------------------- clients

  const clients: ClientView[] = [];
  const clientsByName = new Map<string, { platform: Platform; headers: HeaderView[] }>();
  const foreign = new Set<string>();
  const nameOf = (n: Node): string | undefined => {
    const p = n.parent;
    if (p?.type === 'assignment_expression' && p.childForFieldName('right')?.id === n.id) {
      const left = p.childForFieldName('left')!;
      return left.type === 'member_access_expression' && left.childForFieldName('object')?.text === '$this' ? `$this->${memberName(left)}` : left.text;
    }
    return undefined;
  };
  for (const c of calls) {
    let cls: string | undefined;
    let argsNode: Node | null = null;
    if (c.type === 'object_creation_expression') {
      const nameNode = c.namedChildren.find((x) => x.type === 'name' || x.type === 'qualified_name');
      cls = nameNode ? resolveClassName(nameNode.text, imports) : undefined;
      argsNode = c.namedChildren.find((x) => x.type === 'arguments') ?? null;
    } else if (c.type === 'scoped_call_expression') {
      const scope = c.childForFieldName('scope');
      cls = scope ? resolveClassName(scope.text, imports) : undefined;
      argsNode = c.childForFieldName('arguments');
      if (cls && /^(OpenAI|Gemini|Anthropic)$/i.test(cls.split('\\').pop()!) && !CLIENT_CLASSES[cls]) {
        const name = nameOf(c);
        if (name && !/^Anthropic$/.test(cls)) foreign.add(name);
      }
      if (cls && CLIENT_CLASSES[cls] === undefined) continue;
    }
    if (!cls) continue;
    const platform = CLIENT_CLASSES[cls];
    const name = nameOf(c);
    if (platform === undefined) {
      if (name && /openai|gemini|groq|mistral|cohere|ollama/i.test(cls)) foreign.add(name);
      continue;
    }
    const constructorName = c.type === 'scoped_call_expression' ? `${c.childForFieldName('scope')!.text}::${memberName(c)}` : c.namedChildren.find((x) => x.type === 'name' || x.type === 'qualified_name')!.text;
    clients.push({ platform, range: rangeOf(c), constructor: constructorName });
    let headers: HeaderView[] = [];
    if (argsNode) {
      const { view } = namedArgs(argsNode, () => false);
      headers = extraHeaders(view.fields?.find((f) => f.key === 'request_options')?.value, 'client');
    }
    if (name) clientsByName.set(name, { platform, headers });
  }
  // Typed parameters / properties: `Client $client`, `private Client $client`.
  walk(root, (n) => {
    if (n.type !== 'simple_parameter' && n.type !== 'property_promotion_parameter' && n.type !== 'property_declaration') return;
    const type = n.childForFieldName('type') ?? n.namedChildren.find((x) => x.type === 'named_type' || x.type === 'optional_type');
    const cls = type ? resolveClassName(type.text.replace(/^\?/, ''), imports) : undefined;
    const platform = cls ? CLIENT_CLASSES[cls] : undefined;
    if (platform === undefined) return;
    const names = n.type === 'property_declaration' ? n.namedChildren.filter((x) => x.type === 'property_element').map((x) => x.childForFieldName('name')) : [n.childForFieldName('name')];
    for (const v of names) {
      if (!v) continue;
      const bare = v.text.replace(/^\$/, '');
      for (const key of n.type === 'simple_parameter' ? [v.text] : n.type === 'property_declaration' ? [`$this->${bare}`] : [v.text, `$this->${bare}`]) {
        if (!clientsByName.has(key)) clientsByName.set(key, { platform: 'unknown', headers: [] });
      }
    }
  });

  // ---------------------------------------------------------------- requests

  const requests: RequestView[] = [];
  const betaSegments = new Map<string, { receiverEnd: number; betaEnd: number }>();
  const spreadTargets = new Map<string, ValueView>();
  const isMember = (n: Node | null, name: string) => !!n && (n.type === 'member_access_expression' || n.type === 'nullsafe_member_access_expression') && memberName(n) === name;
  const looksLikeParams = (v: ValueView, opaque: boolean) => opaque || !!v.fields?.some((f) => f.key === 'model' || f.key === 'max_tokens' || f.key === 'messages');

  for (const call of calls) {
    if (call.type !== 'member_call_expression' && call.type !== 'nullsafe_member_call_expression') continue;
    const method = memberName(call) ?? '';
    const m = METHODS[method];
    if (!m) continue;
    let recv = call.childForFieldName('object');
    let batch = false;
    if (isMember(recv, 'batches') && method === 'create') {
      batch = true;
      recv = recv!.childForFieldName('object');
    }
    if (!isMember(recv, 'messages')) continue;
    let root0 = recv!.childForFieldName('object');
    let beta = false;
    let betaSeg: { receiverEnd: number; betaEnd: number } | undefined;
    if (isMember(root0, 'beta')) {
      beta = true;
      const inner = root0!.childForFieldName('object');
      if (inner) betaSeg = { receiverEnd: inner.endIndex, betaEnd: root0!.endIndex };
      root0 = inner;
    }
    if (!root0) continue;
    const rootName = root0.type === 'member_access_expression' && root0.childForFieldName('object')?.text === '$this' ? `$this->${memberName(root0)}` : root0.text;
    if (foreign.has(rootName)) continue;
    const known = clientsByName.get(rootName);
    const argsNode = call.childForFieldName('arguments');
    if (!argsNode) continue;
    const args = argsOf(argsNode);
    let params: ValueView;
    let opaque = false;
    let headers: HeaderView[] = [];
    if (args.length && args.every((a) => !a.childForFieldName('name')) && args.length <= 2 && argValue(args[0])?.type !== 'variadic_unpacking') {
      // v0.4 style: create(['model' => …], $requestOptions)
      params = valueOf(argValue(args[0])!);
      opaque = params.kind !== 'object' || !!containers.get(rangeKey(params.range))?.opaque;
      if (args[1]) headers = extraHeaders(valueOf(argValue(args[1])!), 'request');
    } else {
      const r = namedArgs(argsNode, (key, valueNode) => {
        if (key !== 'request_options') return false;
        headers = extraHeaders(valueOf(valueNode), 'request');
        return true;
      });
      params = r.view;
      opaque = !!r.container.opaque;
      const spreads = args.map((a) => argValue(a)).filter((v) => v?.type === 'variadic_unpacking');
      const spreadValue = spreads.length === 1 && spreads[0]!.namedChildren[0] ? valueOf(spreads[0]!.namedChildren[0]) : undefined;
      const spreadArray = spreadValue && containers.get(rangeKey(spreadValue.range));
      if (spreadValue?.kind === 'object' && spreadValue.via?.references === 1 && spreadArray && !spreadArray.opaque) {
        // Spread into named arguments, its keys are parameter names: camelCase.
        spreadArray.style = 'array:camel';
        spreadTargets.set(rangeKey(params.range), spreadValue);
      }
    }
    if (!known && !(imports.importsSdk && (batch || looksLikeParams(params, opaque)))) continue;
    const platform: Platform = known?.platform ?? 'unknown';
    const allHeaders = [...headers, ...(known?.headers ?? [])];
    const callee = { start: call.startIndex, end: call.childForFieldName('name')!.endIndex };
    if (batch) {
      for (const obj of objectsIn(params)) {
        const p = obj.fields?.find((f) => f.key === 'params')?.value;
        if (p?.kind !== 'object') continue;
        const req: RequestView = { language: 'php', kind: 'sdk-call', method: 'batch', beta, platform, range: p.range, callee, params: p, headers: allHeaders, streaming: false };
        if (containers.get(rangeKey(p.range))?.opaque) req.opaqueSpread = true;
        requests.push(req);
        if (betaSeg) betaSegments.set(rangeKey(req.range), betaSeg);
      }
      continue;
    }
    const req: RequestView = { language: 'php', kind: 'sdk-call', method: m.method, beta, platform, range: rangeOf(call), callee, params, headers: allHeaders, streaming: m.streaming || params.fields?.find((f) => f.key === 'stream')?.value.literal === true };
    if (opaque) req.opaqueSpread = true;
    requests.push(req);
    if (betaSeg) betaSegments.set(rangeKey(req.range), betaSeg);
  }

  // Raw HTTP: `->post('…/v1/messages', ['json' => […], 'headers' => […]])`, Laravel `Http::withHeaders([…])->post(url, […])`, `json_encode([...])`.
  if (mentionsMessagesUrl) {
    const seen = new Set<string>();
    const push = (body: ValueView, headers: HeaderView[]) => {
      if (body.kind !== 'object' || seen.has(rangeKey(body.range))) return;
      if (!body.fields?.some((f) => f.key === 'model') || !body.fields.some((f) => f.key === 'messages' || f.key === 'max_tokens')) return;
      seen.add(rangeKey(body.range));
      const req: RequestView = { language: 'php', kind: 'http', method: 'create', beta: false, platform: 'first-party', range: body.range, params: body, headers, streaming: body.fields.find((f) => f.key === 'stream')?.value.literal === true };
      if (containers.get(rangeKey(body.range))?.opaque) req.opaqueSpread = true;
      requests.push(req);
    };
    for (const call of calls) {
      const args = argsOf(call.childForFieldName('arguments') ?? call.namedChildren.find((x) => x.type === 'arguments') ?? null);
      const values = args.map((a) => argValue(a)).filter((x): x is Node => !!x);
      const url = values.find((v) => /\/v1\/messages\b/.test(valueOf(v).literal?.toString() ?? ''));
      if (url) {
        for (const v of values) {
          if (v.id === url.id) continue;
          const opts = valueOf(v);
          const json = opts.fields?.find((f) => f.key === 'json' || f.key === 'body')?.value;
          const headers = extraHeaders(opts, 'request');
          // Http::withHeaders([...])->post(...)
          for (let o = call.childForFieldName('object'); o && o.type === 'member_call_expression'; o = o.childForFieldName('object')) {
            if (memberName(o) === 'withHeaders') {
              const h = argValue(argsOf(o.childForFieldName('arguments'))[0] ?? o)!;
              const hv = h ? valueOf(h) : undefined;
              if (hv?.kind === 'object') headers.push(...(hv.fields ?? []).map((f) => ({ name: f.sourceKey.replace(/^['"]|['"]$/g, '').toLowerCase(), range: f.range, value: f.value, scope: 'request' as const, field: f, container: hv })));
            }
          }
          if (json?.kind === 'object') push(json, headers);
          else if (json?.kind === 'call' && /^json_encode\(/.test(json.text)) {
            const inner = walkFirstArray(json.range);
            if (inner) push(inner, headers);
          } else push(opts, headers);
        }
      }
      if (call.type === 'function_call_expression' && call.childForFieldName('function')?.text === 'json_encode' && values[0]) push(valueOf(values[0]), []);
    }
  }
  function walkFirstArray(r: Range): ValueView | undefined {
    let found: Node | undefined;
    walk(root, (x) => {
      if (found || x.endIndex <= r.start || x.startIndex >= r.end) return false;
      if (x.type === 'array_creation_expression' && x.startIndex >= r.start) {
        found = x;
        return false;
      }
    });
    return found ? valueOf(found) : undefined;
  }

  // ---------------------------------------------------------------- tools

  const tools = new Map<string, ValueView>();
  walk(root, (x) => {
    if (x.type !== 'array_creation_expression') return;
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
  for (const a of accesses) {
    if (inParams(a)) continue;
    if (a.type === 'subscript_expression') {
      const idx = a.namedChildren[1];
      if (idx && phpString(idx, text)?.value === 'thinking') uses.push({ kind: 'thinking-text', range: rangeOf(a) });
      continue;
    }
    if (memberName(a) !== 'thinking') continue;
    const p = a.parent;
    if (p?.type === 'assignment_expression' && p.childForFieldName('left')?.id === a.id) continue;
    uses.push({ kind: 'thinking-text', range: rangeOf(a) });
  }

  const stops = new StopReasonGroups();
  const mentionsStop = (n: Node | null) => !!n && /stopReason|stop_reason/.test(n.text) && !phpString(n, text) && n.type !== 'class_constant_access_expression';
  const stopValue = (n: Node | null): string | undefined => {
    if (!n) return undefined;
    const s = phpString(n, text);
    if (s && !s.interpolated) return s.value;
    if (n.type === 'class_constant_access_expression' && /StopReason$/.test(n.namedChildren[0]?.text ?? '')) return n.namedChildren[1]?.text.toLowerCase();
    return undefined;
  };
  for (const b of binaries) {
    if (!/^(===|==|!==|!=)$/.test(b.childForFieldName('operator')?.text ?? '')) continue;
    const l = b.childForFieldName('left');
    const r = b.childForFieldName('right');
    const v = mentionsStop(l) ? stopValue(r) : mentionsStop(r) ? stopValue(l) : undefined;
    if (v !== undefined) stops.add(rangeOf(ifChainOf(b)), v);
  }
  for (const sw of switches) {
    const cond = sw.childForFieldName('condition');
    if (!mentionsStop(cond)) continue;
    stops.add(rangeOf(sw), undefined);
    walk(sw.childForFieldName('body') ?? sw, (x) => {
      if (x.type === 'case_statement') {
        const v = stopValue(x.childForFieldName('value'));
        if (v) stops.add(rangeOf(sw), v);
        return false;
      }
      if (x.type === 'match_condition_list') {
        for (const c of x.namedChildren) {
          const v = stopValue(c);
          if (v) stops.add(rangeOf(sw), v);
        }
        return false;
      }
      return !(x.type === 'switch_statement' || x.type === 'match_expression');
    });
  }
  uses.push(...stops.uses());

  const view: FileView = { language: 'php', requests, clients, responseUses: uses, tools: [...tools.values()], strings, comments, syntaxErrors };
  return { view, containers, fieldOwners, definitions: definitionStatements, modelRanges: modelRangesOf(requests), imports, betaSegments, spreadTargets, quote };
}

function ifChainOf(n: Node): Node {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'if_statement') return p;
    if (p.type === 'compound_statement' || p.type === 'function_definition' || p.type === 'method_declaration' || p.type === 'program') break;
  }
  return n;
}
