// TS/JS expressions → neutral ValueViews. Object literals (with `...spread` of visible objects
// merged, later keys winning as at run time) and array literals keep their syntax for the renderer;
// identifiers are followed to their single definition in this file (`const`, a `let` never
// reassigned, destructuring, class fields `this.x`, enum members, `CONFIG.model`), `x ?? 'default'`
// and `x || 'default'` stand for their default, and `import { MODEL } from './config'` (or
// `require('./config')`) is read from the sibling module on disk.
import { dirname, join } from 'node:path';
import type { FieldView, Range, ValueView } from '../types.js';
import { isInputFile, readInput } from '../../scanner/inputs.js';
import { resolve, type Binding, type Scopes } from './scope.js';
import { ENV_READ } from './sdk.js';
import { accessName, isStringy, isWriteTarget, parseSource, propertyNameText, rangeKey, rangeOf, textOf, ts, unwrap } from './syntax.js';

export type FieldOwner =
  | { kind: 'property'; object: ts.ObjectLiteralExpression; property: ts.ObjectLiteralElementLike }
  /** `params.temperature = 0.2` after the literal: the field is the whole statement. */
  | { kind: 'statement'; statement: ts.ExpressionStatement };

/** A module-level constant of a sibling module (`export const MODEL = 'claude-…'`). */
export interface ExternalConstant {
  kind: 'string' | 'number' | 'boolean' | 'null' | 'template';
  text: string;
  literal?: string | number | boolean | null;
}

export interface ValueContext {
  sf: ts.SourceFile;
  text: string;
  path: string;
  scopes: Scopes;
  /** Object / array literal views by range → their node (add-field, remove-field, remove-element). */
  objects: Map<string, ts.ObjectLiteralExpression>;
  arrays: Map<string, ts.ArrayLiteralExpression>;
  fieldOwners: Map<string, FieldOwner>;
  /** Definition value range → the binding (remove-definition). */
  definitions: Map<string, Binding>;
  /** Objects that may hold more fields than we see (`...unknown`, `Object.assign(params, …)`). */
  opaque: WeakSet<ValueView>;
  /** Sibling modules read from disk: resolved file → its constants. */
  externals: Map<string, Map<string, ExternalConstant> | undefined>;
  /** Literal views computed once per node (a base object spread into several requests). */
  cache: Map<ts.Node, ValueView>;
  /** Bindings whose value is changed after its definition, computed once. */
  mutations: Map<Binding, Mutations>;
}

interface Mutations {
  /** `x.key = value;` statements (static keys). */
  fieldWrites: { key: string; keyNode: ts.Node; value: ts.Expression; statement: ts.ExpressionStatement; assignment: ts.BinaryExpression }[];
  /** Changes we cannot model: dynamic keys, `Object.assign(x, …)`, `x.push(…)`, passing `x` to a mutating helper. */
  opaque: boolean;
  /** Array mutation methods called on it. */
  arrayMutated: boolean;
}

const ARRAY_MUTATORS = new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'reverse', 'sort', 'fill', 'copyWithin']);

export function newValueContext(sf: ts.SourceFile, path: string, scopes: Scopes): ValueContext {
  return { sf, text: sf.text, path, scopes, objects: new Map(), arrays: new Map(), fieldOwners: new Map(), definitions: new Map(), opaque: new WeakSet(), externals: new Map(), cache: new Map(), mutations: new Map() };
}

function base(ctx: ValueContext, n: ts.Node): { range: Range; text: string } {
  const range = rangeOf(n, ctx.sf);
  return { range, text: ctx.text.slice(range.start, range.end) };
}

/** A copy of `v` reached through a name; opacity carries over. */
export function withVia(ctx: ValueContext, v: ValueView, via: NonNullable<ValueView['via']>): ValueView {
  const out: ValueView = { ...v, via };
  if (ctx.opaque.has(v)) ctx.opaque.add(out);
  return out;
}

function stringContent(n: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression, sf: ts.SourceFile): Range {
  const r = rangeOf(n, sf);
  return { start: r.start + 1, end: r.end - 1 };
}

function numberOf(text: string): number | undefined {
  const t = text.replace(/_/g, '');
  const v = /^0[bB]/.test(t) ? parseInt(t.slice(2), 2) : /^0[oO]/.test(t) ? parseInt(t.slice(2), 8) : Number(t);
  return Number.isFinite(v) ? v : undefined;
}

