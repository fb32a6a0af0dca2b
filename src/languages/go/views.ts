// Go source → the neutral FileView: clients, requests (struct-literal params normalised to JSON
// keys), headers, response uses, tools, strings and comments. The containers every view object came
// from are recorded so the renderer can edit them without re-parsing.
import type { Node } from 'web-tree-sitter';
import type { ClientView, FieldView, FileView, HeaderView, Platform, Range, RequestMethod, RequestView, ResponseUse, ValueView } from '../types.js';
import { decodeEscapes, parseNumber, rangeKey, rangeOf, snakeCase, walk } from '../tree-sitter/common.js';
import { enumValueFromConstant, HEADER_OPTIONS, SDK_MODULE } from './sdk.js';

/** A list the renderer can insert into / remove from: struct or slice literal body, or call arguments. */
export interface GoContainer {
  /** stmts: statements of a function body (raw-HTTP `req.Header.Set(…)` calls), removed line by line. */
  kind: 'struct' | 'slice' | 'map' | 'args' | 'stmts';
  /** Between the braces / parentheses. */
  inner: Range;
  /** Every element (keyed element, slice element, argument), in order. */
  items: Range[];
  /** The literal's type as written (`anthropic.MessageNewParams`), when it has one. */
  typeText?: string;
  /** Written with the SDK's beta types (`BetaMessageNewParams`, `BetaThinkingConfigParamOfEnabled`). */
  beta: boolean;
}

export interface GoDefinition {
  name: string;
  /** The identifier being defined. */
  nameNode: Node;
  /** The value expression. */
  value: Node;
  /** The whole spec / statement (`X = 1` in a const group, `x := 1`). */
  statement: Node;
  /** The function body holding it, or undefined at package level. */
  scope: Node | undefined;
}

export interface GoImports {
  /** Local name of each SDK package that matters (`anthropic`, `option`, `bedrock`, …). */
  sdk?: string;
  option?: string;
  bedrock?: string;
  vertex?: string;
  aws?: string;
  googlecloud?: string;
  param?: string;
  importsSdk: boolean;
}

export interface GoAnalysis {
  view: FileView;
  imports: GoImports;
  containers: Map<string, GoContainer>;
  /** Value views whose source is a Go struct literal reached through a definition statement. */
  definitions: Map<string, GoDefinition[]>;
  /** Per request: the call node and the params node (after resolving an identifier). */
  requestNodes: Map<RequestView, { call: Node; paramsNode?: Node; paramsDefinition?: GoDefinition }>;
  /** Ranges of request `model` values (and their definitions) for contextAt. */
  modelRanges: Range[];
  /** Literal collections, gates and asserts are found on demand by contextAt from the tree. */
}

const OPTIONAL_WRAPPERS = new Set(['Float', 'Int', 'String', 'Bool', 'Opt', 'Time', 'NewOpt']);

function stripPointer(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  return n;
}

/** `a.b.C` → ['a','b','C'] for a selector chain; the root may be any expression (kept as first item's node). */
export function selectorChain(node: Node): { root: Node; names: string[] } {
  const names: string[] = [];
  let n = node;
  while (n.type === 'selector_expression') {
    const field = n.childForFieldName('field');
    if (field) names.unshift(field.text);
    n = n.childForFieldName('operand')!;
  }
  return { root: n, names };
}

/** The last identifier of an expression used as a receiver: `client`, `s.client` → client, `getClient()` → getClient. */
function receiverName(node: Node | null): string | undefined {
  if (!node) return undefined;
  const n = stripPointer(node);
  if (n.type === 'identifier') return n.text;
  if (n.type === 'selector_expression') return n.childForFieldName('field')?.text;
  if (n.type === 'call_expression') return receiverName(n.childForFieldName('function'));
  return undefined;
}

function enclosingFunction(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') return p;
  }
  return undefined;
}

function stringContent(node: Node, text: string): { value: string; contentRange: Range } | undefined {
  if (node.type === 'interpreted_string_literal') {
    const contentRange = { start: node.startIndex + 1, end: Math.max(node.startIndex + 1, node.endIndex - 1) };
    return { value: decodeEscapes(text.slice(contentRange.start, contentRange.end)), contentRange };
  }
  if (node.type === 'raw_string_literal') {
    const contentRange = { start: node.startIndex + 1, end: Math.max(node.startIndex + 1, node.endIndex - 1) };
    return { value: text.slice(contentRange.start, contentRange.end).replace(/\r/g, ''), contentRange };
  }
  return undefined;
}

