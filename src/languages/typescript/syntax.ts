// The TypeScript compiler (bundled with ts-morph, a runtime dependency) used syntax-only: one
// `ts.createSourceFile` per file, no program, no type checker. Small node helpers shared by the
// view builder, the context query and the renderer live here.
import { createRequire } from 'node:module';
import type { ts as Compiler } from 'ts-morph';
import type { LanguageId, Range } from '../types.js';
import { requireWithCodeCache } from '../../runtime/code-cache.js';

/**
 * ts-morph's bundled compiler, required on its own: importing ts-morph itself also loads its wrapper
 * layer and lib texts, and an ESM import of a 9 MB CommonJS file lexes it for named exports (about
 * 0.3 s per thread, paid on every run that meets a TS/JS file). Same module, same version, compiled
 * through a code cache (runtime/code-cache.ts).
 */
function loadCompiler(): typeof Compiler {
  const require = createRequire(import.meta.url);
  let file: string;
  try {
    file = createRequire(require.resolve('ts-morph')).resolve('@ts-morph/common/dist/typescript.js');
  } catch {
    return (require('ts-morph') as { ts: typeof Compiler }).ts;
  }
  return requireWithCodeCache<typeof Compiler>(file, warmCompiler);
}

/** A first parse and walk before the code cache is made, so the parser's functions are in it too. */
function warmCompiler(compiler: typeof Compiler): void {
  // The constructs of ordinary application code, so their parser paths are compiled into the cache.
  const sample = [
    "import Anthropic, { type ClientOptions } from '@anthropic-ai/sdk';",
    "import * as path from 'node:path';",
    "const { env } = require('node:process');",
    'const client = new Anthropic({ apiKey: env.KEY, defaultHeaders: { "anthropic-beta": "x" } });',
    'export enum Mode { Fast = 1, Slow }',
    'export type Reply<T> = { value: T; tags?: readonly string[] } | null;',
    'export interface Options extends ClientOptions { model: string; limit?: number; [key: string]: unknown }',
    '/** Asks. */',
    'export async function ask(prompt: string, opts: Partial<Options> = {}, ...rest: number[]): Promise<string> {',
    "  const msg = await client.messages.create({ model: opts.model ?? 'claude-x', max_tokens: 1024, thinking: { type: 'enabled', budget_tokens: 512 }, temperature: 0.7, messages: [{ role: 'user', content: `${prompt} ${rest.length}` }], ...opts });",
    "  return msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('');",
    '}',
    'export class Store<K extends string, V> implements Iterable<V> {',
    '  private readonly items = new Map<K, V>();',
    '  static create<V>(): Store<string, V> { return new Store(); }',
    '  get size(): number { return this.items.size; }',
    '  *[Symbol.iterator](): Iterator<V> { yield* this.items.values(); }',
    '  put(key: K, value: V): this { this.items.set(key, value); return this; }',
    '}',
    'export function total(input: { count: number; name?: string }[], limit = 10): number {',
    '  let sum = 0;',
    '  for (const item of input) { if (item.count > 0 && sum < limit) sum += item.count; else continue; }',
    '  for (let i = 0; i < input.length; i++) sum -= i % 2 === 0 ? 1 : -1;',
    '  switch (typeof input[0]?.name) { case "string": sum++; break; default: sum--; }',
    '  try { JSON.parse(String(sum)); } catch (err) { throw new Error(`bad ${err as Error}`); } finally { sum = Math.max(sum, 0); }',
    '  const [first, , ...others] = input; const { count = 0, ...restOf } = first ?? { count: 1 };',
    '  return (sum as number) + count + others.length + Object.keys(restOf).length + path.sep.length;',
    '}',
    'export default { ask, total, mode: Mode.Fast, re: /claude-[a-z]+/g, big: 10n, obj: { a: 1, "b-c": [1, 2, 3] } } satisfies Record<string, unknown>;',
  ].join('\n');
  for (const kind of [compiler.ScriptKind.TS, compiler.ScriptKind.JS]) {
    const sf = compiler.createSourceFile(kind === compiler.ScriptKind.TS ? 'warm.ts' : 'warm.js', sample, { languageVersion: compiler.ScriptTarget.Latest, jsDocParsingMode: compiler.JSDocParsingMode.ParseNone }, true, kind);
    const visit = (node: Compiler.Node): void => {
      node.getStart(sf);
      compiler.forEachChild(node, visit);
    };
    visit(sf);
  }
}