export function valueOf(ctx: ValueContext, node: ts.Node, depth = 0): ValueView {
  const n = unwrap(node);
  const b = base(ctx, n);
  if (depth > 12) return { kind: 'other', ...b };
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return { kind: 'string', ...b, literal: n.text, contentRange: stringContent(n, ctx.sf) };
  if (ts.isTemplateExpression(n)) return { kind: 'template', ...b, contentRange: stringContent(n, ctx.sf) };
  if (ts.isNumericLiteral(n)) {
    const v = numberOf(n.text);
    return v === undefined ? { kind: 'other', ...b } : { kind: 'number', ...b, literal: v };
  }
  if (ts.isPrefixUnaryExpression(n) && ts.isNumericLiteral(n.operand) && (n.operator === ts.SyntaxKind.MinusToken || n.operator === ts.SyntaxKind.PlusToken)) {
    const v = numberOf(n.operand.text);
    if (v !== undefined) return { kind: 'number', ...b, literal: n.operator === ts.SyntaxKind.MinusToken ? -v : v };
  }
  switch (n.kind) {
    case ts.SyntaxKind.TrueKeyword:
      return { kind: 'boolean', ...b, literal: true };
    case ts.SyntaxKind.FalseKeyword:
      return { kind: 'boolean', ...b, literal: false };
    case ts.SyntaxKind.NullKeyword:
      return { kind: 'null', ...b, literal: null };
  }
  if (ts.isObjectLiteralExpression(n)) return objectValue(ctx, n, depth);
  if (ts.isConditionalExpression(n)) {
    // `reasoning ? { type: 'enabled', budget_tokens: 2048 } : undefined`: the object branch is the value (the
    // other leaves the parameter unset), so it is checked and rewritten in place.
    const yes = unwrap(n.whenTrue);
    const no = unwrap(n.whenFalse);
    const unset = (e: ts.Expression) => e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined') || ts.isVoidExpression(e);
    const branch = unset(no) ? yes : unset(yes) ? no : undefined;
    if (branch && ts.isObjectLiteralExpression(branch)) return objectValue(ctx, branch, depth);
  }
  if (ts.isArrayLiteralExpression(n)) {
    const cached = ctx.cache.get(n);
    if (cached) return cached;
    const view: ValueView = { kind: 'array', ...b, elements: [] };
    ctx.cache.set(n, view);
    for (const e of n.elements) {
      if (ts.isOmittedExpression(e)) continue;
      view.elements!.push(ts.isSpreadElement(e) ? { kind: 'other', ...base(ctx, e) } : valueOf(ctx, e, depth + 1));
    }
    ctx.arrays.set(rangeKey(view.range), n);
    return view;
  }
  if (ts.isIdentifier(n)) {
    if (n.text === 'undefined') return { kind: 'other', ...b };
    return identifierValue(ctx, n, depth);
  }
  if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return defaultValue(ctx, n, depth) ?? { kind: 'other', ...b };
  }
  if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) return memberValue(ctx, n, depth) ?? { kind: 'reference', ...b };
  if (ts.isCallExpression(n) || ts.isNewExpression(n)) return { kind: 'call', ...b };
  return { kind: 'other', ...b };
}

function objectValue(ctx: ValueContext, obj: ts.ObjectLiteralExpression, depth: number): ValueView {
  const cached = ctx.cache.get(obj);
  if (cached) return cached;
  const view: ValueView = { kind: 'object', ...base(ctx, obj), fields: [] };
  ctx.cache.set(obj, view);
  ctx.objects.set(rangeKey(view.range), obj);
  const fields = view.fields!;
  // Later keys win, as at run time: a spread after an explicit key overrides it and vice versa.
  const put = (f: FieldView) => {
    const i = fields.findIndex((g) => g.key === f.key);
    if (i >= 0) fields[i] = f;
    else fields.push(f);
  };
  for (const prop of obj.properties) {
    if (ts.isPropertyAssignment(prop)) {
      const key = propertyNameText(prop.name);
      if (key === undefined) {
        ctx.opaque.add(view);
        continue;
      }
      const f: FieldView = { key, sourceKey: textOf(prop.name, ctx.sf), range: rangeOf(prop, ctx.sf), keyRange: rangeOf(prop.name, ctx.sf), value: valueOf(ctx, prop.initializer, depth + 1) };
      put(f);
      ctx.fieldOwners.set(rangeKey(f.range), { kind: 'property', object: obj, property: prop });
    } else if (ts.isShorthandPropertyAssignment(prop)) {
      const f: FieldView = { key: prop.name.text, sourceKey: prop.name.text, range: rangeOf(prop, ctx.sf), keyRange: rangeOf(prop.name, ctx.sf), value: identifierValue(ctx, prop.name, depth + 1) };
      put(f);
      ctx.fieldOwners.set(rangeKey(f.range), { kind: 'property', object: obj, property: prop });
    } else if (ts.isSpreadAssignment(prop)) {
      const v = valueOf(ctx, prop.expression, depth + 1);
      if (v.kind !== 'object' || !v.fields) ctx.opaque.add(view);
      else {
        if (ctx.opaque.has(v)) ctx.opaque.add(view);
        for (const f of v.fields) put(f);
      }
    } else if (ts.isGetAccessor(prop)) {
      ctx.opaque.add(view);
    }
  }
  return view;
}

