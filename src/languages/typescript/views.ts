// TS/JS source → the neutral FileView: clients, requests (SDK calls, batch `params`, raw HTTP
// bodies) with their params object, headers, response uses, tools, strings and comments. The
// syntax every view object came from stays reachable (ValueContext maps) for the renderer.
import type { ClientView, FieldView, FileView, HeaderView, LanguageId, Platform, Range, RequestMethod, RequestView, ResponseUse, ValueView } from '../types.js';
import { collectScopes, resolve, type Binding, type Scopes } from './scope.js';
import { CLIENT_CLASSES, CLIENT_COPIES, MESSAGES_PATH, MESSAGE_METHODS, MOCK_FACTORIES, NON_CLAUDE_CONSTRUCTORS, NON_CLIENT_RESOURCES, PARAMS_LIKE, SDK_PACKAGES, STOP_REASON, TOOL_TYPE, platformOfUrl, sdkPackageOf } from './sdk.js';
import { accessName, calleeName, isStringy, isWriteTarget, languageOf, rangeKey, rangeOf, syntaxErrorCount, textOf, ts, unwrap } from './syntax.js';
import { classMemberDefinition, newValueContext, valueOf, type ValueContext } from './values.js';

export interface TsAnalysis {
  sf: ts.SourceFile;
  text: string;
  language: LanguageId;
  view: FileView;
  ctx: ValueContext;
  /** Params objects (by range) that may hold fields we cannot see: add-field is refused there. */
  opaqueParams: Set<string>;
  requestCalls: Map<RequestView, ts.Node>;
  /** Object literals that are request params: their entries are arguments, not a collection. */
  paramsObjects: Set<ts.Node>;
  /** Ranges of request `model` values (and their definitions / use sites) for contextAt. */
  modelRanges: Range[];
  /** The quote most string literals in the file use. */
  quote: "'" | '"';
}

interface ReceiverInfo {
  platforms: Set<Platform>;
  ctors: ts.NewExpression[];
  nonClaude: boolean;
}

/** LangChain's Anthropic chat model classes (checked against langchain-ai/langchainjs, libs/providers/langchain-anthropic). */
const LANGCHAIN_PACKAGE = /^@langchain\/anthropic(\/.*)?$/;
const LANGCHAIN_CLASSES = new Set(['ChatAnthropic', 'ChatAnthropicMessages']);
/** Wrapper settings (LangChain's constructor fields, the AI SDK's call settings) under their Messages API names. */
const WRAPPER_KEYS: Record<string, string> = { modelName: 'model', topP: 'top_p', topK: 'top_k', maxTokens: 'max_tokens', maxOutputTokens: 'max_tokens', outputConfig: 'output_config', stopSequences: 'stop_sequences' };

/** The SDK's request params types (`Anthropic.MessageCreateParams`, `MessageCreateParamsNonStreaming`, `BetaMessageCreateParams`). */
const PARAMS_TYPE = /\b(?:Beta)?Message(?:CreateParams(?:NonStreaming|Streaming|Base)?|StreamParams|CountTokensParams)\b/;

/**
 * The type an object literal is declared with: `const x: T = {…}`, `{…} satisfies T`, `{…} as T`, or the
 * return type of the function returning it (`function args(): Omit<T, 'messages'> { return {…} }`).
 */
function declaredTypeOf(o: ts.ObjectLiteralExpression, sf: ts.SourceFile): string | undefined {
  let n: ts.Node = o;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if ((ts.isAsExpression(p) || ts.isSatisfiesExpression(p)) && p.expression === n) return textOf(p.type, sf);
  if (ts.isVariableDeclaration(p) && p.initializer === n) return p.type ? textOf(p.type, sf) : undefined;
  const fn = ts.isReturnStatement(p) ? ts.findAncestor(p, ts.isFunctionLike) : ts.isArrowFunction(p) && p.body === n ? p : undefined;
  return fn && 'type' in fn && fn.type ? textOf(fn.type as ts.TypeNode, sf) : undefined;
}

/** The Vercel AI SDK's Anthropic provider (checked against vercel/ai packages/anthropic): its model factories. */
const AI_SDK_MODEL_METHODS = new Set(['messages', 'languageModel', 'chat']);

type ChainInfo = { receiver: ts.Expression; beta: boolean; method: string; batches: boolean };

/** `<receiver>[.beta].messages[.batches].<method>` (OpenAI's `beta.threads.messages` does not match). */
export function messagesChain(callee: ts.Expression): ChainInfo | undefined {
  const fn = unwrap(callee);
  if (!ts.isPropertyAccessExpression(fn)) return undefined;
  const method = fn.name.text;
  if (!(method in MESSAGE_METHODS)) return undefined;
  let obj = unwrap(fn.expression);
  let batches = false;
  if (ts.isPropertyAccessExpression(obj) && obj.name.text === 'batches') {
    if (method !== 'create') return undefined;
    batches = true;
    obj = unwrap(obj.expression);
  }
  if (!ts.isPropertyAccessExpression(obj) || obj.name.text !== 'messages') return undefined;
  obj = unwrap(obj.expression);
  let beta = false;
  if (ts.isPropertyAccessExpression(obj) && obj.name.text === 'beta') {
    beta = true;
    obj = unwrap(obj.expression);
  }
  return { receiver: obj, beta, method, batches };
}

/** Tokens whose text may hold `//` or `/*` without being a comment. */
const LITERAL_KINDS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateHead, ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail, ts.SyntaxKind.RegularExpressionLiteral, ts.SyntaxKind.JsxText,
]);