export function analyzeGo(root: Node, text: string, syntaxErrors: number): GoAnalysis {
  const imports = readImports(root);
  const containers = new Map<string, GoContainer>();
  const definitions = new Map<string, GoDefinition[]>();
  const identifierUses = new Map<string, Node[]>();
  const strings: FileView['strings'] = [];
  const comments: Range[] = [];
  const calls: Node[] = [];
  const composites: Node[] = [];
  const selectors: Node[] = [];
  const comparisons: Node[] = [];
  const switches: Node[] = [];
  const typedNames: { name: string; type: Node }[] = [];

  walk(root, (n) => {
    switch (n.type) {
      case 'comment':
        comments.push(rangeOf(n));
        return false;
      case 'interpreted_string_literal':
      case 'raw_string_literal': {
        const s = stringContent(n, text)!;
        strings.push({ range: rangeOf(n), contentRange: s.contentRange, value: s.value });
        return false;
      }
      case 'identifier':
        if (!identifierUses.has(n.text)) identifierUses.set(n.text, []);
        identifierUses.get(n.text)!.push(n);
        return;
      case 'call_expression':
        calls.push(n);
        return;
      case 'composite_literal':
        composites.push(n);
        return;
      case 'selector_expression':
        selectors.push(n);
        return;
      case 'binary_expression':
        comparisons.push(n);
        return;
      case 'expression_switch_statement':
        switches.push(n);
        return;
      case 'const_spec':
      case 'var_spec':
        collectSpec(n);
        return;
      case 'short_var_declaration':
      case 'assignment_statement':
        collectAssignment(n);
        return;
      case 'parameter_declaration':
      case 'field_declaration': {
        const type = n.childForFieldName('type');
        if (type) for (const name of n.childrenForFieldName('name')) typedNames.push({ name: name.text, type });
        return;
      }
    }
  });

  function addDefinition(nameNode: Node, value: Node, statement: Node) {
    const def: GoDefinition = { name: nameNode.text, nameNode, value, statement, scope: enclosingFunction(statement) };
    if (!definitions.has(def.name)) definitions.set(def.name, []);
    definitions.get(def.name)!.push(def);
  }
  function collectSpec(spec: Node) {
    const names = spec.childrenForFieldName('name');
    const values = spec.childForFieldName('value')?.namedChildren ?? [];
    names.forEach((name, i) => { if (values[i]) addDefinition(name, values[i], spec); });
  }
  function collectAssignment(stmt: Node) {
    const left = stmt.childForFieldName('left')?.namedChildren ?? [];
    const right = stmt.childForFieldName('right')?.namedChildren ?? [];
    if (stmt.type === 'assignment_statement' && stmt.children.find((c) => !c.isNamed && /=$/.test(c.type))?.type !== '=') return;
    left.forEach((name, i) => { if (name.type === 'identifier' && right[i] && left.length === right.length) addDefinition(name, right[i], stmt); });
    // body, err := json.Marshal(payload): the first name holds the call's first result.
    if (right.length === 1 && left.length > 1 && right[0].type === 'call_expression' && left[0].type === 'identifier') addDefinition(left[0], right[0], stmt);
  }

  /** The definition an identifier use refers to: the nearest earlier one in the same function, else a unique package-level one. */
  function resolve(use: Node): GoDefinition | undefined {
    const defs = definitions.get(use.text);
    if (!defs) return undefined;
    // Innermost function first (a closure sees its function's locals), then package level.
    for (let scope = enclosingFunction(use); scope; scope = enclosingFunction(scope)) {
      const local = defs.filter((d) => d.scope?.id === scope!.id && d.statement.startIndex < use.startIndex);
      // Reassigned before this use: the value is not static.
      if (local.length) return local.length === 1 ? local[0] : undefined;
    }
    const pkg = defs.filter((d) => !d.scope);
    return pkg.length === 1 ? pkg[0] : undefined;
  }
  function referenceCount(def: GoDefinition): number {
    const uses = identifierUses.get(def.name) ?? [];
    return uses.filter((u) => u.id !== def.nameNode.id && (!def.scope || (u.startIndex >= def.scope.startIndex && u.endIndex <= def.scope.endIndex))).length;
  }

  const isSdk = (pkgNode: Node | null, pkg: string | undefined) => !!pkg && pkgNode?.type === 'identifier' && pkgNode.text === pkg;
  /** `anthropic.X` → 'X' when the qualifier is the SDK's root package. */
  function sdkName(node: Node | null): string | undefined {
    if (!node || node.type !== 'selector_expression') return undefined;
    const operand = node.childForFieldName('operand');
    return isSdk(operand, imports.sdk) ? node.childForFieldName('field')?.text : undefined;
  }
  function sdkTypeName(typeNode: Node | null): string | undefined {
    if (typeNode?.type !== 'qualified_type') return undefined;
    const pkg = typeNode.childForFieldName('package');
    return pkg?.text === imports.sdk ? typeNode.childForFieldName('name')?.text : undefined;
  }

  // ---------------------------------------------------------------- values

  function registerContainer(range: Range, c: GoContainer) {
    containers.set(rangeKey(range), c);
  }

  function valueOf(node: Node, beta: boolean, depth = 0): ValueView {
    const n = stripPointer(node);
    const base = { range: rangeOf(n), text: n.text };
    if (depth > 12) return { kind: 'other', ...base };
    const s = stringContent(n, text);
    if (s) return { kind: 'string', ...base, literal: s.value, contentRange: s.contentRange };
    switch (n.type) {
      case 'int_literal':
      case 'float_literal': {
        const v = parseNumber(n.text);
        return v === undefined ? { kind: 'other', ...base } : { kind: 'number', ...base, literal: v };
      }
      case 'true':
      case 'false':
        return { kind: 'boolean', ...base, literal: n.type === 'true' };
      case 'nil':
        return { kind: 'null', ...base, literal: null };
      case 'unary_expression': {
        const operand = n.childForFieldName('operand');
        if (n.childForFieldName('operator')?.text === '&' && operand) {
          const inner = valueOf(operand, beta, depth + 1);
          return { ...inner, range: base.range, text: base.text, via: inner.via };
        }
        return { kind: 'other', ...base };
      }
      case 'composite_literal':
        return compositeValue(n, beta, depth);
      case 'identifier': {
        const def = resolve(n);
        if (!def) return { kind: 'reference', ...base };
        const v = valueOf(def.value, beta, depth + 1);
        return { ...v, via: { name: n.text, useRange: rangeOf(n), definitionRange: rangeOf(def.statement), references: referenceCount(def) } };
      }
      case 'selector_expression': {
        const name = sdkName(n);
        const literal = name ? enumValueFromConstant(name) : undefined;
        return literal !== undefined ? { kind: 'reference', ...base, literal } : { kind: 'reference', ...base };
      }
      case 'call_expression':
        return callValue(n, beta, depth);
      case 'binary_expression':
        return { kind: 'other', ...base };
      default:
        return { kind: 'other', ...base };
    }
  }

  function implicitField(key: string, literal: string, at: Node): FieldView {
    const range = rangeOf(at);
    return { key, sourceKey: '', range, implicit: true, value: { kind: 'string', range, text: at.text, literal } };
  }

  function callValue(n: Node, beta: boolean, depth: number): ValueView {
    const base = { range: rangeOf(n), text: n.text };
    const fn = n.childForFieldName('function');
    const args = (n.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a.type !== 'comment');
    const name = sdkName(fn) ?? (fn?.type === 'selector_expression' && isSdk(fn.childForFieldName('operand'), imports.param) ? fn.childForFieldName('field')?.text : undefined);
    if (!name) {
      if (fn?.type === 'selector_expression' && fn.childForFieldName('operand')?.text === 'fmt' && /^Sprint/.test(fn.childForFieldName('field')?.text ?? '')) return { kind: 'template', ...base };
      return { kind: 'call', ...base };
    }
    const isBeta = beta || name.startsWith('Beta') || name.startsWith('NewBeta');
    if (OPTIONAL_WRAPPERS.has(name) && args.length === 1) {
      // anthropic.Float(0.7): the value is the argument; the range stays the whole call so it is replaced whole.
      const inner = valueOf(args[0], isBeta, depth + 1);
      return { ...inner, range: base.range, text: base.text };
    }
    if (/^(Beta)?Model$/.test(name) && args.length === 1) {
      // anthropic.Model("claude-…") is a conversion to the SDK's string type: the value is the argument, with
      // its own range, so a model swap rewrites the string and keeps the conversion.
      return valueOf(args[0], isBeta, depth + 1);
    }
    const ofMatch = /^(Beta)?(\w+)ParamOf(\w+)$/.exec(name);
    if (ofMatch) {
      const fields: FieldView[] = [implicitField('type', snakeCase(ofMatch[3]), fn!)];
      if (/ThinkingConfig$/.test(ofMatch[2]) && ofMatch[3] === 'Enabled' && args[0]) {
        fields.push({ key: 'budget_tokens', sourceKey: 'budgetTokens', range: rangeOf(args[0]), value: valueOf(args[0], isBeta, depth + 1) });
      }
      return { kind: 'object', ...base, fields, typeName: name };
    }
    const msg = /^New(Beta)?(User|Assistant)Message$/.exec(name);
    if (msg) {
      const spread = n.childForFieldName('arguments')?.children.some((c) => c.type === '...');
      const argsNode = n.childForFieldName('arguments')!;
      const content: ValueView = spread
        ? { kind: 'reference', range: rangeOf(argsNode), text: argsNode.text }
        : { kind: 'array', range: rangeOf(argsNode), text: argsNode.text, elements: args.map((a) => valueOf(a, isBeta, depth + 1)) };
      return { kind: 'object', ...base, typeName: name, fields: [implicitField('role', msg[2].toLowerCase(), fn!), { key: 'content', sourceKey: '', range: rangeOf(argsNode), implicit: true, value: content }] };
    }
    const block = /^New(Beta)?(\w+)Block$/.exec(name);
    if (block) {
      const fields: FieldView[] = [implicitField('type', snakeCase(block[2]), fn!)];
      if (block[2] === 'Text' && args[0]) fields.push({ key: 'text', sourceKey: '', range: rangeOf(args[0]), implicit: true, value: valueOf(args[0], isBeta, depth + 1) });
      return { kind: 'object', ...base, typeName: name, fields };
    }
    return { kind: 'call', ...base };
  }

  /** Implicit `type` of a tool / thinking struct from its Go type name (`ToolBash20250124Param` → `bash_20250124`). */
  function typeFromTypeName(typeName: string): string | undefined {
    const t = typeName.replace(/^Beta/, '');
    const thinking = /^ThinkingConfig(Enabled|Adaptive|Disabled)Param$/.exec(t);
    if (thinking) return thinking[1].toLowerCase();
    const core = t.replace(/Param$/, '');
    if (!/\d{8}$/.test(core) || !/Tool/.test(core)) return undefined;
    // Server-tool structs name their type and version: ToolTextEditor20250728Param → text_editor_20250728,
    // CodeExecutionTool20260120Param → code_execution_20260120; the tool-search tools keep "tool".
    if (/^ToolSearchTool/.test(core)) return snakeCase(core);
    return snakeCase(core.replace(/Tool(?=[A-Z\d]|$)/g, ''));
  }

  function compositeValue(n: Node, beta: boolean, depth: number, elidedType?: string): ValueView {
    const base = { range: rangeOf(n), text: n.text };
    const typeNode = n.childForFieldName('type');
    const body = n.type === 'literal_value' ? n : n.childForFieldName('body');
    const typeText = typeNode?.text ?? elidedType;
    const sdkType = sdkTypeName(typeNode) ?? (elidedType && /^\w+\.\w+$/.test(elidedType) ? elidedType.split('.')[1] : undefined);
    const isBeta = beta || !!sdkType?.startsWith('Beta');
    if (!body) return { kind: 'other', ...base };
    const elements = body.namedChildren.filter((c) => c.type === 'keyed_element' || c.type === 'literal_element');
    const inner = { start: body.startIndex + 1, end: body.endIndex - 1 };
    const items = elements.map(rangeOf);
    const isMap = typeNode?.type === 'map_type';
    const isSlice = typeNode?.type === 'slice_type' || typeNode?.type === 'array_type' || typeNode?.type === 'implicit_length_array_type' || (!isMap && elements.length > 0 && elements.every((e) => e.type === 'literal_element'));
    if (isSlice) {
      const elemType = typeNode?.childForFieldName('element')?.text;
      registerContainer(base.range, { kind: 'slice', inner, items, typeText, beta: isBeta });
      return {
        kind: 'array', ...base, typeName: typeText,
        elements: elements.map((e) => {
          const v = e.namedChildren[0];
          if (v?.type === 'literal_value') return compositeValue(v, isBeta, depth + 1, elemType?.replace(/^\*/, ''));
          return valueOf(v ?? e, isBeta, depth + 1);
        }),
      };
    }
    const fields: FieldView[] = [];
    for (const e of elements) {
      if (e.type !== 'keyed_element') continue;
      const [keyEl, valEl] = e.namedChildren.filter((c) => c.type !== 'comment');
      const keyNode = keyEl?.namedChildren[0] ?? keyEl;
      const valNode = valEl?.namedChildren[0] ?? valEl;
      if (!keyNode || !valNode) continue;
      const ks = stringContent(keyNode, text);
      const sourceKey = ks ? ks.value : keyNode.text;
      const key = ks || isMap ? sourceKey : snakeCase(sourceKey);
      const valueType = isMap ? typeNode?.childForFieldName('value')?.text : undefined;
      const value = valNode.type === 'literal_value' ? compositeValue(valNode, isBeta, depth + 1, valueType) : valueOf(valNode, isBeta, depth + 1);
      fields.push({ key, sourceKey, range: rangeOf(e), keyRange: rangeOf(keyNode), value });
    }
    // Union wrappers (`ThinkingConfigParamUnion{OfAdaptive: &…}`, `ToolUnionParam{OfTool: &t}`) stand for their one variant.
    if (!isMap && fields.length === 1 && /^Of[A-Z]/.test(fields[0].sourceKey) && (fields[0].value.kind === 'object' || fields[0].value.kind === 'reference')) {
      const variant = fields[0].value;
      const variantName = fields[0].sourceKey.slice(2);
      const out: ValueView = { ...variant, range: base.range, text: base.text, typeName: typeText };
      const innerContainer = containers.get(rangeKey(stripAmp(valElOf(elements[0]))));
      if (innerContainer) registerContainer(base.range, innerContainer);
      if (variant.kind === 'object' && !variant.fields?.some((f) => f.key === 'type')) {
        const implied = (variant.typeName && typeFromTypeName(variant.typeName.replace(/^\w+\./, ''))) ?? (variantName === 'Tool' ? undefined : snakeCase(variantName));
        if (implied) out.fields = [implicitField('type', implied, keyNodeOf(elements[0])), ...(variant.fields ?? [])];
      }
      return out;
    }
    registerContainer(base.range, { kind: isMap ? 'map' : 'struct', inner, items, typeText, beta: isBeta });
    if (!isMap && sdkType && !fields.some((f) => f.key === 'type')) {
      const implied = typeFromTypeName(sdkType);
      if (implied) fields.unshift(implicitField('type', implied, typeNode!));
    }
    return { kind: 'object', ...base, fields, typeName: typeText };
  }
  function valElOf(keyed: Node): Node {
    const parts = keyed.namedChildren.filter((c) => c.type !== 'comment');
    return parts[1]?.namedChildren[0] ?? parts[1] ?? keyed;
  }
  function keyNodeOf(keyed: Node): Node {
    const parts = keyed.namedChildren.filter((c) => c.type !== 'comment');
    return parts[0]?.namedChildren[0] ?? parts[0] ?? keyed;
  }
  function stripAmp(n: Node): Range {
    let x = stripPointer(n);
    if (x.type === 'unary_expression') x = stripPointer(x.childForFieldName('operand') ?? x);
    if (x.type === 'identifier') {
      const def = resolve(x);
      if (def) return rangeOf(stripPointer(def.value));
    }
    return rangeOf(x);
  }

  // ---------------------------------------------------------------- clients

  interface ClientInfo { platform: Platform; headers: HeaderView[] }
  const clientsByName = new Map<string, ClientInfo>();
  const clients: ClientView[] = [];

  function headerOption(arg: Node): { name: string; value: ValueView } | undefined {
    const a = stripPointer(arg);
    if (a.type !== 'call_expression') return undefined;
    const fn = a.childForFieldName('function');
    if (fn?.type !== 'selector_expression' || !isSdk(fn.childForFieldName('operand'), imports.option)) return undefined;
    if (!HEADER_OPTIONS.includes(fn.childForFieldName('field')?.text ?? '')) return undefined;
    const [k, v] = (a.childForFieldName('arguments')?.namedChildren ?? []).filter((c) => c.type !== 'comment');
    const key = k && stringContent(k, text);
    if (!key || !v) return undefined;
    return { name: key.value.toLowerCase(), value: valueOf(v, false) };
  }

  /** Header options among call arguments, as fields of the argument list (so one can be removed with its comma). */
  function headersOf(argsNode: Node, scope: 'request' | 'client', skip: number): HeaderView[] {
    const args = argsNode.namedChildren.filter((c) => c.type !== 'comment');
    const fields: FieldView[] = [];
    const found: { field: FieldView; value: ValueView }[] = [];
    args.slice(skip).forEach((arg) => {
      const h = headerOption(arg);
      if (!h) return;
      const field: FieldView = { key: h.name, sourceKey: h.name, range: rangeOf(arg), value: h.value };
      fields.push(field);
      found.push({ field, value: h.value });
    });
    if (!found.length) return [];
    const container: ValueView = { kind: 'object', range: rangeOf(argsNode), text: argsNode.text, fields };
    registerContainer(container.range, { kind: 'args', inner: { start: argsNode.startIndex + 1, end: argsNode.endIndex - 1 }, items: args.map(rangeOf), beta: false });
    return found.map(({ field, value }) => ({ name: field.key, range: field.range, value, scope, field, container }));
  }

  function bindingName(call: Node): string | undefined {
    // client := anthropic.NewClient(...) / client, err := bedrock.NewMantleClient(...) / s.client = ... / var client = ...
    let p = call.parent;
    if (p?.type === 'expression_list') p = p.parent;
    if (!p) return undefined;
    if (p.type === 'short_var_declaration' || p.type === 'assignment_statement' || p.type === 'var_spec') {
      const left = p.type === 'var_spec' ? p.childrenForFieldName('name') : p.childForFieldName('left')?.namedChildren ?? [];
      return receiverName(left[0] ?? null);
    }
    if (p.type === 'keyed_element') return p.namedChildren[0]?.text;
    return undefined;
  }

  for (const call of calls) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression') continue;
    const operand = fn.childForFieldName('operand');
    const fname = fn.childForFieldName('field')?.text;
    const argsNode = call.childForFieldName('arguments');
    if (!argsNode || !fname) continue;
    let platform: Platform | undefined;
    if (isSdk(operand, imports.sdk) && fname === 'NewClient') {
      platform = 'first-party';
      for (const arg of argsNode.namedChildren) {
        const afn = arg.type === 'call_expression' ? arg.childForFieldName('function') : null;
        const aop = afn?.type === 'selector_expression' ? afn.childForFieldName('operand') : null;
        if (isSdk(aop, imports.bedrock)) platform = 'bedrock';
        else if (isSdk(aop, imports.vertex)) platform = 'vertex';
      }
    } else if (isSdk(operand, imports.bedrock) && fname === 'NewMantleClient') platform = 'bedrock';
    else if (isSdk(operand, imports.aws) && fname === 'NewClient') platform = 'aws';
    else if (isSdk(operand, imports.googlecloud) && fname === 'NewClient') platform = 'unknown'; // Claude Platform on Google Cloud: no Platform value of its own
    if (!platform) continue;
    clients.push({ platform, range: rangeOf(call), constructor: fn.text });
    const headers = headersOf(argsNode, 'client', 0);
    const name = bindingName(call);
    if (name) clientsByName.set(name, { platform, headers });
  }
  // Parameters and struct fields typed as an SDK client.
  for (const { name, type } of typedNames) {
    if (clientsByName.has(name)) continue;
    const t = type.type === 'pointer_type' ? type.namedChildren[0] : type;
    if (t?.type !== 'qualified_type') continue;
    const pkg = t.childForFieldName('package')?.text;
    const tn = t.childForFieldName('name')?.text;
    if (pkg === imports.sdk && tn === 'Client') clientsByName.set(name, { platform: 'unknown', headers: [] });
    else if (pkg === imports.bedrock && tn === 'MantleClient') clientsByName.set(name, { platform: 'bedrock', headers: [] });
    else if (pkg === imports.aws && tn === 'Client') clientsByName.set(name, { platform: 'aws', headers: [] });
  }

  // ---------------------------------------------------------------- requests

  const requests: RequestView[] = [];
  const requestNodes: GoAnalysis['requestNodes'] = new Map();
  const modelRanges: Range[] = [];
  const toolValues = new Map<string, ValueView>();

  const METHODS: Record<string, { method: RequestMethod; streaming: boolean }> = {
    New: { method: 'create', streaming: false },
    NewStreaming: { method: 'stream', streaming: true },
    CountTokens: { method: 'count_tokens', streaming: false },
  };

  for (const call of calls) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression') continue;
    const { root: chainRoot, names } = selectorChain(fn);
    const last = names[names.length - 1];
    let i = names.length - 2;
    let batch = false;
    if (names[i] === 'Batches' && last === 'New') { batch = true; i--; }
    else if (!METHODS[last]) continue;
    if (names[i] !== 'Messages') continue;
    const beta = names[i - 1] === 'Beta';
    const receiverParts = names.slice(0, beta ? i - 1 : i);
    const recvName = receiverParts.length ? receiverParts[receiverParts.length - 1] : receiverName(chainRoot);
    const argsNode = call.childForFieldName('arguments');
    const args = (argsNode?.namedChildren ?? []).filter((c) => c.type !== 'comment');
    const paramsArg = args[1];
    const client = recvName ? clientsByName.get(recvName) : undefined;
    let paramsNode = paramsArg ? stripPointer(paramsArg) : undefined;
    let paramsDefinition: GoDefinition | undefined;
    if (paramsNode?.type === 'identifier') {
      paramsDefinition = resolve(paramsNode);
      if (paramsDefinition) paramsNode = stripPointer(paramsDefinition.value);
    }
    const paramsSdkType = paramsNode?.type === 'composite_literal' ? sdkTypeName(paramsNode.childForFieldName('type')) : undefined;
    // Only calls that go to Claude: an Anthropic client, or SDK-typed params in a file importing the SDK.
    if (!client && !(imports.importsSdk && (paramsSdkType || /anthropic|claude/i.test(recvName ?? '')))) continue;
    const platform = client?.platform ?? 'unknown';
    const requestHeaders = argsNode ? headersOf(argsNode, 'request', 2) : [];
    const headers = [...requestHeaders, ...(client?.headers ?? [])];
    const callee = rangeOf(fn);
    if (batch) {
      if (!paramsNode) continue;
      walk(paramsNode, (n) => {
        if (n.type !== 'keyed_element') return;
        const [k, v] = n.namedChildren.filter((c) => c.type !== 'comment');
        const valueNode = v?.namedChildren[0];
        if (k?.text !== 'Params' || valueNode?.type !== 'composite_literal') return;
        const params = compositeValue(valueNode, beta, 0);
        const req: RequestView = { language: 'go', kind: 'sdk-call', method: 'batch', beta, platform, range: rangeOf(valueNode), callee, params, headers, streaming: false };
        requests.push(req);
        requestNodes.set(req, { call, paramsNode: valueNode });
        return false;
      });
      continue;
    }
    const m = METHODS[last];
    let params: ValueView;
    if (paramsNode?.type === 'composite_literal') params = compositeValue(paramsNode, beta, 0);
    else if (paramsArg) params = { ...valueOf(paramsArg, beta), kind: 'reference' };
    else params = { kind: 'other', range: rangeOf(call), text: call.text };
    if (paramsDefinition && paramsArg) {
      params = { ...params, via: { name: paramsArg.text, useRange: rangeOf(paramsArg), definitionRange: rangeOf(paramsDefinition.statement), references: referenceCount(paramsDefinition) } };
    }
    const req: RequestView = {
      language: 'go', kind: 'sdk-call', method: m.method, beta, platform, range: rangeOf(call), callee, params, headers, streaming: m.streaming,
    };
    if (params.kind !== 'object') req.opaqueSpread = true;
    requests.push(req);
    requestNodes.set(req, { call, paramsNode, paramsDefinition });
  }
  // Raw HTTP: http.NewRequest(…, ".../v1/messages", bytes.NewReader(body)) with body from json.Marshal(map literal).
  for (const call of calls) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression' || !/^(NewRequest|NewRequestWithContext|Post)$/.test(fn.childForFieldName('field')?.text ?? '')) continue;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((c) => c.type !== 'comment');
    const urlArg = args.find((a) => {
      const v = valueOf(a, false);
      return typeof v.literal === 'string' ? /\/v1\/messages(\/count_tokens|\/batches)?\b/.test(v.literal) : /\/v1\/messages/.test(v.text);
    });
    if (!urlArg) continue;
    const body = httpBody(args.at(-1));
    if (!body) continue;
    const params = compositeValue(body, false, 0);
    const url = valueOf(urlArg, false);
    const method: RequestMethod = /count_tokens/.test(String(url.literal ?? url.text)) ? 'count_tokens' : 'create';
    const streaming = params.fields?.some((f) => f.key === 'stream' && f.value.literal === true) ?? false;
    const req: RequestView = { language: 'go', kind: 'http', method, beta: false, platform: /bedrock-mantle/.test(String(url.literal ?? '')) ? 'bedrock' : 'unknown', range: rangeOf(call), params, headers: httpHeaders(call), streaming };
    requests.push(req);
    requestNodes.set(req, { call, paramsNode: body });
  }
  // The SDK's params literal handed to code this file does not show (`ai.WithConfig(&anthropic.MessageNewParams{…})`
  // in a framework, a helper returning one): a request body all the same.
  const paramsSeen = new Set([...requestNodes.values()].map((n) => n.paramsNode?.startIndex));
  for (const n of composites) {
    const type = sdkTypeName(n.childForFieldName('type'));
    if (!type || !/^(Beta)?MessageNewParams$/.test(type) || paramsSeen.has(n.startIndex)) continue;
    const params = compositeValue(n, type.startsWith('Beta'), 0);
    const req: RequestView = { language: 'go', kind: 'payload', method: 'create', beta: false, platform: 'unknown', range: rangeOf(n), params, headers: [], streaming: false };
    requests.push(req);
    requestNodes.set(req, { call: n, paramsNode: n });
  }
  /** bytes.NewReader(b) / bytes.NewBuffer(b) / strings.NewReader(s) → the map literal b was marshalled from. */
  function httpBody(arg: Node | undefined): Node | undefined {
    let n = arg ? stripPointer(arg) : undefined;
    for (let hops = 0; n && hops < 6; hops++) {
      if (n.type === 'composite_literal') return n.childForFieldName('type')?.type === 'map_type' ? n : undefined;
      if (n.type === 'identifier') {
        const def = resolve(n);
        n = def ? stripPointer(def.value) : undefined;
        continue;
      }
      if (n.type === 'call_expression' && /^(bytes\.NewReader|bytes\.NewBuffer|strings\.NewReader|json\.Marshal|json\.MarshalIndent)$/.test(n.childForFieldName('function')?.text ?? '')) {
        n = n.childForFieldName('arguments')?.namedChildren[0];
        continue;
      }
      return undefined;
    }
    return undefined;
  }
  /**
   * req.Header.Set("anthropic-beta", "…") in the function that builds the request. Each call that is a
   * statement of its own is a field of a 'stmts' container (the function body), so a header can be
   * removed with its line.
   */
  function httpHeaders(call: Node): HeaderView[] {
    const scope = enclosingFunction(call);
    const body = scope?.childForFieldName('body');
    if (!scope || !body) return [];
    const out: HeaderView[] = [];
    const fields: FieldView[] = [];
    const container: ValueView = { kind: 'object', range: rangeOf(body), text: body.text, fields };
    for (const c of calls) {
      if (c.startIndex < scope.startIndex || c.endIndex > scope.endIndex) continue;
      const f = c.childForFieldName('function');
      if (f?.type !== 'selector_expression' || !/^(Set|Add)$/.test(f.childForFieldName('field')?.text ?? '') || !/\.Header$/.test(f.childForFieldName('operand')?.text ?? '')) continue;
      const [k, v] = (c.childForFieldName('arguments')?.namedChildren ?? []).filter((x) => x.type !== 'comment');
      const key = k && stringContent(k, text);
      if (!key || !v) continue;
      const header: HeaderView = { name: key.value.toLowerCase(), range: rangeOf(c), value: valueOf(v, false), scope: 'request' };
      if (c.parent?.type === 'expression_statement') {
        const field: FieldView = { key: header.name, sourceKey: key.value, range: rangeOf(c.parent), keyRange: rangeOf(k), value: header.value };
        fields.push(field);
        Object.assign(header, { field, container });
      }
      out.push(header);
    }
    if (fields.length) registerContainer(container.range, { kind: 'stmts', inner: { start: body.startIndex + 1, end: body.endIndex - 1 }, items: fields.map((x) => x.range), beta: false });
    return out;
  }

  for (const req of requests) {
    const model = req.params.fields?.find((f) => f.key === 'model');
    if (model) {
      modelRanges.push(model.value.range);
      if (model.value.via) modelRanges.push(model.value.via.definitionRange);
    }
  }

  // ---------------------------------------------------------------- tools

  if (imports.importsSdk) {
    for (const c of composites) {
      const tn = sdkTypeName(c.childForFieldName('type'));
      if (!tn || !/^(Beta)?(Tool\w*|\w+Tool\d+\w*)Param$/.test(tn) || /Union|Choice|Result|Use|InputSchema/.test(tn)) continue;
      const v = compositeValue(c, tn.startsWith('Beta'), 0);
      const isTool = v.fields?.some((f) => f.key === 'input_schema') || v.fields?.some((f) => f.key === 'type');
      if (isTool) toolValues.set(rangeKey(v.range), v);
    }
  }

  // Tool objects written inside a request's params (raw-HTTP bodies: `{"type": "text_editor_20250124", …}` maps).
  // (SDK requests' tools are the struct literals collected above; their union wrappers would be duplicates.)
  for (const req of requests) {
    if (req.kind !== 'http') continue;
    for (const el of req.params.fields?.find((f) => f.key === 'tools')?.value.elements ?? []) {
      if (el.kind === 'object' && el.fields?.some((f) => f.key === 'type' || f.key === 'input_schema') && !toolValues.has(rangeKey(el.range))) toolValues.set(rangeKey(el.range), el);
    }
  }

  // ---------------------------------------------------------------- response uses

  const responseUses: ResponseUse[] = [];
  if (imports.importsSdk) {
    for (const sel of selectors) {
      if (sel.childForFieldName('field')?.text !== 'Thinking') continue;
      const parent = sel.parent;
      if (parent?.type === 'selector_expression' && /^(Of\w+|BudgetTokens|Type|Display)$/.test(parent.childForFieldName('field')?.text ?? '')) continue;
      if (parent?.type === 'expression_list' && parent.parent?.type === 'assignment_statement' && parent.parent.childForFieldName('left')?.id === parent.id) continue;
      responseUses.push({ kind: 'thinking-text', range: rangeOf(sel) });
    }
    stopReasonUses(responseUses);
  }

  function stopValue(node: Node): string | undefined {
    const s = stringContent(node, text);
    if (s) return s.value;
    const name = sdkName(node);
    if (name && /^(Beta)?StopReason/.test(name)) return enumValueFromConstant(name);
    return undefined;
  }
  function mentionsStopReason(node: Node | null): boolean {
    if (!node) return false;
    const n = stripPointer(node);
    if (n.type === 'selector_expression') return n.childForFieldName('field')?.text === 'StopReason';
    if (n.type === 'identifier') return /stop_?reason/i.test(n.text);
    if (n.type === 'call_expression') return /^(string|anthropic\.StopReason)$/.test(n.childForFieldName('function')?.text ?? '') && mentionsStopReason(n.childForFieldName('arguments')?.namedChildren[0] ?? null);
    return false;
  }
  function stopReasonUses(out: ResponseUse[]) {
    const groups = new Map<number, { range: Range; values: Set<string> }>();
    const add = (anchor: Node, value: string | undefined) => {
      let g = groups.get(anchor.id);
      if (!g) groups.set(anchor.id, (g = { range: rangeOf(anchor), values: new Set() }));
      if (value) g.values.add(value);
    };
    for (const sw of switches) {
      if (!mentionsStopReason(sw.childForFieldName('value'))) continue;
      add(sw, undefined);
      for (const c of sw.namedChildren) {
        if (c.type !== 'expression_case') continue;
        for (const v of c.childForFieldName('value')?.namedChildren ?? []) add(sw, stopValue(v));
      }
    }
    for (const b of comparisons) {
      const op = b.childForFieldName('operator')?.text;
      if (op !== '==' && op !== '!=') continue;
      const l = b.childForFieldName('left');
      const r = b.childForFieldName('right');
      const value = mentionsStopReason(l) ? stopValue(r!) : mentionsStopReason(r) ? stopValue(l!) : undefined;
      if (value === undefined) continue;
      add(comparisonAnchor(b), value);
    }
    for (const g of groups.values()) out.push({ kind: 'stop-reason', range: g.range, values: [...g.values] });
  }
  /** The if/else-if chain or switch a comparison belongs to (so `values` covers every branch). */
  function comparisonAnchor(b: Node): Node {
    let anchor: Node = b;
    for (let p = b.parent; p; p = p.parent) {
      if (p.type === 'if_statement') {
        anchor = p;
        while (anchor.parent?.type === 'if_statement' && anchor.parent.childForFieldName('alternative')?.id === anchor.id) anchor = anchor.parent;
        return anchor;
      }
      if (p.type === 'expression_switch_statement') return p;
      if (p.type === 'block' || p.type === 'function_declaration') break;
    }
    return anchor;
  }

  const view: FileView = {
    language: 'go',
    requests,
    clients,
    responseUses,
    tools: [...toolValues.values()],
    strings,
    comments,
    syntaxErrors,
  };
  return { view, imports, containers, definitions, requestNodes, modelRanges };
}

function readImports(root: Node): GoImports {
  const out: GoImports = { importsSdk: false };
  walk(root, (n) => {
    if (n.type === 'function_declaration' || n.type === 'method_declaration') return false;
    if (n.type !== 'import_spec') return;
    const pathNode = n.childForFieldName('path');
    const path = pathNode ? pathNode.text.slice(1, -1) : '';
    const alias = n.childForFieldName('name')?.text;
    if (!path.startsWith(SDK_MODULE)) return false;
    out.importsSdk = true;
    const rest = path.slice(SDK_MODULE.length).replace(/^\//, '');
    const local = alias && alias !== '_' && alias !== '.' ? alias : rest === '' ? 'anthropic' : rest.split('/').pop()!;
    if (rest === '') out.sdk = local;
    else if (rest === 'option') out.option = local;
    else if (rest === 'bedrock') out.bedrock = local;
    else if (rest === 'vertex') out.vertex = local;
    else if (rest === 'aws') out.aws = local;
    else if (rest === 'googlecloud') out.googlecloud = local;
    else if (rest === 'packages/param') out.param = local;
    return false;
  });
  return out;
}