function identifierValue(ctx: ValueContext, id: ts.Identifier, depth: number): ValueView {
  const b0 = base(ctx, id);
  const b = resolve(ctx.scopes, id.text, id);
  if (!b || b.reassigned) return { kind: 'reference', ...b0 };
  if (b.kind === 'var' && b.init) return viaBinding(ctx, b, id, id.text, b.init, depth);
  if (b.kind === 'var' && b.destructured) {
    // `const { model } = CONFIG`: the field of the source object.
    const src = valueOf(ctx, b.destructured.source, depth + 1);
    const f = src.fields?.find((x) => x.key === b.destructured!.property);
    if (f) return withVia(ctx, f.value, { name: id.text, useRange: b0.range, definitionRange: f.value.via?.definitionRange ?? f.value.range, ...(f.value.via?.external ? { external: f.value.via.external } : {}) });
  }
  if (b.kind === 'import' && b.module && b.imported && b.imported !== '*' && b.module.startsWith('.')) {
    const ext = externalValue(ctx, b.module, b.imported === 'default' ? 'default' : b.imported, id);
    if (ext) return ext;
  }
  return { kind: 'reference', ...b0 };
}

function viaBinding(ctx: ValueContext, b: Binding, use: ts.Node, name: string, def: ts.Expression, depth: number): ValueView {
  const inner = unwrap(def);
  const muts = mutationsOf(ctx, b);
  // A collection changed after its literal (`msgs.push(…)`) is not what the literal shows.
  if (ts.isArrayLiteralExpression(inner) && (muts.arrayMutated || muts.opaque)) return { kind: 'reference', ...base(ctx, use) };
  let v = valueOf(ctx, def, depth + 1);
  if (v.kind === 'object' && ts.isObjectLiteralExpression(inner)) {
    if (muts.opaque) ctx.opaque.add(v);
    if (muts.fieldWrites.length) {
      // Field writes after the literal are fields too; a copy keeps the literal's own view intact.
      const fields = [...(v.fields ?? [])];
      for (const w of muts.fieldWrites) {
        const f: FieldView = { key: w.key, sourceKey: textOf(w.keyNode, ctx.sf), range: rangeOf(w.assignment, ctx.sf), keyRange: rangeOf(w.keyNode, ctx.sf), value: valueOf(ctx, w.value, depth + 1) };
        const i = fields.findIndex((g) => g.key === f.key);
        if (i >= 0) fields[i] = f;
        else fields.push(f);
        ctx.fieldOwners.set(rangeKey(f.range), { kind: 'statement', statement: w.statement });
      }
      const copy: ValueView = { ...v, fields };
      if (ctx.opaque.has(v)) ctx.opaque.add(copy);
      v = copy;
    }
  }
  ctx.definitions.set(rangeKey(v.range), b);
  const useRange = rangeOf(use, ctx.sf);
  const definitionRange = v.via?.definitionRange ?? v.range;
  // An exported constant may be read by other modules: count that as one more reference.
  const references = b.references + (b.exported ? 1 : 0);
  return withVia(ctx, v, { name, useRange, definitionRange, ...(v.via?.external ? { external: v.via.external } : {}), references });
}