const isLineBreak = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/**
 * Every comment (JSX text is not trivia: skipped; a leading `#!` line is not a comment). Found from the
 * text's `//` and `/*` marks, keeping those outside literal tokens: one walk into only the subtrees that
 * hold a mark, instead of materialising every token (getChildren), which cost a third of analyzeTs.
 */
function collectComments(sf: ts.SourceFile): Range[] {
  const text = sf.text;
  const marks: number[] = [];
  for (let i = text.indexOf('/'); i !== -1 && i < text.length - 1; i = text.indexOf('/', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next === 47 || next === 42) marks.push(i);
  }
  if (marks.length === 0) return [];
  const firstAtOrAfter = (pos: number): number => {
    let lo = 0;
    let hi = marks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (marks[mid] < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const inLiteral = new Set<number>();
  const rec = (n: ts.Node): void => {
    if (LITERAL_KINDS.has(n.kind)) {
      // JsxText has no trivia of its own (getStart would stop at a `//` inside it).
      const start = n.kind === ts.SyntaxKind.JsxText ? n.pos : n.getStart(sf);
      for (let k = firstAtOrAfter(start); k < marks.length && marks[k] < n.end; k++) inLiteral.add(marks[k]);
      return;
    }
    ts.forEachChild(n, (c) => {
      const k = firstAtOrAfter(c.pos);
      if (k < marks.length && marks[k] < c.end) rec(c);
    });
  };
  rec(sf);
  const out: Range[] = [];
  let covered = 0;
  if (text.startsWith('#!')) while (covered < text.length && !isLineBreak(text.charCodeAt(covered))) covered++;
  for (const m of marks) {
    if (m < covered || inLiteral.has(m)) continue;
    let end: number;
    if (text.charCodeAt(m + 1) === 47) {
      end = m + 2;
      while (end < text.length && !isLineBreak(text.charCodeAt(end))) end++;
    } else {
      const close = text.indexOf('*/', m + 2);
      end = close === -1 ? text.length : close + 2;
    }
    out.push({ start: m, end });
    covered = end;
  }
  return out;
}

function stringParts(n: ts.Node, sf: ts.SourceFile): { range: Range; contentRange: Range; value: string } | undefined {
  // Kind first: rangeOf scans leading trivia, and this runs on every node of the file.
  // Quotes and template delimiters around the content: "…" `…` / head "`…${" / middle "}…${" / tail "}…`".
  let closing: number;
  switch (n.kind) {
    case ts.SyntaxKind.StringLiteral: case ts.SyntaxKind.NoSubstitutionTemplateLiteral: case ts.SyntaxKind.TemplateTail: closing = 1; break;
    case ts.SyntaxKind.TemplateHead: case ts.SyntaxKind.TemplateMiddle: closing = 2; break;
    default: return undefined;
  }
  const r = rangeOf(n, sf);
  return { range: r, contentRange: { start: r.start + 1, end: r.end - closing }, value: (n as ts.TemplateLiteralLikeNode).text };
}

export function analyzeTs(sf: ts.SourceFile, path: string): TsAnalysis {
  const text = sf.text;
  const language = languageOf(path);
  const strings: FileView['strings'] = [];
  const calls: ts.CallExpression[] = [];
  const news: ts.NewExpression[] = [];
  const accesses: (ts.PropertyAccessExpression | ts.ElementAccessExpression)[] = [];
  const binaries: ts.BinaryExpression[] = [];
  const switches: ts.SwitchStatement[] = [];
  const objects: ts.ObjectLiteralExpression[] = [];
  let singles = 0;
  let doubles = 0;

  // Called for every node, in source order, by the scope walk (one traversal for both).
  const see = (n: ts.Node): void => {
    const s = stringParts(n, sf);
    if (s) {
      strings.push(s);
      if (n.kind === ts.SyntaxKind.StringLiteral) {
        if (text[s.range.start] === "'") singles++;
        else doubles++;
      }
      return;
    }
    switch (n.kind) {
      case ts.SyntaxKind.CallExpression: calls.push(n as ts.CallExpression); break;
      case ts.SyntaxKind.NewExpression: news.push(n as ts.NewExpression); break;
      case ts.SyntaxKind.PropertyAccessExpression:
      case ts.SyntaxKind.ElementAccessExpression: accesses.push(n as ts.PropertyAccessExpression | ts.ElementAccessExpression); break;
      case ts.SyntaxKind.BinaryExpression: binaries.push(n as ts.BinaryExpression); break;
      case ts.SyntaxKind.SwitchStatement: switches.push(n as ts.SwitchStatement); break;
      case ts.SyntaxKind.ObjectLiteralExpression: objects.push(n as ts.ObjectLiteralExpression); break;
    }
  };
  const scopes = collectScopes(sf, see);
  const ctx = newValueContext(sf, path, scopes);
  const comments = collectComments(sf);

  const sdkImports = scopes.imports.filter((b) => b.module && sdkPackageOf(b.module));
  const importsSdk = sdkImports.length > 0;

  // ---- clients ----
  /** The client class a constructor callee names, when it is an Anthropic client. */
  const clientClass = (callee: ts.Expression): { name: string; platform: Platform } | undefined => {
    const e = unwrap(callee);
    const name = textOf(e, sf);
    if (ts.isIdentifier(e)) {
      const b = resolve(scopes, e.text, e);
      if (b?.kind === 'import' && b.module) {
        const pkg = sdkPackageOf(b.module);
        if (pkg) {
          const cls = b.imported === 'default' || b.imported === '*' ? SDK_PACKAGES[pkg] : b.imported!;
          return CLIENT_CLASSES[cls] ? { name, platform: CLIENT_CLASSES[cls] } : undefined;
        }
        // A local module re-exporting the SDK class under its own name.
        if (b.module.startsWith('.') && CLIENT_CLASSES[b.imported ?? '']) return { name, platform: CLIENT_CLASSES[b.imported!] };
        return undefined;
      }
      if (!b && CLIENT_CLASSES[e.text]) return { name, platform: CLIENT_CLASSES[e.text] };
      return undefined;
    }
    if (ts.isPropertyAccessExpression(e)) {
      const last = e.name.text;
      let root: ts.Expression = e.expression;
      while (ts.isPropertyAccessExpression(root)) root = root.expression;
      if (!ts.isIdentifier(root)) return undefined;
      const b = resolve(scopes, root.text, root);
      const pkg = b?.kind === 'import' && b.module ? sdkPackageOf(b.module) : undefined;
      if (pkg) {
        const cls = last === 'default' ? SDK_PACKAGES[pkg] : last;
        return CLIENT_CLASSES[cls] ? { name, platform: CLIENT_CLASSES[cls] } : undefined;
      }
      if (!b && /anthropic/i.test(root.text) && CLIENT_CLASSES[last]) return { name, platform: CLIENT_CLASSES[last] };
    }
    return undefined;
  };

  const clients: ClientView[] = [];
  const ctorHeaders = new Map<ts.NewExpression, HeaderView[]>();
  for (const n of news) {
    const cls = clientClass(n.expression);
    if (!cls) continue;
    clients.push({ platform: cls.platform, range: rangeOf(n, sf), constructor: cls.name });
    const opts = n.arguments?.[0] ? valueOf(ctx, n.arguments[0]) : undefined;
    const dh = opts?.fields?.find((f) => f.key === 'defaultHeaders');
    ctorHeaders.set(n, dh ? headersOf(dh.value, 'client') : []);
  }

  function headersOf(v: ValueView, scope: HeaderView['scope']): HeaderView[] {
    if (v.kind !== 'object' || !v.fields) return [];
    return v.fields.map((f) => ({ name: f.key.toLowerCase(), range: f.range, value: f.value, scope, field: f, container: v }));
  }

  /** Platforms named by a type annotation (`client: Anthropic`, `AnthropicBedrock | null`, `InstanceType<typeof Anthropic>`). */
  const annotationPlatforms = (type: ts.TypeNode): Platform[] => {
    const out: Platform[] = [];
    const visitType = (t: ts.Node): void => {
      let ref: ts.EntityName | undefined;
      if (ts.isTypeReferenceNode(t)) ref = t.typeName;
      else if (ts.isTypeQueryNode(t)) ref = t.exprName;
      if (ref) {
        const parts: string[] = [];
        let r: ts.EntityName = ref;
        while (ts.isQualifiedName(r)) {
          parts.unshift(r.right.text);
          r = r.left;
        }
        parts.unshift(r.text);
        const b = resolve(scopes, parts[0], t);
        const pkg = b?.kind === 'import' && b.module ? sdkPackageOf(b.module) : undefined;
        const last = parts[parts.length - 1];
        if (pkg) {
          const cls = parts.length === 1 ? (b!.imported === 'default' || b!.imported === '*' ? SDK_PACKAGES[pkg] : b!.imported!) : last === 'default' ? SDK_PACKAGES[pkg] : last;
          if (CLIENT_CLASSES[cls]) out.push(CLIENT_CLASSES[cls]);
        } else if (!b && CLIENT_CLASSES[last] && (parts.length === 1 || /anthropic/i.test(parts[0]))) out.push(CLIENT_CLASSES[last]);
      }
      ts.forEachChild(t, visitType);
    };
    visitType(type);
    return out;
  };

  /** Expressions returned by a function of this file named `name` (a declaration or a const arrow). */
  const returnsOf = (callee: ts.Identifier): ts.Expression[] => {
    const b = resolve(scopes, callee.text, callee);
    let fn: ts.SignatureDeclaration | undefined;
    if (b?.kind === 'function' && ts.isFunctionDeclaration(b.decl)) fn = b.decl;
    else if (b?.kind === 'var' && b.init && (ts.isArrowFunction(unwrap(b.init)) || ts.isFunctionExpression(unwrap(b.init)))) fn = unwrap(b.init) as ts.ArrowFunction;
    if (!fn) return [];
    const body = (fn as ts.FunctionLikeDeclarationBase).body;
    if (!body) return [];
    if (!ts.isBlock(body)) return [body];
    const out: ts.Expression[] = [];
    const rec = (n: ts.Node): void => {
      if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
      if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
      ts.forEachChild(n, rec);
    };
    ts.forEachChild(body, rec);
    return out;
  };

  /** Right-hand sides written to a binding after its declaration (`client = new Anthropic()`). */
  const writesOf = (b: Binding): ts.Expression[] => {
    const out: ts.Expression[] = [];
    for (const id of scopes.usesOf.get(b) ?? []) {
      const p = id.parent;
      if (ts.isBinaryExpression(p) && p.left === id && (p.operatorToken.kind === ts.SyntaxKind.EqualsToken || p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken || p.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken)) out.push(p.right);
    }
    return out;
  };

  const receiverCache = new Map<ts.Node, ReceiverInfo>();
  const receiverInfo = (node: ts.Expression, depth = 0): ReceiverInfo => {
    const info: ReceiverInfo = { platforms: new Set(), ctors: [], nonClaude: false };
    if (depth > 8) return info;
    const n = unwrap(node);
    const cached = receiverCache.get(n);
    if (cached) return cached;
    receiverCache.set(n, info); // cycles see an empty answer
    const merge = (o: ReceiverInfo) => {
      o.platforms.forEach((p) => info.platforms.add(p));
      info.ctors.push(...o.ctors);
      info.nonClaude ||= o.nonClaude;
    };
    if (ts.isNewExpression(n)) {
      const cls = clientClass(n.expression);
      if (cls) {
        info.platforms.add(cls.platform);
        info.ctors.push(n);
      } else if (NON_CLAUDE_CONSTRUCTORS.test(calleeName(n))) info.nonClaude = true;
    } else if (ts.isCallExpression(n)) {
      const fn = unwrap(n.expression);
      const name = textOf(fn, sf).replace(/<[\s\S]*>$/, '');
      if (MOCK_FACTORIES.test(name)) info.nonClaude = true;
      else if (ts.isPropertyAccessExpression(fn) && CLIENT_COPIES.has(fn.name.text)) merge(receiverInfo(fn.expression, depth + 1));
      else if (ts.isIdentifier(fn)) for (const r of returnsOf(fn)) merge(receiverInfo(r, depth + 1));
    } else if (ts.isObjectLiteralExpression(n)) {
      // A hand-made `{ messages: { create } }` stand-in.
      info.nonClaude = true;
    } else if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      merge(receiverInfo(n.left, depth + 1));
      merge(receiverInfo(n.right, depth + 1));
      // One Claude side is enough: `opts.client ?? new Anthropic()`.
      if (info.platforms.size) info.nonClaude = false;
    } else if (ts.isConditionalExpression(n)) {
      merge(receiverInfo(n.whenTrue, depth + 1));
      merge(receiverInfo(n.whenFalse, depth + 1));
      if (info.platforms.size) info.nonClaude = false;
    } else if (ts.isIdentifier(n)) {
      const b = resolve(scopes, n.text, n);
      if (b) {
        if (b.type) annotationPlatforms(b.type).forEach((p) => info.platforms.add(p));
        if (b.init) merge(receiverInfo(b.init, depth + 1));
        if (b.reassigned) for (const w of writesOf(b)) merge(receiverInfo(w, depth + 1));
        if (b.kind === 'param' && ts.isParameter(b.decl) && b.decl.initializer) merge(receiverInfo(b.decl.initializer, depth + 1));
      }
    } else if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && n.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const key = accessName(n);
      const def = key ? classMemberDefinition(ctx, n, key, true) : undefined;
      if (def?.type) annotationPlatforms(def.type).forEach((p) => info.platforms.add(p));
      for (const v of def?.values ?? []) merge(receiverInfo(v, depth + 1));
    } else if (ts.isPropertyAccessExpression(n)) {
      if (NON_CLIENT_RESOURCES.test(n.name.text)) info.nonClaude = true;
      else {
        // `deps.openai.messages` is judged by what the chain starts from.
        let root: ts.Expression = n;
        while (ts.isPropertyAccessExpression(root)) root = unwrap(root.expression);
        if (root !== n && receiverInfo(root, depth + 1).nonClaude && !/anthropic|claude/i.test(n.name.text)) info.nonClaude = true;
      }
    }
    return info;
  };

  // ---- requests ----
  const requests: RequestView[] = [];
  const requestCalls = new Map<RequestView, ts.Node>();
  const opaqueParams = new Set<string>();
  const paramsObjects = new Set<ts.Node>();
  const modelRanges: Range[] = [];

  const looksClaude = (v: ValueView) => {
    const m = v.fields?.find((f) => f.key === 'model')?.value;
    return typeof m?.literal === 'string' && /claude|anthropic/i.test(m.literal);
  };

  interface Built { params: ValueView; opaque: boolean }
  const buildParams = (arg: ts.Expression | undefined, owner: ts.Node): Built => {
    if (!arg) {
      const r = rangeOf(owner, sf);
      return { params: { kind: 'other', range: r, text: text.slice(r.start, r.end), fields: [] }, opaque: true };
    }
    const v = valueOf(ctx, arg);
    if (v.kind !== 'object') return { params: { ...v, fields: [] }, opaque: true };
    const lit = ctx.objects.get(rangeKey(v.range));
    if (lit) paramsObjects.add(lit);
    return { params: v, opaque: ctx.opaque.has(v) };
  };

  const pushRequest = (req: RequestView, call: ts.Node, opaque: boolean) => {
    if (opaque) {
      req.opaqueSpread = true;
      opaqueParams.add(rangeKey(req.params.range));
    }
    const model = req.params.fields?.find((f) => f.key === 'model');
    if (model) {
      // The whole field too: `model: m as 'claude-a' | 'claude-b'` names IDs outside the value itself.
      modelRanges.push(model.value.range, model.range);
      if (model.value.via) modelRanges.push(model.value.via.definitionRange, model.value.via.useRange);
    }
    requests.push(req);
    requestCalls.set(req, call);
  };

  const requestHeaders = (options: ts.Expression | undefined): HeaderView[] => {
    if (!options) return [];
    const o = valueOf(ctx, options);
    const h = o.fields?.find((f) => f.key === 'headers');
    return h ? headersOf(h.value, 'request') : [];
  };

  /** `params` objects of a batch's `requests`: literal items, items built in a `.map(…)`, pushed items. */
  const batchParamNodes = (requestsNode: ts.Expression): ts.Expression[] => {
    const roots: ts.Node[] = [];
    const n = unwrap(requestsNode);
    if (ts.isIdentifier(n)) {
      const b = resolve(scopes, n.text, n);
      if (b?.init) roots.push(b.init);
      if (b) {
        for (const id of scopes.usesOf.get(b) ?? []) {
          const acc = id.parent;
          if (ts.isPropertyAccessExpression(acc) && acc.expression === id && /^(push|unshift)$/.test(acc.name.text) && ts.isCallExpression(acc.parent)) roots.push(...acc.parent.arguments);
        }
      }
    } else roots.push(n);
    const out: ts.Expression[] = [];
    const rec = (x: ts.Node): void => {
      if (ts.isObjectLiteralExpression(x)) {
        for (const p of x.properties) {
          if (propertyKey(p) !== 'params') continue;
          if (ts.isPropertyAssignment(p)) {
            out.push(p.initializer);
            return;
          }
          if (ts.isShorthandPropertyAssignment(p)) {
            out.push(p.name);
            return;
          }
        }
      }
      ts.forEachChild(x, rec);
    };
    for (const r of roots) rec(r);
    return out;
  };

  for (const call of calls) {
    const chain = messagesChain(call.expression);
    if (!chain) continue;
    const info = receiverInfo(chain.receiver);
    if (info.nonClaude && info.platforms.size === 0) continue;
    const platform: Platform = info.platforms.size === 1 ? [...info.platforms][0] : 'unknown';
    const first = call.arguments[0];
    const recvText = textOf(chain.receiver, sf);
    const known = info.platforms.size > 0 || importsSdk || /anthropic|claude/i.test(recvText);
    const clientHeaders = info.ctors.flatMap((c) => ctorHeaders.get(c) ?? []);
    const headers = [...requestHeaders(call.arguments[1]), ...clientHeaders];
    const callee = rangeOf(call.expression, sf);
    if (chain.batches) {
      const reqNode = first ? requestsProperty(unwrap(first), scopes, sf) : undefined;
      for (const pNode of reqNode ? batchParamNodes(reqNode) : []) {
        const built = buildParams(pNode, pNode);
        if (!known && !looksClaude(built.params)) continue;
        const stream = built.params.fields?.find((f) => f.key === 'stream');
        pushRequest({ language, kind: 'sdk-call', method: 'batch', beta: chain.beta, platform, range: rangeOf(unwrap(pNode), sf), callee, params: built.params, headers, streaming: stream?.value.literal === true }, call, built.opaque);
      }
      continue;
    }
    const built = buildParams(first, call);
    if (!known && !looksClaude(built.params)) continue;
    const method: RequestMethod = MESSAGE_METHODS[chain.method];
    const stream = built.params.fields?.find((f) => f.key === 'stream');
    pushRequest({
      language,
      kind: 'sdk-call',
      method,
      beta: chain.beta,
      platform,
      range: rangeOf(call, sf),
      callee,
      params: built.params,
      headers,
      streaming: method === 'stream' || stream?.value.literal === true,
    }, call, built.opaque);
  }

  // ---- LangChain's ChatAnthropic: its settings are forwarded to the Messages API ----
  for (const n of news) {
    const e = unwrap(n.expression);
    if (!ts.isIdentifier(e)) continue;
    const b = resolve(scopes, e.text, e);
    if (b?.kind !== 'import' || !b.module || !LANGCHAIN_PACKAGE.test(b.module) || !LANGCHAIN_CLASSES.has(b.imported ?? '')) continue;
    const arg = n.arguments?.[0];
    if (!arg) continue;
    const built = buildParams(arg, n);
    if (built.params.kind !== 'object') continue;
    const params: ValueView = { ...built.params, fields: built.params.fields?.map((f) => ({ ...f, key: WRAPPER_KEYS[f.key] ?? f.key })) };
    const streaming = params.fields?.find((f) => f.key === 'streaming');
    pushRequest({ language, kind: 'sdk-call', method: 'create', beta: false, platform: 'first-party', range: rangeOf(n, sf), params, headers: [], streaming: streaming?.value.literal === true, wrapper: 'langchain' }, n, built.opaque);
  }

  // ---- raw HTTP to /v1/messages ----
  for (const call of calls) {
    const http = httpRequestOf(call, ctx);
    if (!http) continue;
    const urlView = valueOf(ctx, http.url);
    const urlText = typeof urlView.literal === 'string' ? urlView.literal : urlView.text;
    const path = MESSAGES_PATH.exec(urlText);
    if (!path) continue;
    const platform = platformOfUrl(urlText);
    const headers = http.headers ? headersOf(valueOf(ctx, http.headers), 'request') : [];
    if (path[1] === '/batches') {
      const body = http.body ? unwrap(http.body) : undefined;
      const reqNode = body ? requestsProperty(body, scopes, sf) : undefined;
      for (const pNode of reqNode ? batchParamNodes(reqNode) : []) {
        const built = buildParams(pNode, pNode);
        if (built.params.kind === 'object') pushRequest({ language, kind: 'http', method: 'batch', beta: false, platform, range: rangeOf(unwrap(pNode), sf), params: built.params, headers, streaming: false }, call, built.opaque);
      }
      continue;
    }
    const built = buildParams(http.body, call);
    const stream = built.params.fields?.find((f) => f.key === 'stream');
    pushRequest({ language, kind: 'http', method: path[1] === '/count_tokens' ? 'count_tokens' : 'create', beta: false, platform, range: rangeOf(call, sf), params: built.params, headers, streaming: stream?.value.literal === true }, call, built.opaque);
  }

  // ---- the Vercel AI SDK: generateText({ model: anthropic('claude-…'), temperature, providerOptions: { anthropic: {…} } }) ----
  /** `anthropic('…')`, `anthropic.messages('…')`, or a provider made by `createAnthropic(…)`: its model ID argument. */
  const aiSdkModel = (node: ts.Expression, depth = 0): ts.Expression | undefined => {
    const e = unwrap(node);
    if (ts.isIdentifier(e) && depth < 3) {
      const b = resolve(scopes, e.text, e);
      return b?.init ? aiSdkModel(b.init, depth + 1) : undefined;
    }
    if (!ts.isCallExpression(e) || !e.arguments[0]) return undefined;
    let fn = unwrap(e.expression);
    if (ts.isPropertyAccessExpression(fn) && AI_SDK_MODEL_METHODS.has(fn.name.text)) fn = unwrap(fn.expression);
    if (!ts.isIdentifier(fn)) return undefined;
    const b = resolve(scopes, fn.text, fn);
    const fromPackage = (x: typeof b) => x?.kind === 'import' && x.module === '@ai-sdk/anthropic';
    if (fromPackage(b) && b!.imported === 'anthropic') return e.arguments[0];
    // `const claude = createAnthropic({ … })`
    const init = b?.init && unwrap(b.init);
    if (init && ts.isCallExpression(init) && ts.isIdentifier(unwrap(init.expression))) {
      const c = resolve(scopes, (unwrap(init.expression) as ts.Identifier).text, init);
      if (fromPackage(c) && c!.imported === 'createAnthropic') return e.arguments[0];
    }
    return undefined;
  };
  for (const o of objects) {
    const modelProp = o.properties.find((p) => propertyKey(p) === 'model');
    const modelExpr = modelProp && (ts.isPropertyAssignment(modelProp) ? modelProp.initializer : ts.isShorthandPropertyAssignment(modelProp) ? modelProp.name : undefined);
    const idNode = modelExpr && aiSdkModel(modelExpr);
    if (!modelProp || !idNode) continue;
    const built = buildParams(o, o);
    if (built.params.kind !== 'object') continue;
    const fields: FieldView[] = [];
    for (const f of built.params.fields ?? []) {
      if (f.key === 'model') fields.push({ ...f, value: valueOf(ctx, idNode) });
      else if (f.key === 'providerOptions') {
        const own = f.value.fields?.find((g) => g.key === 'anthropic');
        for (const g of own?.value.fields ?? []) {
          if (g.key === 'thinking') fields.push({ ...g, value: { ...g.value, fields: g.value.fields?.map((h) => (h.key === 'budgetTokens' ? { ...h, key: 'budget_tokens' } : h)) } });
          else if (g.key === 'effort' && own) fields.push({ key: 'output_config', sourceKey: 'anthropic', range: own.range, value: { ...own.value, fields: [g] } });
        }
      } else fields.push({ ...f, key: WRAPPER_KEYS[f.key] ?? f.key });
    }
    const params: ValueView = { ...built.params, fields };
    const host = o.parent && ts.isCallExpression(o.parent) ? calleeName(o.parent) : '';
    const headers = built.params.fields?.find((f) => f.key === 'headers');
    pushRequest({ language, kind: 'sdk-call', method: 'create', beta: false, platform: 'first-party', range: rangeOf(o, sf), params, headers: headers ? headersOf(headers.value, 'request') : [], streaming: /^stream/.test(host), wrapper: 'ai-sdk' }, o, built.opaque);
  }

  // ---- request bodies typed as the SDK's params (`const body: MessageCreateParams = {…}`, a builder
  // returning `Omit<MessageCreateParams, 'messages'>`), sent by code this file does not show ----
  for (const o of objects) {
    const type = declaredTypeOf(o, sf);
    const named = type && PARAMS_TYPE.exec(type);
    if (!named) continue;
    const range = rangeOf(o, sf);
    if (requests.some((r) => r.params.range.start === range.start && r.params.range.end === range.end)) continue;
    const built = buildParams(o, o);
    if (built.params.kind !== 'object') continue;
    const stream = built.params.fields?.find((f) => f.key === 'stream');
    pushRequest({ language, kind: 'payload', method: /CountTokens/.test(named[0]) ? 'count_tokens' : 'create', beta: /^Beta/.test(named[0]), platform: 'unknown', range, params: built.params, headers: [], streaming: stream?.value.literal === true || /StreamParams|ParamsStreaming/.test(named[0]) }, o, built.opaque);
  }

  // ---- response uses ----
  const responseUses = collectResponseUses(ctx, accesses, binaries, switches, calls);

  // ---- tools ----
  const tools: ValueView[] = [];
  for (const o of objects) {
    const keys = new Map<string, ts.Expression>();
    for (const p of o.properties) if (ts.isPropertyAssignment(p)) { const k = propertyKey(p); if (k) keys.set(k, p.initializer); }
    const type = keys.get('type');
    const typeLit = type && isStringy(unwrap(type)) ? (unwrap(type) as ts.StringLiteral).text : undefined;
    if ((typeLit && TOOL_TYPE.test(typeLit)) || (keys.has('name') && (keys.has('input_schema') || o.properties.some((p) => ts.isShorthandPropertyAssignment(p) && p.name.text === 'input_schema')))) tools.push(valueOf(ctx, o));
  }

  const view: FileView = {
    language,
    requests,
    clients,
    responseUses,
    tools,
    strings,
    comments,
    syntaxErrors: syntaxErrorCount(sf),
  };
  return { sf, text, language, view, ctx, opaqueParams, requestCalls, paramsObjects, modelRanges, quote: singles > doubles ? "'" : '"' };
}

