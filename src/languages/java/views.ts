// Java source → the neutral FileView. The params builder chain IS the params object: each
// `.field(value)` call between `builder()` and `build()` is a FieldView whose range is that call
// segment; `addUserMessage`/`addBeta`/`addTool` segments are gathered into one array field.
import type { Node } from 'web-tree-sitter';
import type { ClientView, FieldView, FileView, HeaderView, Platform, Range, RequestMethod, RequestView, ResponseUse, ValueView } from '../types.js';
import { decodeEscapes, parseNumber, rangeKey, rangeOf, snakeCase, walk } from '../tree-sitter/common.js';
import { ADDERS, BACKENDS, CLIENT_FACTORIES, CLIENT_TYPES, enumValue } from './sdk.js';

/** One `.name(args)` call of a method chain. `range` runs from the dot to the closing parenthesis. */
export interface Segment {
  name: string;
  node: Node;
  args: Node[];
  argsNode: Node;
  range: Range;
}

export interface JavaContainer {
  /** chain: builder segments; args: call arguments (List.of, Map.of, array initializer); segments: add* calls gathered into a list. */
  kind: 'chain' | 'args' | 'segments';
  items: Range[];
  /** args: inside the parentheses / braces. */
  inner?: Range;
  /** chain: the `.build()` segment (insertion point) and the `.builder()` segment. */
  build?: Range;
  builder?: Range;
  /** The builder class (`MessageCreateParams`, `ThinkingConfigEnabled`). */
  typeName?: string;
  beta: boolean;
  trailingSeparatorAllowed: boolean;
}

export interface JavaDefinition {
  name: string;
  nameNode: Node;
  value: Node;
  /** The whole declaration statement. */
  statement: Node;
  /** Method/constructor/lambda body, or undefined for a class field. */
  scope: Node | undefined;
}

export interface JavaImports {
  explicit: Map<string, Node>; // simple name → import declaration
  wildcards: Set<string>; // package names imported with .*
  all: Node[];
  importsSdk: boolean;
}

export interface JavaAnalysis {
  view: FileView;
  imports: JavaImports;
  containers: Map<string, JavaContainer>;
  definitions: Map<string, JavaDefinition[]>;
  requestNodes: Map<RequestView, { call: Node; paramsNode?: Node; segments?: Segment[] }>;
  modelRanges: Range[];
}

/** Flatten `X.builder().a(1).b(2).build()` into its segments (source order) and the root expression. */
export function chainOf(node: Node): { root: Node | null; segments: Segment[] } {
  const segments: Segment[] = [];
  let n: Node | null = node;
  while (n && n.type === 'method_invocation') {
    const name = n.childForFieldName('name');
    const argsNode = n.childForFieldName('arguments');
    const object = n.childForFieldName('object');
    if (!name || !argsNode) break;
    const dot = n.children.find((c) => c.type === '.' && c.startIndex >= (object?.endIndex ?? n!.startIndex));
    segments.unshift({ name: name.text, node: n, args: argsNode.namedChildren.filter((c) => !/comment/.test(c.type)), argsNode, range: { start: object && dot ? dot.startIndex : n.startIndex, end: n.endIndex } });
    if (!object) return { root: null, segments };
    n = object;
  }
  return { root: n, segments };
}

function lastIdentifier(n: Node | null): string | undefined {
  if (!n) return undefined;
  if (n.type === 'identifier' || n.type === 'type_identifier') return n.text;
  if (n.type === 'field_access') return n.childForFieldName('field')?.text;
  if (n.type === 'scoped_identifier' || n.type === 'scoped_type_identifier') return n.text.split('.').pop();
  if (n.type === 'method_invocation') return n.childForFieldName('name')?.text;
  return undefined;
}

function stringContent(node: Node, text: string): { value: string; contentRange: Range } | undefined {
  if (node.type !== 'string_literal') return undefined;
  const block = text.startsWith('"""', node.startIndex);
  const q = block ? 3 : 1;
  const contentRange = { start: node.startIndex + q, end: Math.max(node.startIndex + q, node.endIndex - q) };
  let raw = text.slice(contentRange.start, contentRange.end);
  if (block) {
    // Text block: drop the opening line break and the common indentation.
    raw = raw.replace(/^[ \t]*\r?\n/, '');
    const lines = raw.split('\n');
    const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
    raw = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
  }
  return { value: decodeEscapes(raw), contentRange };
}