/** `env.MODEL ?? 'claude-…'`, `opts.model || DEFAULT_MODEL`: the default stands for the value. */
function defaultValue(ctx: ValueContext, n: ts.BinaryExpression, depth: number): ValueView | undefined {
  const left = unwrap(n.left);
  if (isStringy(left) || ts.isNumericLiteral(left)) return undefined;
  const right = valueOf(ctx, n.right, depth + 1);
  if (right.kind !== 'string' && right.kind !== 'number' && right.kind !== 'template') return undefined;
  return withVia(ctx, right, {
    name: textOf(left, ctx.sf),
    useRange: rangeOf(n, ctx.sf),
    definitionRange: right.via?.definitionRange ?? right.range,
    ...(right.via?.external ? { external: right.via.external } : {}),
  });
}

function memberValue(ctx: ValueContext, n: ts.PropertyAccessExpression | ts.ElementAccessExpression, depth: number): ValueView | undefined {
  const text = textOf(n, ctx.sf);
  if (ENV_READ.test(text)) return undefined;
  const key = accessName(n);
  if (key === undefined) return undefined;
  const obj = unwrap(n.expression);
  const useRange = rangeOf(n, ctx.sf);
  if (obj.kind === ts.SyntaxKind.ThisKeyword) {
    const def = classMemberDefinition(ctx, n, key, false);
    if (def) return viaDefinition(ctx, def, n, text, depth);
    return undefined;
  }
  if (ts.isIdentifier(obj)) {
    const b = resolve(ctx.scopes, obj.text, obj);
    if (b?.kind === 'enum' && ts.isEnumDeclaration(b.decl)) {
      const m = b.decl.members.find((x) => propertyNameText(x.name) === key);
      if (m?.initializer) return viaDefinition(ctx, m.initializer, n, text, depth);
      return undefined;
    }
    if (b?.kind === 'class' && ts.isClassDeclaration(b.decl)) {
      const def = staticMember(b.decl, key);
      if (def) return viaDefinition(ctx, def, n, text, depth);
      return undefined;
    }
    if (b?.kind === 'import' && b.imported === '*' && b.module?.startsWith('.')) return externalValue(ctx, b.module, key, n);
    if (b?.kind === 'import' && b.module?.startsWith('.') && b.imported) return externalValue(ctx, b.module, `${b.imported}.${key}`, n);
  }
  const o = valueOf(ctx, obj, depth + 1);
  if (o.kind !== 'object' || !o.fields) return undefined;
  const f = o.fields.find((x) => x.key === key);
  if (!f) return undefined;
  return withVia(ctx, f.value, { name: text, useRange, definitionRange: f.value.via?.definitionRange ?? f.value.range, ...(f.value.via?.external ? { external: f.value.via.external } : {}) });
}

function viaDefinition(ctx: ValueContext, def: ts.Expression, use: ts.Node, name: string, depth: number): ValueView {
  const v = valueOf(ctx, def, depth + 1);
  return withVia(ctx, v, { name, useRange: rangeOf(use, ctx.sf), definitionRange: v.via?.definitionRange ?? v.range, ...(v.via?.external ? { external: v.via.external } : {}) });
}

function staticMember(cls: ts.ClassLikeDeclaration, key: string): ts.Expression | undefined {
  const m = cls.members.find((x) => ts.isPropertyDeclaration(x) && propertyNameText(x.name) === key && x.modifiers?.some((k) => k.kind === ts.SyntaxKind.StaticKeyword));
  return m && ts.isPropertyDeclaration(m) && m.initializer && m.modifiers?.some((k) => k.kind === ts.SyntaxKind.ReadonlyKeyword) ? m.initializer : undefined;
}

export function enclosingClass(n: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isClassDeclaration(p) || ts.isClassExpression(p)) return p;
    // `this` inside a plain function is not the class instance.
    if (ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p)) return undefined;
  }
  return undefined;
}

/**
 * `this.key` inside a class: the single value it is given (field initializer or one `this.key = …`
 * assignment; a constructor parameter property's argument is unknown). With `typed`: every value
 * assigned and the declared type (to judge a client receiver).
 */