/**
 * The compiler's exports as plain data properties. Its bundle exports every name through a getter
 * (`SyntaxKind: () => SyntaxKind`), so each `ts.isIdentifier`/`ts.SyntaxKind` in a walk over every
 * node was a function call; the values are functions and enums, fixed once the module has run.
 */
function plainExports(compiler: typeof Compiler): typeof Compiler {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(compiler)) {
    try {
      out[key] = (compiler as unknown as Record<string, unknown>)[key];
    } catch {
      // an export that cannot be read: left out
    }
  }
  return out as unknown as typeof Compiler;
}

export const ts = plainExports(loadCompiler());
/** The compiler's node types under the same name as the value (a types-only namespace). */
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace ts {
  type ArrayLiteralExpression = Compiler.ArrayLiteralExpression;
  type ArrowFunction = Compiler.ArrowFunction;
  type AsExpression = Compiler.AsExpression;
  type BinaryExpression = Compiler.BinaryExpression;
  type BindingElement = Compiler.BindingElement;
  type BindingName = Compiler.BindingName;
  type CallExpression = Compiler.CallExpression;
  type CaseClause = Compiler.CaseClause;
  type CatchClause = Compiler.CatchClause;
  type ClassDeclaration = Compiler.ClassDeclaration;
  type ClassLikeDeclaration = Compiler.ClassLikeDeclaration;
  type ElementAccessExpression = Compiler.ElementAccessExpression;
  type EntityName = Compiler.EntityName;
  type EnumDeclaration = Compiler.EnumDeclaration;
  type EnumMember = Compiler.EnumMember;
  type ExportAssignment = Compiler.ExportAssignment;
  type ExportDeclaration = Compiler.ExportDeclaration;
  type Expression = Compiler.Expression;
  type ExpressionStatement = Compiler.ExpressionStatement;
  type FunctionDeclaration = Compiler.FunctionDeclaration;
  type FunctionLikeDeclarationBase = Compiler.FunctionLikeDeclarationBase;
  type Identifier = Compiler.Identifier;
  type IfStatement = Compiler.IfStatement;
  type ImportDeclaration = Compiler.ImportDeclaration;
  type ImportEqualsDeclaration = Compiler.ImportEqualsDeclaration;
  type NewExpression = Compiler.NewExpression;
  type NoSubstitutionTemplateLiteral = Compiler.NoSubstitutionTemplateLiteral;
  type Node = Compiler.Node;
  type NodeFlags = Compiler.NodeFlags;
  type ObjectLiteralElementLike = Compiler.ObjectLiteralElementLike;
  type ObjectLiteralExpression = Compiler.ObjectLiteralExpression;
  type ParameterDeclaration = Compiler.ParameterDeclaration;
  type PropertyAccessExpression = Compiler.PropertyAccessExpression;
  type PropertyName = Compiler.PropertyName;
  type QualifiedName = Compiler.QualifiedName;
  type ScriptKind = Compiler.ScriptKind;
  type ScriptTarget = Compiler.ScriptTarget;
  type SignatureDeclaration = Compiler.SignatureDeclaration;
  type SourceFile = Compiler.SourceFile;
  type Statement = Compiler.Statement;
  type StringLiteral = Compiler.StringLiteral;
  type SwitchStatement = Compiler.SwitchStatement;
  type SyntaxKind = Compiler.SyntaxKind;
  type TemplateExpression = Compiler.TemplateExpression;
  type TemplateLiteralLikeNode = Compiler.TemplateLiteralLikeNode;
  type TypeNode = Compiler.TypeNode;
  type VariableDeclaration = Compiler.VariableDeclaration;
}

const JS_EXTENSIONS = /\.(js|jsx|mjs|cjs)$/i;

export function languageOf(path: string): LanguageId {
  return JS_EXTENSIONS.test(path) ? 'javascript' : 'typescript';
}