function propertyKey(p: ts.ObjectLiteralElementLike): string | undefined {
  if (ts.isShorthandPropertyAssignment(p)) return p.name.text;
  if (ts.isPropertyAssignment(p)) {
    const n = p.name;
    if (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  }
  return undefined;
}

/** The `requests` value of a batch body (`{ requests: [...] }`, `{ requests }`, or a variable holding that object). */
function requestsProperty(body: ts.Expression, scopes: Scopes, sf: ts.SourceFile, depth = 0): ts.Expression | undefined {
  const b = unwrap(body);
  if (ts.isIdentifier(b) && depth < 3) {
    const bind = resolve(scopes, b.text, b);
    return bind?.init ? requestsProperty(bind.init, scopes, sf, depth + 1) : undefined;
  }
  if (ts.isCallExpression(b) && /^JSON\.stringify$/.test(textOf(b.expression, sf)) && b.arguments[0]) return requestsProperty(b.arguments[0], scopes, sf, depth + 1);
  if (!ts.isObjectLiteralExpression(b)) return undefined;
  for (const p of b.properties) {
    if (propertyKey(p) !== 'requests') continue;
    if (ts.isPropertyAssignment(p)) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p)) return p.name;
  }
  return undefined;
}

const FETCH_NAMES = /^(fetch|globalThis\.fetch|window\.fetch|self\.fetch|nodeFetch|undiciFetch|crossFetch|\$fetch|ofetch|ky|got|request)$/;

