// C# source → the neutral FileView (anthropic-sdk-csharp). Requests are
// `client.Messages.Create/CreateStreaming/CountTokens(params)`, `client.Messages.Batches.Create(new
// BatchCreateParams { Requests = [new() { Params = new() {…} }] })` (one request per Params object) and
// their `client.Beta.Messages.*` twins; the params object initialiser (`new MessageCreateParams { … }`
// or target-typed `new() { … }`, inline or through a local) is the params object, each `Key = value`
// a field (PascalCase → snake_case). Raw HttpClient calls to /v1/messages are found through anonymous
// objects (`new { model = …, messages = … }`) with `Headers.Add("anthropic-beta", …)` statements.
import type { Node } from 'web-tree-sitter';
import type { ClientView, FieldView, FileView, HeaderView, Platform, Range, RequestMethod, RequestView, ValueView } from '../types.js';
import { decodeEscapes, parseNumber, rangeKey, rangeOf, snakeCase, walk } from '../tree-sitter/common.js';
import { isToolDefinition, modelRangesOf, objectsIn, StopReasonGroups, type ListContainer, type RpcAnalysis } from '../tree-sitter/shared-rpc.js';
import { BETA_MESSAGES_NAMESPACE, CLIENT_INTERFACES, CLIENT_TYPES, enumValue, MESSAGES_NAMESPACE, typeFromClass } from './sdk.js';

const METHODS: Record<string, { method: RequestMethod; streaming: boolean }> = {
  Create: { method: 'create', streaming: false },
  CreateStreaming: { method: 'stream', streaming: true },
  CountTokens: { method: 'count_tokens', streaming: false },
};

interface Definition {
  name: string;
  value: Node;
  statement: Node;
  scope: Node | undefined;
}

export interface CsUsings {
  namespaces: Set<string>;
  nodes: Node[];
  importsSdk: boolean;
}

export interface CsAnalysis extends RpcAnalysis {
  usings: CsUsings;
  betaSegments: Map<string, { receiverEnd: number; betaEnd: number }>;
  /** Identifiers that name beta-only types (`BetaMessage`, `BetaContentBlock`…), for rename-call. */
  betaTypeNames: Set<string>;
  /** Type names the file writes unqualified (a namespace must be in scope for them). */
  unqualifiedTypes: Set<string>;
  /**
   * Objects created without an initialiser (`new ThinkingConfigAdaptive()`, `new()`), keyed by value
   * range: adding a field writes an initialiser. `replace` is the empty `()` that the initialiser may
   * stand in for (kept for target-typed `new()`, where `new { }` would be an anonymous object).
   */
  bareCreations: Map<string, { end: number; replace?: Range; typeName?: string; beta: boolean }>;
}

const BODY_SCOPES = new Set(['method_declaration', 'constructor_declaration', 'local_function_statement', 'lambda_expression', 'anonymous_method_expression', 'accessor_declaration']);

function bodyScope(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (BODY_SCOPES.has(p.type)) return p;
    if (p.type === 'class_declaration' || p.type === 'struct_declaration' || p.type === 'record_declaration') return undefined;
  }
  return undefined; // top-level statements share the compilation unit
}

export function csString(n: Node, text: string): { value: string; contentRange: Range; interpolated: boolean } | undefined {
  if (n.type === 'string_literal') {
    const open = n.firstChild!;
    const close = n.lastChild!;
    if (open.id === close.id) return undefined;
    const contentRange = { start: open.endIndex, end: close.startIndex };
    return { value: decodeEscapes(text.slice(contentRange.start, contentRange.end)), contentRange, interpolated: false };
  }
  if (n.type === 'verbatim_string_literal') {
    const contentRange = { start: n.startIndex + 2, end: n.endIndex - 1 };
    return { value: text.slice(contentRange.start, contentRange.end).replace(/""/g, '"'), contentRange, interpolated: false };
  }
  if (n.type === 'raw_string_literal') {
    const content = n.namedChildren.find((c) => c.type === 'raw_string_content');
    if (!content) return undefined;
    return { value: content.text, contentRange: rangeOf(content), interpolated: false };
  }
  if (n.type === 'interpolated_string_expression') {
    const parts = n.namedChildren.filter((c) => c.type !== 'interpolation_start' && c.type !== 'interpolation_quote');
    const first = n.children.find((c) => c.type === '"' || c.type === 'interpolation_quote');
    const last = n.lastChild;
    if (!first || !last || first.id === last.id) return undefined;
    return { value: text.slice(first.endIndex, last.startIndex), contentRange: { start: first.endIndex, end: last.startIndex }, interpolated: parts.some((c) => c.type === 'interpolation') };
  }
  return undefined;
}