export function classMemberDefinition(ctx: ValueContext, use: ts.Node, key: string, typed: true): { values: ts.Expression[]; type?: ts.TypeNode } | undefined;
export function classMemberDefinition(ctx: ValueContext, use: ts.Node, key: string, typed: false): ts.Expression | undefined;
export function classMemberDefinition(ctx: ValueContext, use: ts.Node, key: string, typed: boolean): ts.Expression | { values: ts.Expression[]; type?: ts.TypeNode } | undefined {
  const cls = enclosingClass(use);
  if (!cls) return undefined;
  let type: ts.TypeNode | undefined;
  const values: ts.Expression[] = [];
  let fromParameter = false;
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && propertyNameText(m.name) === key && !m.modifiers?.some((k) => k.kind === ts.SyntaxKind.StaticKeyword)) {
      if (m.type) type = m.type;
      if (m.initializer) values.push(m.initializer);
    }
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) {
        if (ts.isIdentifier(p.name) && p.name.text === key && ts.getModifiers(p)?.length) {
          if (p.type) type = p.type;
          fromParameter = true; // a constructor argument: its value is unknown here
        }
      }
    }
  }
  // Writes `this.key = value` anywhere in the class.
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const l = unwrap(n.left);
      if ((ts.isPropertyAccessExpression(l) || ts.isElementAccessExpression(l)) && l.expression.kind === ts.SyntaxKind.ThisKeyword && accessName(l) === key) values.push(n.right);
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(cls, visit);
  const single = values.length === 1 && !fromParameter ? values[0] : undefined;
  if (typed) return type || values.length ? { values, ...(type ? { type } : {}) } : undefined;
  return single;
}

/** What happens to a binding's value after its definition (object field writes, array pushes). */
export function mutationsOf(ctx: ValueContext, b: Binding): Mutations {
  let m = ctx.mutations.get(b);
  if (m) return m;
  m = { fieldWrites: [], opaque: false, arrayMutated: false };
  ctx.mutations.set(b, m);
  for (const id of ctx.scopes.usesOf.get(b) ?? []) {
    let use: ts.Node = id;
    while (use.parent && (ts.isParenthesizedExpression(use.parent) || ts.isNonNullExpression(use.parent) || ts.isAsExpression(use.parent) || ts.isSatisfiesExpression(use.parent))) use = use.parent;
    const p = use.parent;
    if (!p) continue;
    if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === use) {
      const key = accessName(p);
      if (isWriteTarget(p)) {
        const asg = p.parent;
        if (key !== undefined && ts.isBinaryExpression(asg) && asg.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isExpressionStatement(asg.parent)) {
          const keyNode = ts.isPropertyAccessExpression(p) ? p.name : p.argumentExpression;
          m.fieldWrites.push({ key, keyNode, value: asg.right, statement: asg.parent, assignment: asg });
        } else m.opaque = true;
      } else if (key && ARRAY_MUTATORS.has(key) && ts.isCallExpression(p.parent) && p.parent.expression === p) m.arrayMutated = true;
      else if (key === undefined && ts.isElementAccessExpression(p) && isWriteTarget(p)) m.opaque = true;
    } else if (ts.isCallExpression(p) && p.arguments[0] === use && /^Object\.(assign|defineProperty|defineProperties)$/.test(textOf(p.expression, ctx.sf))) {
      m.opaque = true;
    }
  }
  // Only writes after the definition, in the order written, count; a conditional write still may happen.
  m.fieldWrites.sort((a, b2) => a.statement.pos - b2.statement.pos);
  return m;
}

// ---- sibling modules ----

const RESOLVE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** `./config` relative to the importing file: the file on disk (TS sources for `.js` specifiers too). */
export function resolveModuleFile(fromPath: string, specifier: string): string | undefined {
  if (!fromPath) return undefined;
  const basePath = join(dirname(fromPath), specifier);
  const candidates: string[] = [];
  const ext = /\.(m|c)?js$/.exec(specifier);
  if (ext) {
    const stem = basePath.slice(0, -ext[0].length);
    const kind = ext[1] ?? '';
    candidates.push(`${stem}.${kind}ts`, `${stem}.tsx`, basePath);
  } else if (/\.[cm]?tsx?$/.test(specifier)) candidates.push(basePath);
  else {
    for (const e of RESOLVE_EXTENSIONS) candidates.push(basePath + e);
    for (const e of RESOLVE_EXTENSIONS) candidates.push(join(basePath, 'index' + e));
  }
  return candidates.find(isInputFile);
}

function externalValue(ctx: ValueContext, module: string, name: string, use: ts.Node): ValueView | undefined {
  const consts = externalConstants(ctx, ctx.path, module, 0);
  const c = consts?.get(name);
  if (!c) return undefined;
  // The definition lives in another file: ranges stay on the use site in this file.
  const useRange = rangeOf(use, ctx.sf);
  return { kind: c.kind, range: useRange, text: c.text, ...(c.literal !== undefined ? { literal: c.literal } : {}), via: { name: textOf(use, ctx.sf), useRange, definitionRange: useRange, external: module } };
}