/** `fetch(url, { body })`, `axios.post(url, data, { headers })`, `got.post(url, { json })`, `axios({ url, data })`. */
function httpRequestOf(call: ts.CallExpression, ctx: ValueContext): { url: ts.Expression; body?: ts.Expression; headers?: ts.Expression } | undefined {
  const fn = unwrap(call.expression);
  const fnText = textOf(fn, ctx.sf);
  const [a0, a1, a2] = call.arguments;
  if (!a0) return undefined;
  const prop = (obj: ts.Expression | undefined, key: string): ts.Expression | undefined => {
    const o = obj ? unwrap(obj) : undefined;
    if (!o || !ts.isObjectLiteralExpression(o)) return undefined;
    for (const p of o.properties) {
      if (propertyKey(p) !== key) continue;
      if (ts.isPropertyAssignment(p)) return p.initializer;
      if (ts.isShorthandPropertyAssignment(p)) return p.name;
    }
    return undefined;
  };
  const bodyOf = (e: ts.Expression | undefined): ts.Expression | undefined => {
    if (!e) return undefined;
    const u = unwrap(e);
    if (ts.isCallExpression(u) && /^JSON\.stringify$/.test(textOf(u.expression, ctx.sf)) && u.arguments[0]) return u.arguments[0];
    return e;
  };
  const initOf = (e: ts.Expression | undefined): ts.Expression | undefined => {
    // `fetch(url, init)` with `const init = {...}` defined apart.
    if (!e) return undefined;
    const u = unwrap(e);
    if (ts.isIdentifier(u)) {
      const b = resolve(ctx.scopes, u.text, u);
      return b?.init && !b.reassigned ? b.init : e;
    }
    return e;
  };
  if (FETCH_NAMES.test(fnText) || (ts.isIdentifier(fn) && /fetch$/i.test(fn.text))) {
    if (ts.isObjectLiteralExpression(unwrap(a0))) {
      // `request({ url, method, body })` style.
      const url = prop(a0, 'url') ?? prop(a0, 'uri');
      return url ? { url, body: bodyOf(prop(a0, 'body') ?? prop(a0, 'json') ?? prop(a0, 'data')), headers: prop(a0, 'headers') } : undefined;
    }
    const init = initOf(a1);
    return { url: a0, body: bodyOf(prop(init, 'body') ?? prop(init, 'json')), headers: prop(init, 'headers') };
  }
  if (ts.isPropertyAccessExpression(fn) && fn.name.text === 'post') {
    // Any `x.post(url, …)`: the URL decides.
    // got / ky: `.post(url, { json, headers })`; axios & co: `.post(url, data, { headers })`.
    const opts = unwrap(initOf(a1) ?? a0);
    // The SDK's own `client.post(path, { body })` and got/ky's `{ json }` wrap the body in options.
    const wrapped = a1 && ts.isObjectLiteralExpression(opts) && !prop(opts, 'model') ? prop(opts, 'json') ?? prop(opts, 'body') : undefined;
    if (wrapped) return { url: a0, body: bodyOf(wrapped), headers: prop(opts, 'headers') };
    return { url: a0, body: bodyOf(a1), headers: prop(initOf(a2), 'headers') };
  }
  if ((ts.isIdentifier(fn) && fn.text === 'axios') || (ts.isPropertyAccessExpression(fn) && fn.name.text === 'request' && /axios|http|client/i.test(fnText))) {
    const cfg = initOf(a0);
    const url = prop(cfg, 'url');
    return url ? { url, body: bodyOf(prop(cfg, 'data') ?? prop(cfg, 'body')), headers: prop(cfg, 'headers') } : undefined;
  }
  return undefined;
}