function lastName(n: Node | null): string | undefined {
  if (!n) return undefined;
  if (n.type === 'identifier') return n.text;
  if (n.type === 'qualified_name' || n.type === 'member_access_expression') return n.childForFieldName('name')?.text;
  if (n.type === 'generic_name') return n.namedChildren[0]?.text;
  if (n.type === 'nullable_type') return lastName(n.namedChildren[0]);
  return undefined;
}

function declaratorValue(d: Node): Node | undefined {
  const name = d.childForFieldName('name');
  return d.namedChildren.filter((c) => c.id !== name?.id && c.type !== 'bracketed_argument_list').at(-1);
}

export function analyzeCsharp(root: Node, text: string, syntaxErrors: number): CsAnalysis {
  const usings: CsUsings = { namespaces: new Set(), nodes: [], importsSdk: false };
  const strings: FileView['strings'] = [];
  const comments: Range[] = [];
  const invocations: Node[] = [];
  const binaries: Node[] = [];
  const switches: Node[] = [];
  const memberAccesses: Node[] = [];
  const anonymous: Node[] = [];
  const definitions = new Map<string, Definition[]>();
  const typed: { name: string; type: string; decl: Node; value?: Node }[] = [];
  const containers = new Map<string, ListContainer>();
  const fieldOwners: RpcAnalysis['fieldOwners'] = new Map();
  const definitionStatements = new Map<string, Range>();
  const betaTypeNames = new Set<string>();
  const unqualifiedTypes = new Set<string>();
  const bareCreations: CsAnalysis['bareCreations'] = new Map();
  let mentionsMessagesUrl = false;
  const addDef = (name: string, value: Node, statement: Node, scope: Node | undefined) => {
    if (!definitions.has(name)) definitions.set(name, []);
    definitions.get(name)!.push({ name, value, statement, scope });
  };

  walk(root, (n) => {
    switch (n.type) {
      case 'comment':
        comments.push(rangeOf(n));
        return false;
      case 'using_directive': {
        usings.nodes.push(n);
        const name = n.namedChildren.find((c) => c.type === 'qualified_name' || c.type === 'identifier');
        if (name && !n.childForFieldName('name')) usings.namespaces.add(name.text);
        if (/^Anthropic\b/.test(name?.text ?? '')) usings.importsSdk = true;
        return false;
      }
      case 'string_literal':
      case 'verbatim_string_literal':
      case 'raw_string_literal':
      case 'interpolated_string_expression': {
        const s = csString(n, text);
        if (s) {
          strings.push({ range: rangeOf(n), contentRange: s.contentRange, value: s.value });
          if (/api\.anthropic\.com|\/v1\/messages\b/.test(s.value)) mentionsMessagesUrl = true;
        }
        return n.type === 'interpolated_string_expression' ? undefined : false;
      }
      case 'identifier':
        if (/^Beta[A-Z]/.test(n.text)) betaTypeNames.add(n.text);
        if (/^(MessageCreateParams|MessageParam|ThinkingConfig\w+|OutputConfig|Model|Role|StopReason|MessageCountTokensParams|BatchCreateParams)$/.test(n.text) && n.parent?.type !== 'qualified_name' && n.parent?.type !== 'member_access_expression') unqualifiedTypes.add(n.text);
        else if (n.parent?.type === 'member_access_expression' && n.parent.childForFieldName('expression')?.id === n.id && /^(Model|Role|StopReason|Effort)$/.test(n.text)) unqualifiedTypes.add(n.text);
        return;
      case 'qualified_name':
        if (/^Anthropic\b/.test(n.text)) usings.importsSdk = true;
        return;
      case 'invocation_expression':
        invocations.push(n);
        return;
      case 'binary_expression':
      case 'is_pattern_expression':
        binaries.push(n);
        return;
      case 'switch_statement':
      case 'switch_expression':
        switches.push(n);
        return;
      case 'member_access_expression':
        memberAccesses.push(n);
        return;
      case 'anonymous_object_creation_expression':
        anonymous.push(n);
        return;
      case 'variable_declaration': {
        const type = n.childForFieldName('type');
        const decl = n.parent?.type === 'local_declaration_statement' || n.parent?.type === 'field_declaration' ? n.parent : n;
        for (const d of n.namedChildren.filter((c) => c.type === 'variable_declarator')) {
          const name = d.childForFieldName('name');
          const value = declaratorValue(d);
          if (name && type) typed.push({ name: name.text, type: type.type === 'implicit_type' ? '' : lastName(type) ?? type.text, decl, value });
          if (name && value) addDef(name.text, value, decl, bodyScope(n));
        }
        return;
      }
      case 'property_declaration': {
        const type = n.childForFieldName('type');
        const name = n.childForFieldName('name');
        if (type && name) typed.push({ name: name.text, type: lastName(type) ?? type.text, decl: n });
        return;
      }
      case 'parameter': {
        const type = n.childForFieldName('type');
        const name = n.childForFieldName('name');
        if (type && name) typed.push({ name: name.text, type: lastName(type) ?? type.text, decl: n });
        return;
      }
      case 'assignment_expression': {
        // A later assignment makes a local non-static (initialiser members are not locals).
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        if (left?.type === 'identifier' && right && n.parent?.type !== 'initializer_expression') addDef(left.text, right, n, bodyScope(n));
        return;
      }
    }
  });

  function resolve(use: Node): Definition | undefined {
    const defs = definitions.get(use.text);
    if (!defs) return undefined;
    for (let scope = bodyScope(use); scope; scope = bodyScope(scope)) {
      const local = defs.filter((d) => d.scope?.id === scope!.id);
      if (local.length) return local.length === 1 && local[0].statement.endIndex <= use.startIndex ? local[0] : undefined;
    }
    const fields = defs.filter((d) => !d.scope);
    return fields.length === 1 ? fields[0] : undefined;
  }
  const referenceCounts = new Map<Definition, number>();
  function references(def: Definition): number {
    const known = referenceCounts.get(def);
    if (known !== undefined) return known;
    let n = 0;
    walk(def.scope ?? root, (x) => {
      if (x.type === 'identifier' && x.text === def.name && x.parent?.type !== 'variable_declarator' && !(x.parent?.type === 'member_access_expression' && x.parent.childForFieldName('name')?.id === x.id && x.parent.childForFieldName('expression')?.text !== 'this')) n++;
    });
    referenceCounts.set(def, n);
    return n;
  }

  // ---------------------------------------------------------------- values

  function register(v: ValueView, c: ListContainer): ListContainer {
    containers.set(rangeKey(v.range), c);
    return c;
  }
  const entriesOf = (n: Node) => n.namedChildren.filter((c) => c.type !== 'comment');

  // Values are computed once per node (and beta flag): tools / HTTP bodies revisit nested objects.
  const memo = new Map<string, ValueView>();
  function valueOf(node: Node, beta: boolean, depth = 0): ValueView {
    const key = `${node.id}:${beta}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const v = computeValue(node, beta, depth);
    memo.set(key, v);
    return v;
  }
  function computeValue(node: Node, beta: boolean, depth: number): ValueView {
    let n = node;
    while ((n.type === 'parenthesized_expression' || n.type === 'argument' || n.type === 'expression_element' || n.type === 'collection_element') && n.namedChildren.length >= 1) n = n.namedChildren.at(-1)!;
    const base = { range: rangeOf(n), text: n.text };
    if (depth > 12) return { kind: 'other', ...base };
    const s = csString(n, text);
    if (s) return s.interpolated ? { kind: 'template', ...base } : { kind: 'string', ...base, literal: s.value, contentRange: s.contentRange };
    switch (n.type) {
      case 'integer_literal':
      case 'real_literal': {
        const v = parseNumber(n.text);
        return v === undefined ? { kind: 'other', ...base } : { kind: 'number', ...base, literal: v };
      }
      case 'boolean_literal':
        return { kind: 'boolean', ...base, literal: n.text === 'true' };
      case 'null_literal':
        return { kind: 'null', ...base, literal: null };
      case 'member_access_expression': {
        const cls = lastName(n.childForFieldName('expression'));
        const member = n.childForFieldName('name')?.text ?? '';
        const lit = cls ? enumValue(cls, member) : undefined;
        if (lit !== undefined) return { kind: 'reference', ...base, literal: lit };
        // `Config.Model` / `Defaults.ModelId`: a constant of a class in this file.
        const defs = definitions.get(member)?.filter((d) => !d.scope);
        if (defs?.length === 1) return withVia(valueOf(defs[0].value, beta, depth + 1), n, defs[0]);
        return { kind: 'reference', ...base };
      }
      case 'identifier': {
        const def = resolve(n);
        return def ? withVia(valueOf(def.value, beta, depth + 1), n, def) : { kind: 'reference', ...base };
      }
      case 'binary_expression': {
        // `Environment.GetEnvironmentVariable("MODEL") ?? "claude-…"`
        const op = n.childForFieldName('operator')?.text;
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        if (op === '??' && left && right) {
          const v = valueOf(right, beta, depth + 1);
          if (v.kind === 'string' || v.kind === 'number') return { ...v, via: { name: left.text, useRange: base.range, definitionRange: v.range } };
        }
        return { kind: 'other', ...base };
      }
      case 'object_creation_expression':
      case 'implicit_object_creation_expression':
        return creationValue(n, beta, depth);
      case 'collection_expression': {
        const items = n.namedChildren.filter((c) => c.type === 'collection_element' || c.type === 'spread_element');
        const view: ValueView = { kind: 'array', ...base, elements: items.map((i) => ({ ...valueOf(i, beta, depth + 1), range: rangeOf(i), text: i.text })) };
        register(view, { kind: 'array', items: items.map(rangeOf), inner: { start: n.startIndex + 1, end: n.endIndex - 1 }, trailingSeparatorAllowed: true, style: 'collection' });
        return view;
      }
      case 'array_creation_expression':
      case 'implicit_array_creation_expression':
      case 'initializer_expression': {
        const init = n.type === 'initializer_expression' ? n : n.namedChildren.find((c) => c.type === 'initializer_expression');
        if (!init) return { kind: 'other', ...base };
        return listValue(n, init, beta, depth);
      }
      case 'anonymous_object_creation_expression':
        return anonymousValue(n, beta, depth);
      case 'invocation_expression':
        return { kind: 'call', ...base };
      default:
        return { kind: 'other', ...base };
    }
  }

  function withVia(v: ValueView, use: Node, def: Definition): ValueView {
    definitionStatements.set(rangeKey(v.range), rangeOf(def.statement));
    return { ...v, via: { name: use.text, useRange: rangeOf(use), definitionRange: rangeOf(def.statement), references: references(def) } };
  }

  function listValue(n: Node, init: Node, beta: boolean, depth: number): ValueView {
    const items = entriesOf(init);
    const view: ValueView = { kind: 'array', range: rangeOf(n), text: n.text, elements: items.map((i) => valueOf(i, beta, depth + 1)) };
    register(view, { kind: 'array', items: items.map(rangeOf), inner: { start: init.startIndex + 1, end: init.endIndex - 1 }, trailingSeparatorAllowed: true, style: 'initializer-list' });
    return view;
  }

  function creationValue(n: Node, beta: boolean, depth: number): ValueView {
    const base = { range: rangeOf(n), text: n.text };
    const typeNode = n.childForFieldName('type');
    const cls = typeNode ? lastName(typeNode) ?? typeNode.text : undefined;
    const init = n.childForFieldName('initializer') ?? n.namedChildren.find((c) => c.type === 'initializer_expression');
    const args = (n.childForFieldName('arguments') ?? n.namedChildren.find((c) => c.type === 'argument_list'))?.namedChildren.filter((c) => c.type === 'argument') ?? [];
    const items = init ? entriesOf(init) : [];
    // `new List<T> { a, b }` / `new HashSet<string> { … }`: a collection, not an object.
    if (init && items.length && items.every((i) => i.type !== 'assignment_expression')) return listValue(n, init, beta, depth);
    if (init && /^(List|HashSet|IList|IReadOnlyList|ImmutableArray|Collection)$/.test(cls ?? '') && !items.length) return listValue(n, init, beta, depth);
    const isBeta = beta || /^Beta/.test(cls ?? '');
    const view: ValueView = { kind: 'object', ...base, fields: [], ...(cls ? { typeName: cls } : {}) };
    const argList = n.childForFieldName('arguments') ?? n.namedChildren.find((c) => c.type === 'argument_list');
    if (!init && args.length === 0) {
      const emptyParens = typeNode && argList && argList.text.replace(/\s/g, '') === '()' ? rangeOf(argList) : undefined;
      bareCreations.set(rangeKey(base.range), { end: n.endIndex, ...(emptyParens ? { replace: emptyParens } : {}), ...(cls ? { typeName: cls } : {}), beta: isBeta });
    }
    if (init) {
      const c = register(view, { kind: 'object', items: items.map(rangeOf), inner: { start: init.startIndex + 1, end: init.endIndex - 1 }, trailingSeparatorAllowed: true, style: 'initializer', beta: isBeta, ...(cls ? { typeName: cls } : {}) });
      items.forEach((item, index) => {
        const left = item.childForFieldName('left');
        const right = item.childForFieldName('right');
        if (item.type !== 'assignment_expression' || left?.type !== 'identifier' || !right) return;
        const f: FieldView = { key: snakeCase(left.text), sourceKey: left.text, range: rangeOf(item), keyRange: rangeOf(left), value: valueOf(right, isBeta, depth + 1) };
        view.fields!.push(f);
        fieldOwners.set(rangeKey(f.range), { container: c, index });
      });
    }
    // `new ThinkingConfigEnabled(2048)`: the constructor takes the budget.
    if (cls && /ThinkingConfigEnabled$/.test(cls) && args.length === 1 && !view.fields!.some((f) => f.key === 'budget_tokens')) {
      view.fields!.push({ key: 'budget_tokens', sourceKey: '', range: rangeOf(args[0]), value: valueOf(args[0], isBeta, depth + 1), implicit: true });
    }
    const implied = cls ? typeFromClass(cls) : undefined;
    if (implied && !view.fields!.some((f) => f.key === 'type')) {
      const r = typeNode ? rangeOf(typeNode) : base.range;
      view.fields!.unshift({ key: 'type', sourceKey: '', range: r, implicit: true, value: { kind: 'string', range: r, text: text.slice(r.start, r.end), literal: implied } });
    }
    return view;
  }

  /** `new { model = "…", max_tokens = 1024 }`: members are `name = value` pairs without a node of their own. */
  function anonymousValue(n: Node, beta: boolean, depth: number): ValueView {
    const view: ValueView = { kind: 'object', range: rangeOf(n), text: n.text, fields: [] };
    const kids = n.namedChildren.filter((c) => c.type !== 'comment');
    const items: Range[] = [];
    const pairs: { name: Node; value: Node }[] = [];
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i];
      const next = kids[i + 1];
      const eq = next ? text.slice(k.endIndex, next.startIndex).trim() === '=' : false;
      if (k.type === 'identifier' && eq && next) {
        pairs.push({ name: k, value: next });
        items.push({ start: k.startIndex, end: next.endIndex });
        i++;
      } else items.push(rangeOf(k)); // projection initialiser (`new { model }`)
    }
    const c = register(view, { kind: 'object', items, inner: { start: n.children.find((x) => x.type === '{')!.endIndex, end: n.lastChild!.startIndex }, trailingSeparatorAllowed: true, style: 'anonymous' });
    for (const p of pairs) {
      const range = { start: p.name.startIndex, end: p.value.endIndex };
      const f: FieldView = { key: p.name.text, sourceKey: p.name.text, range, keyRange: rangeOf(p.name), value: valueOf(p.value, beta, depth + 1) };
      view.fields!.push(f);
      fieldOwners.set(rangeKey(range), { container: c, index: items.findIndex((r) => r.start === range.start) });
    }
    return view;
  }

  // ---------------------------------------------------------------- clients

  const clients: ClientView[] = [];
  const clientsByName = new Map<string, Platform>();
  walk(root, (n) => {
    if (n.type !== 'object_creation_expression' && n.type !== 'implicit_object_creation_expression') return;
    let cls = lastName(n.childForFieldName('type'));
    let holder: string | undefined;
    const decl = n.parent?.type === 'variable_declarator' ? n.parent : n.parent?.type === 'equals_value_clause' ? n.parent.parent : undefined;
    if (decl) holder = decl.childForFieldName('name')?.text;
    if (n.parent?.type === 'assignment_expression') holder = lastName(n.parent.childForFieldName('left'));
    if (!cls && holder) cls = typed.find((t) => t.name === holder && t.type)?.type; // `AnthropicClient client = new() { … }`
    if (!cls || CLIENT_TYPES[cls] === undefined) return;
    clients.push({ platform: CLIENT_TYPES[cls], range: rangeOf(n), constructor: cls });
    if (holder) clientsByName.set(holder, CLIENT_TYPES[cls]);
  });
  for (const t of typed) {
    if (clientsByName.has(t.name)) continue;
    if (CLIENT_TYPES[t.type] !== undefined) clientsByName.set(t.name, CLIENT_TYPES[t.type]);
    else if (CLIENT_INTERFACES.includes(t.type)) clientsByName.set(t.name, 'unknown');
  }
  // Fields assigned from a typed constructor parameter keep the field's declared type (already above).

  // ---------------------------------------------------------------- requests

  const requests: RequestView[] = [];
  const betaSegments = new Map<string, { receiverEnd: number; betaEnd: number }>();
  const nameOf = (n: Node | null) => (n?.type === 'member_access_expression' ? n.childForFieldName('name')?.text : undefined);
  for (const inv of invocations) {
    const fn = inv.childForFieldName('function');
    const method = nameOf(fn);
    const m = method ? METHODS[method] : undefined;
    if (!m || !fn) continue;
    let recv = fn.childForFieldName('expression');
    let batch = false;
    if (nameOf(recv) === 'Batches' && method === 'Create') {
      batch = true;
      recv = recv!.childForFieldName('expression');
    }
    if (nameOf(recv) !== 'Messages') continue;
    let root0 = recv!.childForFieldName('expression');
    let beta = false;
    let betaSeg: { receiverEnd: number; betaEnd: number } | undefined;
    if (nameOf(root0) === 'Beta') {
      beta = true;
      const inner = root0!.childForFieldName('expression');
      if (inner) betaSeg = { receiverEnd: inner.endIndex, betaEnd: root0!.endIndex };
      root0 = inner;
    }
    if (!root0) continue;
    const rootName = root0.type === 'member_access_expression' && root0.childForFieldName('expression')?.type === 'this_expression' ? nameOf(root0)! : root0.text;
    const known = clientsByName.get(rootName);
    const arg = inv.childForFieldName('arguments')?.namedChildren.find((c) => c.type === 'argument');
    if (!arg) continue;
    let paramsNode = arg.namedChildren.at(-1)!;
    let def: Definition | undefined;
    if (paramsNode.type === 'identifier') {
      def = resolve(paramsNode);
      if (def) paramsNode = def.value;
    }
    let params = valueOf(paramsNode, beta);
    if (def) params = { ...params, via: { name: arg.text, useRange: rangeOf(arg), definitionRange: rangeOf(def.statement), references: references(def) } };
    const sdkParams = params.kind === 'object' && (/^(MessageCreateParams|MessageCountTokensParams|BatchCreateParams)$/.test(params.typeName ?? '') || (!params.typeName && !!params.fields?.some((f) => /^(model|max_tokens|messages|requests)$/.test(f.key))));
    if (known === undefined && !(usings.importsSdk && sdkParams)) continue;
    const platform: Platform = known ?? 'unknown';
    const callee = { start: fn.startIndex, end: fn.endIndex };
    if (batch) {
      for (const obj of objectsIn(params)) {
        const p = obj.fields?.find((f) => f.key === 'params')?.value;
        if (p?.kind !== 'object') continue;
        const req: RequestView = { language: 'csharp', kind: 'sdk-call', method: 'batch', beta, platform, range: p.range, callee, params: p, headers: [], streaming: false };
        requests.push(req);
        if (betaSeg) betaSegments.set(rangeKey(req.range), betaSeg);
      }
      continue;
    }
    const req: RequestView = { language: 'csharp', kind: 'sdk-call', method: m.method, beta, platform, range: rangeOf(inv), callee, params, headers: [], streaming: m.streaming };
    if (params.kind !== 'object') req.opaqueSpread = true;
    requests.push(req);
    if (betaSeg) betaSegments.set(rangeKey(req.range), betaSeg);
  }

  // Raw HTTP: anonymous-object bodies in a file that targets /v1/messages, headers added by statement.
  if (mentionsMessagesUrl) {
    const headers: HeaderView[] = [];
    for (const inv of invocations) {
      const fn = inv.childForFieldName('function');
      if (!/^(Add|TryAddWithoutValidation)$/.test(nameOf(fn) ?? '') || !/Headers$/.test(nameOf(fn?.childForFieldName('expression') ?? null) ?? '')) continue;
      const [k, v] = inv.childForFieldName('arguments')?.namedChildren.filter((c) => c.type === 'argument') ?? [];
      const key = k ? csString(k.namedChildren.at(-1)!, text) : undefined;
      const stmt = inv.parent?.type === 'expression_statement' ? inv.parent : undefined;
      if (!key || !v || !stmt) continue;
      const range = rangeOf(stmt);
      const value = valueOf(v, false);
      const container: ValueView = { kind: 'object', range, text: stmt.text, fields: [] };
      const field: FieldView = { key: key.value.toLowerCase(), sourceKey: k.text, range, value };
      container.fields!.push(field);
      const c = register(container, { kind: 'object', items: [range], inner: range, trailingSeparatorAllowed: false, separator: '', style: 'statement' });
      fieldOwners.set(rangeKey(range), { container: c, index: 0 });
      headers.push({ name: field.key, range, value, scope: 'request', field, container });
    }
    const inner = new Set<number>();
    for (const a of anonymous) {
      if (inner.has(a.id)) continue;
      const v = valueOf(a, false);
      walk(a, (x) => {
        if (x.type === 'anonymous_object_creation_expression' && x.id !== a.id) inner.add(x.id);
      });
      if (!v.fields?.some((f) => f.key === 'model') || !v.fields.some((f) => f.key === 'messages' || f.key === 'max_tokens')) continue;
      requests.push({ language: 'csharp', kind: 'http', method: 'create', beta: false, platform: 'first-party', range: v.range, params: v, headers, streaming: v.fields.find((f) => f.key === 'stream')?.value.literal === true });
    }
  }

  // ---------------------------------------------------------------- tools

  const tools = new Map<string, ValueView>();
  walk(root, (x) => {
    if (x.type !== 'object_creation_expression' && x.type !== 'anonymous_object_creation_expression') return;
    const cls = lastName(x.childForFieldName('type'));
    if (x.type === 'object_creation_expression' && !/^(Beta)?(Tool|\w*Tool\d+\w*|ToolTextEditor\d+|ToolBash\d+)$/.test(cls ?? '')) return;
    const v = valueOf(x, /^Beta/.test(cls ?? ''));
    if (isToolDefinition(v) || (cls && /^(Beta)?Tool$/.test(cls) && v.fields?.some((f) => f.key === 'name'))) {
      tools.set(rangeKey(v.range), v);
      return false;
    }
  });

  // ---------------------------------------------------------------- response uses

  const uses: FileView['responseUses'] = [];
  const paramsRanges = requests.map((r) => r.params.range);
  const inParams = (n: Node) => paramsRanges.some((r) => r.start <= n.startIndex && n.endIndex <= r.end);
  for (const ma of memberAccesses) {
    if (nameOf(ma) !== 'Thinking' || inParams(ma)) continue;
    const obj = ma.childForFieldName('expression');
    // `parameters.Thinking` on a params object is configuration, not response text.
    const objType = obj?.type === 'identifier' ? typed.find((t) => t.name === obj.text)?.type : undefined;
    if (objType && /Params$/.test(objType)) continue;
    if (obj?.type === 'identifier' && resolve(obj) && /Params\b/.test(resolve(obj)!.value.text.slice(0, 40))) continue;
    if (ma.parent?.type === 'assignment_expression' && ma.parent.childForFieldName('left')?.id === ma.id) continue;
    uses.push({ kind: 'thinking-text', range: rangeOf(ma) });
  }
  for (const inv of invocations) {
    if (/^TryPick(Thinking|ThinkingDelta)$/.test(nameOf(inv.childForFieldName('function')) ?? '')) uses.push({ kind: 'thinking-text', range: rangeOf(inv) });
  }

  const stops = new StopReasonGroups();
  const mentionsStop = (n: Node | null) => !!n && /StopReason/.test(n.text) && !/^StopReason\.\w+$/.test(n.text) && !csString(n, text);
  const stopValue = (n: Node | null): string | undefined => {
    if (!n) return undefined;
    if (n.type === 'constant_pattern') return stopValue(n.namedChildren[0] ?? null);
    const s = csString(n, text);
    if (s && !s.interpolated) return s.value;
    if (n.type === 'member_access_expression') return enumValue('StopReason', nameOf(n) ?? '') && lastName(n.childForFieldName('expression')) === 'StopReason' ? enumValue('StopReason', nameOf(n)!) : undefined;
    return undefined;
  };
  for (const b of binaries) {
    if (b.type === 'is_pattern_expression') {
      if (!mentionsStop(b.childForFieldName('expression'))) continue;
      const anchor = rangeOf(ifChainOf(b));
      walk(b.childForFieldName('pattern') ?? b, (x) => {
        const v = stopValue(x);
        if (v) stops.add(anchor, v);
        return !v;
      });
      continue;
    }
    if (!/^(==|!=)$/.test(b.childForFieldName('operator')?.text ?? '')) continue;
    const l = b.childForFieldName('left');
    const r = b.childForFieldName('right');
    const v = mentionsStop(l) ? stopValue(r) : mentionsStop(r) ? stopValue(l) : undefined;
    if (v !== undefined) stops.add(rangeOf(ifChainOf(b)), v);
  }
  for (const sw of switches) {
    const subject = sw.type === 'switch_statement' ? sw.childForFieldName('value') : sw.namedChildren[0];
    if (!mentionsStop(subject ?? null)) continue;
    stops.add(rangeOf(sw), undefined);
    walk(sw, (x) => {
      if (x.id !== sw.id && (x.type === 'switch_statement' || x.type === 'switch_expression')) return false;
      if (x.type === 'constant_pattern' || (x.parent?.type === 'switch_section' && x.type !== 'block' && !/statement$/.test(x.type))) {
        const v = stopValue(x);
        if (v) stops.add(rangeOf(sw), v);
        return false;
      }
    });
  }
  uses.push(...stops.uses());

  const view: FileView = { language: 'csharp', requests, clients, responseUses: uses, tools: [...tools.values()], strings, comments, syntaxErrors };
  return { view, containers, fieldOwners, definitions: definitionStatements, modelRanges: modelRangesOf(requests), usings, betaSegments, betaTypeNames, unqualifiedTypes, bareCreations };
}

function ifChainOf(n: Node): Node {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'if_statement') {
      let a = p;
      while (a.parent?.type === 'if_statement' && a.parent.childForFieldName('alternative')?.id === a.id) a = a.parent;
      return a;
    }
    if (p.type === 'block' || p.type === 'method_declaration' || p.type === 'lambda_expression') break;
  }
  return n;
}

export { BETA_MESSAGES_NAMESPACE, MESSAGES_NAMESPACE };