function externalConstants(ctx: ValueContext, fromPath: string, module: string, depth: number): Map<string, ExternalConstant> | undefined {
  const file = resolveModuleFile(fromPath, module);
  if (!file) return undefined;
  if (ctx.externals.has(file)) return ctx.externals.get(file);
  ctx.externals.set(file, undefined); // cycles
  let out: Map<string, ExternalConstant> | undefined;
  try {
    const text = readInput(file);
    if (text.length < 2_000_000) out = moduleConstants(parseSource(text, file), (spec) => (depth < 3 && spec.startsWith('.') ? externalConstants(ctx, file, spec, depth + 1) : undefined));
  } catch {
    out = undefined;
  }
  ctx.externals.set(file, out);
  return out;
}

/** Exported module-level constants of a module: `export const X = <literal>`, objects of literals as `X.key`, re-exports. */
export function moduleConstants(sf: ts.SourceFile, follow: (spec: string) => Map<string, ExternalConstant> | undefined): Map<string, ExternalConstant> {
  const local = new Map<string, ts.Expression>();
  const counts = new Map<string, number>();
  const exported = new Map<string, string>(); // exported name → local name
  const out = new Map<string, ExternalConstant>();
  for (const stmt of sf.statements) {
    if (ts.isVariableStatement(stmt) && stmt.declarationList.flags & ts.NodeFlags.Const) {
      const isExported = !!stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      for (const d of stmt.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer) continue;
        counts.set(d.name.text, (counts.get(d.name.text) ?? 0) + 1);
        local.set(d.name.text, d.initializer);
        if (isExported) exported.set(d.name.text, d.name.text);
      }
    } else if (ts.isExportDeclaration(stmt) && stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
      const from = stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier) ? follow(stmt.moduleSpecifier.text) : undefined;
      for (const s of stmt.exportClause.elements) {
        const orig = (s.propertyName ?? s.name).text;
        if (stmt.moduleSpecifier) {
          for (const [k, v] of from ?? []) if (k === orig || k.startsWith(`${orig}.`)) out.set(s.name.text + k.slice(orig.length), v);
        } else exported.set(s.name.text, orig);
      }
    } else if (ts.isExportDeclaration(stmt) && !stmt.exportClause && stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier)) {
      for (const [k, v] of follow(stmt.moduleSpecifier.text) ?? []) if (!out.has(k)) out.set(k, v);
    } else if (ts.isExportAssignment(stmt) && !stmt.isExportEquals) {
      const c = constantOf(stmt.expression, sf, local, 0);
      if (c) out.set('default', c);
      else if (ts.isIdentifier(unwrap(stmt.expression))) exported.set('default', (unwrap(stmt.expression) as ts.Identifier).text);
    }
  }
  for (const [name, localName] of exported) {
    if ((counts.get(localName) ?? 0) > 1) continue;
    const init = local.get(localName);
    if (!init) continue;
    const c = constantOf(init, sf, local, 0);
    if (c) out.set(name, c);
    const obj = unwrap(init);
    if (ts.isObjectLiteralExpression(obj)) {
      for (const p of obj.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const k = propertyNameText(p.name);
        const pc = k !== undefined ? constantOf(p.initializer, sf, local, 0) : undefined;
        if (k !== undefined && pc) out.set(`${name}.${k}`, pc);
      }
    }
  }
  return out;
}

function constantOf(e: ts.Expression, sf: ts.SourceFile, local: Map<string, ts.Expression>, depth: number): ExternalConstant | undefined {
  const n = unwrap(e);
  const text = textOf(n, sf);
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return { kind: 'string', text, literal: n.text };
  if (ts.isTemplateExpression(n)) return { kind: 'template', text };
  if (ts.isNumericLiteral(n)) {
    const v = numberOf(n.text);
    return v === undefined ? undefined : { kind: 'number', text, literal: v };
  }
  if (n.kind === ts.SyntaxKind.TrueKeyword || n.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'boolean', text, literal: n.kind === ts.SyntaxKind.TrueKeyword };
  if (n.kind === ts.SyntaxKind.NullKeyword) return { kind: 'null', text, literal: null };
  if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken)) return constantOf(n.right, sf, local, depth + 1);
  if (ts.isIdentifier(n) && depth < 3) {
    const def = local.get(n.text);
    return def ? constantOf(def, sf, local, depth + 1) : undefined;
  }
  return undefined;
}