// ---- response uses ----

const THINKING_TYPES = new Set(['thinking', 'thinking_delta']);
/** `.thinking` followed by one of these is a request setting (`config.thinking.budget_tokens`). */
const SETTING_FIELDS = new Set(['budget_tokens', 'type', 'display']);
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

function lastSegment(e: ts.Expression, sf: ts.SourceFile): string {
  const u = unwrap(e);
  if (u.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return accessName(u) ?? (ts.isIdentifier(u) ? u.text : textOf(u, sf));
}

function collectResponseUses(ctx: ValueContext, accesses: (ts.PropertyAccessExpression | ts.ElementAccessExpression)[], binaries: ts.BinaryExpression[], switches: ts.SwitchStatement[], calls: ts.CallExpression[]): ResponseUse[] {
  const { sf, scopes } = ctx;
  const out: ResponseUse[] = [];
  for (const n of accesses) {
    if (accessName(n) !== 'thinking' || isWriteTarget(n)) continue;
    if (PARAMS_LIKE.test(lastSegment(n.expression, sf))) continue;
    const p = n.parent;
    if (ts.isCallExpression(p) && p.expression === n) continue;
    if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === n && SETTING_FIELDS.has(accessName(p) ?? '')) continue;
    // `const { thinking } = params`-style settings are not accesses; `thinking: x.thinking` copying a setting is rare.
    out.push({ kind: 'thinking-text', range: rangeOf(n, sf) });
  }
  const isTypeRead = (e: ts.Expression) => accessName(unwrap(e)) === 'type';
  const literalOf = (e: ts.Expression): string | undefined => {
    const u = unwrap(e);
    return isStringy(u) ? u.text : undefined;
  };
  for (const b of binaries) {
    if (!EQUALITY.has(b.operatorToken.kind)) continue;
    const [read, lit] = isTypeRead(b.left) ? [b.left, literalOf(b.right)] : isTypeRead(b.right) ? [b.right, literalOf(b.left)] : [undefined, undefined];
    if (read && lit && THINKING_TYPES.has(lit)) out.push({ kind: 'thinking-text', range: rangeOf(b, sf) });
  }
  for (const s of switches) {
    if (!isTypeRead(s.expression)) continue;
    for (const c of s.caseBlock.clauses) {
      if (ts.isCaseClause(c) && THINKING_TYPES.has(literalOf(c.expression) ?? '')) out.push({ kind: 'thinking-text', range: rangeOf(c.expression, sf) });
    }
  }

  // Stop reasons: comparisons grouped per if / else-if chain, switches, `[...].includes(x.stop_reason)`.
  const isDirectRead = (e: ts.Expression): boolean => {
    const u = unwrap(e);
    return (ts.isPropertyAccessExpression(u) || ts.isElementAccessExpression(u)) && accessName(u) === STOP_REASON && !isWriteTarget(u);
  };
  const isRead = (e: ts.Expression): boolean => {
    const u = unwrap(e);
    if (isDirectRead(u)) return true;
    if (ts.isIdentifier(u)) {
      const b = scopes.readOf.get(u) ?? resolve(scopes, u.text, u);
      if (!b || b.reassigned) return false;
      if (b.init && isDirectRead(b.init)) return true;
      if (b.destructured?.property === STOP_REASON) return true;
    }
    return false;
  };
  const groups = new Map<ts.Node, { range: Range; values: string[] }>();
  const addGroup = (key: ts.Node, range: Range, values: string[]) => {
    const g = groups.get(key);
    if (g) {
      for (const v of values) if (!g.values.includes(v)) g.values.push(v);
    } else groups.set(key, { range, values: [...new Set(values)] });
  };
  const stringsIn = (e: ts.Expression): string[] => {
    const v = valueOf(ctx, e);
    if (typeof v.literal === 'string') return [v.literal];
    if (v.kind === 'array') return (v.elements ?? []).map((x) => x.literal).filter((x): x is string => typeof x === 'string');
    return [];
  };
  const chainKey = (n: ts.Node): ts.Node => {
    let c: ts.Node = n;
    for (let p = n.parent; p; c = p, p = p.parent) {
      if (ts.isParenthesizedExpression(p) || ts.isPrefixUnaryExpression(p) || (ts.isBinaryExpression(p) && (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || p.operatorToken.kind === ts.SyntaxKind.BarBarToken))) continue;
      if (ts.isIfStatement(p) && p.expression === c) {
        // Climb `else if` to the head of the chain.
        let top: ts.IfStatement = p;
        while (ts.isIfStatement(top.parent) && top.parent.elseStatement === top) top = top.parent;
        return top;
      }
      return n;
    }
    return n;
  };
  for (const b of binaries) {
    if (!EQUALITY.has(b.operatorToken.kind)) continue;
    const readLeft = isRead(b.left);
    const readRight = !readLeft && isRead(b.right);
    if (!readLeft && !readRight) continue;
    addGroup(chainKey(b), rangeOf(b, sf), stringsIn(readLeft ? b.right : b.left));
  }
  for (const c of calls) {
    const fn = unwrap(c.expression);
    if (!ts.isPropertyAccessExpression(fn) || !/^(includes|has|indexOf)$/.test(fn.name.text) || !c.arguments[0] || !isRead(c.arguments[0])) continue;
    addGroup(chainKey(c), rangeOf(c, sf), stringsIn(fn.expression));
  }
  for (const s of switches) {
    if (!isRead(s.expression)) continue;
    const values: string[] = [];
    for (const cl of s.caseBlock.clauses) if (ts.isCaseClause(cl)) values.push(...stringsIn(cl.expression));
    addGroup(s, rangeOf(s.expression, sf), values);
  }
  for (const g of groups.values()) out.push({ kind: 'stop-reason', range: g.range, values: g.values });
  return out.sort((a, b) => a.range.start - b.range.start);
}

export type { FieldView };