export function scriptKindOf(path: string): ts.ScriptKind {
  const p = path.toLowerCase();
  if (p.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (p.endsWith('.jsx')) return ts.ScriptKind.JSX;
  // .js/.mjs/.cjs: the JS kind also accepts JSX, as Babel and esbuild do for .js files.
  if (/\.(js|mjs|cjs)$/.test(p)) return ts.ScriptKind.JS;
  if (/\.(ts|mts|cts)$/.test(p)) return ts.ScriptKind.TS;
  // Embedded snippets (Markdown) may come with no extension: TSX accepts the most.
  return ts.ScriptKind.TSX;
}

/**
 * `withParents: false` skips the parent-pointer pass: enough for counting syntax errors, and the
 * adapter's analysis sets them in its own walk (collectScopes). JSDoc comments
 * stay comments (nothing here reads their tags): parsing them into nodes took 45% of the parse of a
 * well-documented file (the SDK's messages.d.ts: 11.4 ms, 6.3 ms without).
 */
export function parseSource(text: string, path: string, withParents = true): ts.SourceFile {
  const name = /\.[cm]?[jt]sx?$/i.test(path) ? path : `${path || 'snippet'}.tsx`;
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  return ts.createSourceFile(name, text, options, withParents, scriptKindOf(path));
}

/** Parser diagnostics: the syntax errors of the file (grammar checks that need a program are not included). */
export function syntaxErrorCount(sf: ts.SourceFile): number {
  return (sf as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length ?? 0;
}

/** The node's own text range, without leading trivia (comments, whitespace). */
export function rangeOf(node: ts.Node, sf: ts.SourceFile): Range {
  return { start: node.getStart(sf), end: node.getEnd() };
}

export function textOf(node: ts.Node, sf: ts.SourceFile): string {
  return sf.text.slice(node.getStart(sf), node.getEnd());
}

export function rangeKey(r: Range): string {
  return `${r.start}:${r.end}`;
}

export function contains(r: Range, offset: number): boolean {
  return offset >= r.start && offset < r.end;
}

/** Strip parentheses, type assertions (`as`, `satisfies`, `<T>x`), `!` and `await`: the value inside. */
export function unwrap(node: ts.Node): ts.Expression {
  let n = node as ts.Expression;
  for (;;) {
    if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isTypeAssertionExpression(n) || ts.isNonNullExpression(n) || ts.isAwaitExpression(n)) n = n.expression;
    else return n;
  }
}

/** A property name as a plain string (`model`, `'anthropic-beta'`, `"model"`, `1`); undefined for computed names. */
export function propertyNameText(name: ts.PropertyName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const e = unwrap(name.expression);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  }
  return undefined;
}

/** `a.b.c` → 'c'; `a['c']` → 'c'. */
export function accessName(n: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  if (ts.isElementAccessExpression(n)) {
    const a = unwrap(n.argumentExpression);
    if (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) return a.text;
  }
  return undefined;
}

/** The object of a property / element access. */
export function accessObject(n: ts.Node): ts.Expression | undefined {
  if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) return n.expression;
  return undefined;
}

/** Name of the called function: `expect(…)` → expect, `a.b.includes(…)` → includes. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const e = unwrap(call.expression);
  if (ts.isIdentifier(e)) return e.text;
  return accessName(e) ?? '';
}

/** Every node under `root` in source order (children via forEachChild: tokens are not visited). */
export function walk(root: ts.Node, visit: (n: ts.Node) => boolean | void): void {
  const rec = (n: ts.Node): void => {
    if (visit(n) === false) return;
    ts.forEachChild(n, rec);
  };
  rec(root);
}

export const isStringy = (n: ts.Node): n is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n);

/** Assignment operators (`=`, `+=`, `??=`…). */
export function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** The node is written to (`x = …`, `x += …`, `x++`, `[x] = …`). */
export function isWriteTarget(n: ts.Node): boolean {
  let c: ts.Node = n;
  let p = c.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isNonNullExpression(p))) {
    c = p;
    p = p.parent;
  }
  if (!p) return false;
  if (ts.isBinaryExpression(p) && p.left === c && isAssignmentOperator(p.operatorToken.kind)) return true;
  if ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)) return true;
  if (ts.isDeleteExpression(p)) return true;
  return false;
}