function enclosingBody(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'method_declaration' || p.type === 'constructor_declaration' || p.type === 'lambda_expression' || p.type === 'static_initializer') return p;
    if (p.type === 'class_body') return undefined;
  }
  return undefined;
}

export function analyzeJava(root: Node, text: string, syntaxErrors: number): JavaAnalysis {
  const imports = readImports(root);
  const containers = new Map<string, JavaContainer>();
  const definitions = new Map<string, JavaDefinition[]>();
  const identifierUses = new Map<string, Node[]>();
  const strings: FileView['strings'] = [];
  const comments: Range[] = [];
  const invocations: Node[] = [];
  const binaries: Node[] = [];
  const switches: Node[] = [];
  const typed: { name: string; type: string }[] = [];

  walk(root, (n) => {
    switch (n.type) {
      case 'line_comment':
      case 'block_comment':
        comments.push(rangeOf(n));
        return false;
      case 'string_literal': {
        const s = stringContent(n, text)!;
        strings.push({ range: rangeOf(n), contentRange: s.contentRange, value: s.value });
        return false;
      }
      case 'identifier':
        if (!identifierUses.has(n.text)) identifierUses.set(n.text, []);
        identifierUses.get(n.text)!.push(n);
        return;
      case 'method_invocation':
        invocations.push(n);
        return;
      case 'binary_expression':
        binaries.push(n);
        return;
      case 'switch_expression':
      case 'switch_statement':
        switches.push(n);
        return;
      case 'local_variable_declaration':
      case 'field_declaration': {
        const type = n.childForFieldName('type');
        for (const d of n.namedChildren.filter((c) => c.type === 'variable_declarator')) {
          const name = d.childForFieldName('name');
          const value = d.childForFieldName('value');
          if (name && type) typed.push({ name: name.text, type: lastIdentifier(type) ?? type.text });
          if (name && value) {
            const def: JavaDefinition = { name: name.text, nameNode: name, value, statement: n, scope: enclosingBody(n) };
            if (!definitions.has(def.name)) definitions.set(def.name, []);
            definitions.get(def.name)!.push(def);
          }
        }
        return;
      }
      case 'formal_parameter': {
        const type = n.childForFieldName('type');
        const name = n.childForFieldName('name');
        if (type && name) typed.push({ name: name.text, type: lastIdentifier(type) ?? type.text });
        return;
      }
      case 'assignment_expression': {
        // A later assignment makes the variable's value non-static: record it as another definition.
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        if (left?.type === 'identifier' && right) {
          const def: JavaDefinition = { name: left.text, nameNode: left, value: right, statement: n, scope: enclosingBody(n) };
          if (!definitions.has(def.name)) definitions.set(def.name, []);
          definitions.get(def.name)!.push(def);
        }
        return;
      }
    }
  });

  function resolve(use: Node): JavaDefinition | undefined {
    const defs = definitions.get(use.text);
    if (!defs) return undefined;
    // Innermost body first (a lambda sees its method's locals), then class fields.
    for (let scope = enclosingBody(use); scope; scope = enclosingBody(scope)) {
      const local = defs.filter((d) => d.scope?.id === scope!.id);
      if (local.length) return local.length === 1 && local[0].statement.startIndex < use.startIndex ? local[0] : undefined;
    }
    const fields = defs.filter((d) => !d.scope);
    return fields.length === 1 ? fields[0] : undefined;
  }
  function referenceCount(def: JavaDefinition): number {
    return (identifierUses.get(def.name) ?? []).filter((u) => u.id !== def.nameNode.id && (!def.scope || (u.startIndex >= def.scope.startIndex && u.endIndex <= def.scope.endIndex))).length;
  }

  const register = (r: Range, c: JavaContainer) => containers.set(rangeKey(r), c);

  // ---------------------------------------------------------------- values

  function implicitField(key: string, literal: string, at: Node | Range, text0?: string): FieldView {
    const range = 'startIndex' in at ? rangeOf(at) : at;
    return { key, sourceKey: '', range, implicit: true, value: { kind: 'string', range, text: text0 ?? ('text' in at ? at.text : ''), literal } };
  }

  /** Implicit `type` from a builder class name: ThinkingConfigEnabled → enabled, ToolTextEditor20250124 → text_editor_20250124. */
  function typeFromClass(cls: string): string | undefined {
    const t = cls.replace(/^Beta/, '');
    const thinking = /^ThinkingConfig(Enabled|Adaptive|Disabled)$/.exec(t);
    if (thinking) return thinking[1].toLowerCase();
    if (/\d{8}$/.test(t) && /Tool/.test(t)) {
      if (/^ToolSearchTool/.test(t)) return snakeCase(t);
      return snakeCase(t.replace(/Tool(?=[A-Z\d]|$)/g, ''));
    }
    return undefined;
  }

  function valueOf(node: Node, beta: boolean, depth = 0): ValueView {
    let n = node;
    while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
    const base = { range: rangeOf(n), text: n.text };
    if (depth > 12) return { kind: 'other', ...base };
    const s = stringContent(n, text);
    if (s) return { kind: 'string', ...base, literal: s.value, contentRange: s.contentRange };
    switch (n.type) {
      case 'decimal_integer_literal':
      case 'hex_integer_literal':
      case 'octal_integer_literal':
      case 'binary_integer_literal':
      case 'decimal_floating_point_literal': {
        const v = parseNumber(n.text);
        return v === undefined ? { kind: 'other', ...base } : { kind: 'number', ...base, literal: v };
      }
      case 'true':
      case 'false':
        return { kind: 'boolean', ...base, literal: n.type === 'true' };
      case 'null_literal':
        return { kind: 'null', ...base, literal: null };
      case 'field_access': {
        const cls = lastIdentifier(n.childForFieldName('object'));
        const lit = imports.importsSdk && cls ? enumValue(cls, n.childForFieldName('field')?.text ?? '') : undefined;
        return lit !== undefined ? { kind: 'reference', ...base, literal: lit } : { kind: 'reference', ...base };
      }
      case 'identifier': {
        const def = resolve(n);
        if (!def) return { kind: 'reference', ...base };
        const v = valueOf(def.value, beta, depth + 1);
        return { ...v, via: { name: n.text, useRange: rangeOf(n), definitionRange: rangeOf(def.statement), references: referenceCount(def) } };
      }
      case 'array_initializer':
      case 'array_creation_expression': {
        const init = n.type === 'array_initializer' ? n : n.namedChildren.find((c) => c.type === 'array_initializer');
        if (!init) return { kind: 'other', ...base };
        const els = init.namedChildren.filter((c) => !/comment/.test(c.type));
        register(base.range, { kind: 'args', items: els.map(rangeOf), inner: { start: init.startIndex + 1, end: init.endIndex - 1 }, beta, trailingSeparatorAllowed: true });
        return { kind: 'array', ...base, elements: els.map((e) => valueOf(e, beta, depth + 1)) };
      }
      case 'method_invocation':
        return invocationValue(n, beta, depth);
      case 'template_expression':
        return { kind: 'template', ...base };
      default:
        return { kind: 'other', ...base };
    }
  }

  function invocationValue(n: Node, beta: boolean, depth: number): ValueView {
    const base = { range: rangeOf(n), text: n.text };
    const { root: chainRoot, segments } = chainOf(n);
    const first = segments[0];
    const rootName = lastIdentifier(chainRoot);
    // List.of(a, b) / Arrays.asList(…) / Set.of(…)
    if (segments.length === 1 && /^(List|Set|Arrays|ImmutableList|ImmutableSet|Stream)$/.test(rootName ?? '') && /^(of|asList|copyOf)$/.test(first.name)) {
      register(base.range, { kind: 'args', items: first.args.map(rangeOf), inner: { start: first.argsNode.startIndex + 1, end: first.argsNode.endIndex - 1 }, beta, trailingSeparatorAllowed: false });
      return { kind: 'array', ...base, elements: first.args.map((a) => valueOf(a, beta, depth + 1)) };
    }
    // X.builder()…build()
    if (first?.name === 'builder' && rootName) {
      // A builder kept in a variable (`MessageCreateParams.Builder b = X.builder().model(…);`) has no build().
      return builderValue(n, rootName, chainRoot!, segments, beta, depth);
    }
    // ThinkingConfigParam.ofAdaptive(x): the union stands for its one variant.
    if (segments.length === 1 && /Param$/.test(rootName ?? '') && /^of[A-Z]/.test(first.name) && first.args.length === 1) {
      const inner = valueOf(first.args[0], beta, depth + 1);
      return { ...inner, range: base.range, text: base.text };
    }
    if (/^(String\.format|String\.join)$/.test(`${rootName}.${first?.name}`) || first?.name === 'formatted') return { kind: 'template', ...base };
    return { kind: 'call', ...base };
  }

  function segmentKey(name: string): string {
    return snakeCase(name.replace(/Of[A-Z]\w*$/, ''));
  }

  function builderValue(n: Node, cls: string, chainRoot: Node, segments: Segment[], beta: boolean, depth: number): ValueView {
    const base = { range: rangeOf(n), text: n.text };
    const isBeta = beta || cls.startsWith('Beta') || /\.beta\./.test(chainRoot.text) || !!imports.explicit.get(cls)?.text.includes('.beta.');
    const hasBuild = segments.length > 1 && segments.at(-1)!.name === 'build';
    const body = segments.slice(1, hasBuild ? -1 : undefined);
    const fields: FieldView[] = [];
    const gathered = new Map<string, { segs: Segment[]; values: ValueView[] }>();
    for (const seg of body) {
      const adder = ADDERS[seg.name];
      if (adder && seg.args.length === 1) {
        const arg = seg.args[0];
        let element: ValueView;
        if (adder.role) {
          element = {
            kind: 'object', range: seg.range, text: text.slice(seg.range.start, seg.range.end), typeName: seg.name,
            fields: [implicitField('role', adder.role, seg.node.childForFieldName('name')!), { key: 'content', sourceKey: '', range: rangeOf(arg), implicit: true, value: valueOf(arg, isBeta, depth + 1) }],
          };
        } else {
          // The element is the segment (so it can be removed whole); its content is the argument's.
          element = { ...valueOf(arg, isBeta, depth + 1), range: seg.range, text: text.slice(seg.range.start, seg.range.end) };
        }
        const g = gathered.get(adder.key) ?? { segs: [], values: [] };
        g.segs.push(seg);
        g.values.push(element);
        gathered.set(adder.key, g);
        continue;
      }
      if (seg.name === 'enabledThinking' && seg.args.length === 1) {
        const value: ValueView = {
          kind: 'object', range: seg.range, text: text.slice(seg.range.start, seg.range.end), typeName: 'enabledThinking',
          fields: [implicitField('type', 'enabled', seg.node.childForFieldName('name')!), { key: 'budget_tokens', sourceKey: 'budgetTokens', range: rangeOf(seg.args[0]), value: valueOf(seg.args[0], isBeta, depth + 1) }],
        };
        fields.push({ key: 'thinking', sourceKey: seg.name, range: seg.range, keyRange: rangeOf(seg.node.childForFieldName('name')!), value });
        continue;
      }
      if (/^(putAdditionalHeader|putAdditionalHeaders|additionalHeaders|putAdditionalQueryParam|additionalBodyProperties|putAdditionalBodyProperty)$/.test(seg.name)) continue;
      if (seg.args.length !== 1) continue;
      const key = segmentKey(seg.name);
      fields.push({ key, sourceKey: seg.name, range: seg.range, keyRange: rangeOf(seg.node.childForFieldName('name')!), value: valueOf(seg.args[0], isBeta, depth + 1) });
    }
    for (const [key, g] of gathered) {
      const range = { start: g.segs[0].range.start, end: g.segs.at(-1)!.range.end };
      const arr: ValueView = { kind: 'array', range, text: text.slice(range.start, range.end), elements: g.values };
      register(range, { kind: 'segments', items: g.segs.map((s) => s.range), beta: isBeta, trailingSeparatorAllowed: false, typeName: cls });
      fields.push({ key, sourceKey: g.segs[0].name, range, value: arr });
    }
    fields.sort((a, b) => a.range.start - b.range.start);
    const implied = typeFromClass(cls);
    if (implied && !fields.some((f) => f.key === 'type')) fields.unshift(implicitField('type', implied, chainRoot));
    register(base.range, { kind: 'chain', items: body.map((s) => s.range), build: hasBuild ? segments.at(-1)!.range : undefined, builder: segments[0].range, typeName: cls, beta: isBeta, trailingSeparatorAllowed: false });
    return { kind: 'object', ...base, fields, typeName: cls };
  }

  function headersOfChain(segments: Segment[], scope: 'request' | 'client', container: ValueView): HeaderView[] {
    const out: HeaderView[] = [];
    for (const seg of segments) {
      if (!/^(putAdditionalHeader|putHeader)$/.test(seg.name) || seg.args.length !== 2) continue;
      const key = stringContent(seg.args[0], text);
      if (!key) continue;
      const value = valueOf(seg.args[1], false);
      const field: FieldView = { key: key.value.toLowerCase(), sourceKey: seg.name, range: seg.range, value };
      out.push({ name: field.key, range: seg.range, value, scope, field, container });
    }
    return out;
  }

  // ---------------------------------------------------------------- clients

  const clients: ClientView[] = [];
  const clientsByName = new Map<string, { platform: Platform; headers: HeaderView[] }>();
  const seenClient = new Set<number>();
  for (const inv of invocations) {
    // The outermost invocation of a chain rooted at AnthropicOkHttpClient.
    if (inv.parent?.type === 'method_invocation' && inv.parent.childForFieldName('object')?.id === inv.id) continue;
    const { root: r, segments } = chainOf(inv);
    const rootName = lastIdentifier(r);
    if (!rootName || !CLIENT_FACTORIES.includes(rootName) || !segments.length || !/^(builder|fromEnv)$/.test(segments[0].name)) continue;
    if (segments.some((s) => seenClient.has(s.node.id))) continue;
    segments.forEach((s) => seenClient.add(s.node.id));
    let platform: Platform = 'first-party';
    walk(inv, (x) => {
      if (x.type === 'identifier' && BACKENDS[x.text]) platform = BACKENDS[x.text];
    });
    clients.push({ platform, range: rangeOf(inv), constructor: rootName });
    const container: ValueView = { kind: 'object', range: rangeOf(inv), text: inv.text, fields: [] };
    const body = segments.slice(1, segments.at(-1)?.name === 'build' ? -1 : undefined);
    register(container.range, { kind: 'chain', items: body.map((s) => s.range), build: segments.at(-1)!.range, builder: segments[0].range, typeName: rootName, beta: false, trailingSeparatorAllowed: false });
    const headers = headersOfChain(body, 'client', container);
    container.fields = headers.map((h) => h.field!);
    const decl = inv.parent?.type === 'variable_declarator' ? inv.parent.childForFieldName('name')?.text : inv.parent?.type === 'assignment_expression' ? lastIdentifier(inv.parent.childForFieldName('left')) : undefined;
    if (decl) clientsByName.set(decl, { platform, headers });
  }
  for (const { name, type } of typed) {
    if (!clientsByName.has(name) && CLIENT_TYPES.includes(type)) clientsByName.set(name, { platform: 'unknown', headers: [] });
  }

  // ---------------------------------------------------------------- requests

  const METHODS: Record<string, { method: RequestMethod; streaming: boolean }> = {
    create: { method: 'create', streaming: false },
    createStreaming: { method: 'stream', streaming: true },
    countTokens: { method: 'count_tokens', streaming: false },
  };
  const requests: RequestView[] = [];
  const requestNodes: JavaAnalysis['requestNodes'] = new Map();
  for (const inv of invocations) {
    const { root: r, segments } = chainOf(inv);
    const last = segments.at(-1);
    if (!last || !METHODS[last.name] || last.args.length < 1) continue;
    let i = segments.length - 2;
    let batch = false;
    if (segments[i]?.name === 'batches' && last.name === 'create') { batch = true; i--; }
    if (segments[i]?.name !== 'messages' || segments[i].args.length) continue;
    const beta = segments[i - 1]?.name === 'beta';
    const before = segments.slice(0, beta ? i - 1 : i).filter((s) => s.name !== 'async');
    const recv = before.length ? before.at(-1)!.name : lastIdentifier(r);
    const client = recv ? clientsByName.get(recv) : undefined;
    const receiverIsFactory = !!r && CLIENT_FACTORIES.includes(lastIdentifier(r) ?? '');
    let paramsNode: Node = last.args[0];
    let paramsDef: JavaDefinition | undefined;
    let paramsUse: Node = paramsNode;
    // `create(builder.build())` with the builder kept in a variable: the variable's chain is the params.
    if (paramsNode.type === 'method_invocation' && paramsNode.childForFieldName('name')?.text === 'build' && paramsNode.childForFieldName('object')?.type === 'identifier' && !paramsNode.childForFieldName('arguments')?.namedChildren.length) {
      paramsUse = paramsNode.childForFieldName('object')!;
    }
    if (paramsUse.type === 'identifier') {
      paramsDef = resolve(paramsUse);
      if (paramsDef) paramsNode = paramsDef.value;
    }
    const paramsChain = paramsNode.type === 'method_invocation' ? chainOf(paramsNode) : undefined;
    const paramsClass = paramsChain ? lastIdentifier(paramsChain.root) : undefined;
    const sdkParams = !!paramsClass && /^(MessageCreateParams|MessageCountTokensParams|BatchCreateParams|Params)$/.test(paramsClass);
    if (!client && !receiverIsFactory && !(imports.importsSdk && (sdkParams || /anthropic|claude/i.test(recv ?? '')))) continue;
    const platform: Platform = client?.platform ?? (receiverIsFactory ? 'first-party' : 'unknown');
    const callee = { start: inv.startIndex, end: last.node.childForFieldName('name')!.endIndex };
    const m = METHODS[last.name];
    const makeParams = (node: Node): ValueView => valueOf(node, beta);
    if (batch) {
      walk(paramsNode, (x) => {
        if (x.type !== 'method_invocation') return;
        const c = chainOf(x);
        if (c.segments[0]?.name !== 'builder' || c.segments.at(-1)?.name !== 'build' || !/(^|\.)Request\.Params$|^Params$/.test(c.root?.text ?? '')) return;
        if (x.parent?.type === 'method_invocation' && x.parent.childForFieldName('object')?.id === x.id) return;
        const params = makeParams(x);
        const req: RequestView = { language: 'java', kind: 'sdk-call', method: 'batch', beta, platform, range: rangeOf(x), callee, params, headers: [...(client?.headers ?? [])], streaming: false };
        requests.push(req);
        requestNodes.set(req, { call: inv, paramsNode: x });
        return false;
      });
      continue;
    }
    let params = makeParams(paramsNode);
    if (paramsDef) params = { ...params, via: { name: paramsUse.text, useRange: rangeOf(paramsUse), definitionRange: rangeOf(paramsDef.statement), references: referenceCount(paramsDef) } };
    const headers = params.kind === 'object' && paramsChain ? headersOfChain(paramsChain.segments.slice(1, paramsChain.segments.at(-1)?.name === 'build' ? -1 : undefined), 'request', params) : [];
    const req: RequestView = { language: 'java', kind: 'sdk-call', method: m.method, beta, platform, range: rangeOf(inv), callee, params, headers: [...headers, ...(client?.headers ?? [])], streaming: m.streaming };
    if (params.kind !== 'object') req.opaqueSpread = true;
    requests.push(req);
    requestNodes.set(req, { call: inv, paramsNode, segments: paramsChain?.segments });
  }
  const modelRanges: Range[] = [];
  for (const req of requests) {
    const model = req.params.fields?.find((f) => f.key === 'model');
    if (model) {
      modelRanges.push(model.value.range);
      if (model.value.via) modelRanges.push(model.value.via.definitionRange);
    }
  }

  // ---------------------------------------------------------------- tools

  const tools = new Map<string, ValueView>();
  if (imports.importsSdk) {
    for (const inv of invocations) {
      if (inv.childForFieldName('name')?.text !== 'build') continue;
      const c = chainOf(inv);
      const cls = lastIdentifier(c.root);
      if (c.segments[0]?.name !== 'builder' || !cls || !/^(Beta)?(Tool|\w*Tool\d+\w*|ToolTextEditor\d+|ToolBash\d+)$/.test(cls)) continue;
      const v = valueOf(inv, cls.startsWith('Beta'));
      if (v.fields?.some((f) => f.key === 'input_schema' || f.key === 'type')) tools.set(rangeKey(v.range), v);
    }
  }

  // ---------------------------------------------------------------- response uses

  const responseUses: ResponseUse[] = [];
  if (imports.importsSdk) {
    for (const inv of invocations) {
      const name = inv.childForFieldName('name')?.text;
      const object = inv.childForFieldName('object');
      if (!object || !/^(thinking|isThinking|asThinking)$/.test(name ?? '') || inv.childForFieldName('arguments')?.namedChildren.length) continue;
      // `params.thinking()` on a request builder is configuration, not response text.
      if (/Params|builder/i.test(object.text)) continue;
      responseUses.push({ kind: 'thinking-text', range: rangeOf(inv) });
    }
    stopReasons(responseUses);
  }

  function stopValue(n: Node | null): string | undefined {
    if (!n) return undefined;
    const s = stringContent(n, text);
    if (s) return s.value;
    if (n.type === 'field_access') return enumValue('StopReason', n.childForFieldName('field')?.text ?? '');
    if (n.type === 'identifier' && /^[A-Z][A-Z_]+$/.test(n.text)) return enumValue('StopReason', n.text);
    return undefined;
  }
  // Variables declared as StopReason (`StopReason reason = message.stopReason().orElseThrow();`).
  function mentionsStop(n: Node | null): boolean {
    if (!n) return false;
    if (n.type === 'identifier' && typed.some((t) => t.name === n.text && /^(Beta)?StopReason$/.test(t.type))) return true;
    return /stopReason|stop_reason|StopReason/.test(n.text) && !/^StopReason\.[A-Z_]+$/.test(n.text);
  }
  function stopReasons(out: ResponseUse[]) {
    const groups = new Map<number, { range: Range; values: Set<string> }>();
    const add = (anchor: Node, v: string | undefined) => {
      let g = groups.get(anchor.id);
      if (!g) groups.set(anchor.id, (g = { range: rangeOf(anchor), values: new Set() }));
      if (v) g.values.add(v);
    };
    for (const sw of switches) {
      const cond = sw.childForFieldName('condition');
      if (!mentionsStop(cond)) continue;
      add(sw, undefined);
      walk(sw.childForFieldName('body') ?? sw, (x) => {
        if (x.type === 'switch_label') {
          for (const c of x.namedChildren) add(sw, stopValue(c));
          return false;
        }
        return !(x.type === 'switch_expression' || x.type === 'switch_statement');
      });
    }
    for (const inv of invocations) {
      if (!/^(equals|equalsIgnoreCase)$/.test(inv.childForFieldName('name')?.text ?? '')) continue;
      const object = inv.childForFieldName('object');
      const arg = inv.childForFieldName('arguments')?.namedChildren[0] ?? null;
      const v = mentionsStop(object) ? stopValue(arg) : mentionsStop(arg) ? stopValue(object) : undefined;
      if (v !== undefined) add(anchorOf(inv), v);
    }
    for (const b of binaries) {
      if (!/^(==|!=)$/.test(b.childForFieldName('operator')?.text ?? '')) continue;
      const l = b.childForFieldName('left');
      const r = b.childForFieldName('right');
      const v = mentionsStop(l) ? stopValue(r) : mentionsStop(r) ? stopValue(l) : undefined;
      if (v !== undefined) add(anchorOf(b), v);
    }
    for (const g of groups.values()) out.push({ kind: 'stop-reason', range: g.range, values: [...g.values] });
  }
  function anchorOf(n: Node): Node {
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

  const view: FileView = { language: 'java', requests, clients, responseUses, tools: [...tools.values()], strings, comments, syntaxErrors };
  return { view, imports, containers, definitions, requestNodes, modelRanges };
}

function readImports(root: Node): JavaImports {
  const out: JavaImports = { explicit: new Map(), wildcards: new Set(), all: [], importsSdk: false };
  for (const n of root.namedChildren) {
    if (n.type !== 'import_declaration') continue;
    out.all.push(n);
    const isStatic = n.children.some((c) => c.type === 'static');
    const name = n.namedChildren.find((c) => c.type === 'scoped_identifier' || c.type === 'identifier');
    if (!name) continue;
    if (name.text.startsWith('com.anthropic.')) out.importsSdk = true;
    if (isStatic) continue;
    if (n.namedChildren.some((c) => c.type === 'asterisk')) out.wildcards.add(name.text);
    else out.explicit.set(name.text.split('.').pop()!, n);
  }
  return out;
}
