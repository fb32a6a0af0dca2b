// Lexical bindings of one TS/JS file, enough to follow an identifier to its single definition:
// `const`/`let`/`var` declarations (destructuring included), parameters, imports (ESM and
// `require`), functions, classes and enums, each in the scope that holds it. Also counts the
// references to each binding and whether it is ever reassigned.
import { isWriteTarget, ts, unwrap } from './syntax.js';

export type BindingKind = 'var' | 'param' | 'import' | 'function' | 'class' | 'enum' | 'other';

export interface Binding {
  name: string;
  kind: BindingKind;
  /** The declaring node: VariableDeclaration, ParameterDeclaration, ImportSpecifier, BindingElement… */
  decl: ts.Node;
  /** The identifier that declares the name. */
  nameNode: ts.Identifier;
  /** For a plain `const x = <init>` / `let x = <init>`: the initializer. */
  init?: ts.Expression;
  /** Destructured (`const { a: b } = src`): the source expression and the property read. */
  destructured?: { source: ts.Expression; property: string };
  /** Imports / requires: the module specifier and the imported name ('default', '*' or a name). */
  module?: string;
  imported?: string;
  /** Parameters and typed declarations: the type annotation. */
  type?: ts.TypeNode;
  /** `export const …` / listed in `export { … }`. */
  exported: boolean;
  /** Written again after its declaration (`x = …`, `x++`). */
  reassigned: boolean;
  /** Identifier reads resolving to this binding. */
  references: number;
}

export interface Scopes {
  sf: ts.SourceFile;
  /** Scope node → bindings declared directly in it. */
  byScope: Map<ts.Node, Map<string, Binding>>;
  /** Names imported from (or required from) an Anthropic SDK package or any module. */
  imports: Binding[];
  /** Every identifier read → its binding (filled by `countReferences`). */
  readOf: Map<ts.Identifier, Binding>;
  /** The reverse: a binding → the identifiers resolving to it (reads and writes). */
  usesOf: Map<Binding, ts.Identifier[]>;
}

function isFunctionScope(n: ts.Node): boolean {
  return ts.isFunctionLike(n) || ts.isSourceFile(n) || ts.isClassStaticBlockDeclaration(n) || ts.isModuleBlock(n);
}

function isBlockScope(n: ts.Node): boolean {
  return ts.isBlock(n) || ts.isSourceFile(n) || ts.isModuleBlock(n) || ts.isCaseBlock(n) || ts.isForStatement(n) || ts.isForInStatement(n) || ts.isForOfStatement(n) || ts.isCatchClause(n) || isFunctionScope(n);
}

function nearest(n: ts.Node, pred: (x: ts.Node) => boolean): ts.Node {
  let p: ts.Node | undefined = n.parent;
  while (p && !pred(p)) p = p.parent;
  return p ?? n.getSourceFile();
}

function requireSpecifier(e: ts.Expression | undefined): string | undefined {
  if (!e) return undefined;
  let x = unwrap(e);
  // require('m').default / (await import('m')).default
  if (ts.isPropertyAccessExpression(x) && x.name.text === 'default') x = unwrap(x.expression);
  if (ts.isCallExpression(x) && (x.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(x.expression) && x.expression.text === 'require'))) {
    const a = x.arguments[0];
    if (a && (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a))) return a.text;
  }
  return undefined;
}

function requireIsDefault(e: ts.Expression): boolean {
  const x = unwrap(e);
  return ts.isPropertyAccessExpression(x) && x.name.text === 'default';
}

/** `onNode` sees every node of the file in source order (a caller's own per-node work rides on this walk). */
export function collectScopes(sf: ts.SourceFile, onNode?: (n: ts.Node) => void): Scopes {
  const byScope = new Map<ts.Node, Map<string, Binding>>();
  const imports: Binding[] = [];
  const exportedNames = new Set<string>();
  const add = (scope: ts.Node, b: Binding) => {
    let m = byScope.get(scope);
    if (!m) byScope.set(scope, (m = new Map()));
    // A second declaration of the same name in one scope (`var` twice, overloads): keep the first, mark it rewritten.
    const prev = m.get(b.name);
    if (prev) prev.reassigned = true;
    else m.set(b.name, b);
  };
  const mk = (name: ts.Identifier, kind: BindingKind, decl: ts.Node, extra: Partial<Binding> = {}): Binding => ({
    name: name.text, kind, decl, nameNode: name, exported: false, reassigned: false, references: 0, ...extra,
  });

  const bindPattern = (pattern: ts.BindingName, scope: ts.Node, decl: ts.Node, source: ts.Expression | undefined, kind: BindingKind, module?: string, exported = false) => {
    if (ts.isIdentifier(pattern)) return;
    for (const el of pattern.elements) {
      if (ts.isOmittedExpression(el)) continue;
      if (ts.isIdentifier(el.name)) {
        const prop = ts.isObjectBindingPattern(pattern) && !el.dotDotDotToken ? (el.propertyName ? (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName) ? el.propertyName.text : undefined) : el.name.text) : undefined;
        const b = mk(el.name, module ? 'import' : kind, el, {
          exported,
          ...(source && prop ? { destructured: { source, property: prop } } : {}),
          ...(module && prop ? { module, imported: prop === 'default' ? 'default' : prop } : {}),
        });
        add(scope, b);
        if (module) imports.push(b);
      } else bindPattern(el.name, scope, decl, undefined, kind, undefined, exported);
    }
  };

  // Parent pointers are set by this walk, before a node is visited (its ancestors' are set by then):
  // the adapter parses without TypeScript's own parent pass, one whole-tree walk fewer.
  let parent: ts.Node = sf;
  const withParent = (visitor: (n: ts.Node) => void) => (c: ts.Node): void => {
    (c as { parent: ts.Node }).parent = parent;
    visitor(c);
  };
  const children = (n: ts.Node, visitor: (c: ts.Node) => void): void => {
    const saved = parent;
    parent = n;
    ts.forEachChild(n, visitor);
    parent = saved;
  };
  // Nodes the scope walk does not visit itself (a catch clause's variable): parents, and the caller's onNode.
  const feed = (n: ts.Node): void => {
    onNode?.(n);
    children(n, feedChild);
  };
  const feedChild = withParent(feed);
  const SK = ts.SyntaxKind;
  // One read of `kind` and a switch: this runs on every node of every file.
  const visit = (n: ts.Node): void => {
    onNode?.(n);
    switch (n.kind) {
      case SK.VariableDeclaration: {
        const d = n as ts.VariableDeclaration;
        const list = d.parent;
        const isVar = ts.isVariableDeclarationList(list) && !(list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const));
        const scope = isVar ? nearest(d, isFunctionScope) : nearest(list.parent && ts.isVariableStatement(list.parent) ? list.parent : list, isBlockScope);
        const stmt = list.parent;
        const exported = !!stmt && ts.isVariableStatement(stmt) && !!stmt.modifiers?.some((m) => m.kind === SK.ExportKeyword);
        const spec = requireSpecifier(d.initializer);
        if (ts.isIdentifier(d.name)) {
          const b = mk(d.name, spec ? 'import' : 'var', d, {
            exported,
            ...(d.initializer ? { init: d.initializer } : {}),
            ...(d.type ? { type: d.type } : {}),
            ...(spec ? { module: spec, imported: requireIsDefault(d.initializer!) ? 'default' : '*' } : {}),
          });
          add(scope, b);
          if (spec) imports.push(b);
        } else {
          bindPattern(d.name, scope, d, d.initializer, 'var', spec, exported);
        }
        break;
      }
      case SK.Parameter: {
        const p = n as ts.ParameterDeclaration;
        if (ts.isIdentifier(p.name)) add(p.parent, mk(p.name, 'param', p, p.type ? { type: p.type } : {}));
        else bindPattern(p.name, p.parent, p, undefined, 'param');
        break;
      }
      case SK.FunctionDeclaration: {
        const f = n as ts.FunctionDeclaration;
        if (f.name) add(nearest(f, isBlockScope), mk(f.name, 'function', f, { exported: !!f.modifiers?.some((m) => m.kind === SK.ExportKeyword) }));
        break;
      }
      case SK.ClassDeclaration: {
        const c = n as ts.ClassDeclaration;
        if (c.name) add(nearest(c, isBlockScope), mk(c.name, 'class', c));
        break;
      }
      case SK.EnumDeclaration: {
        const e = n as ts.EnumDeclaration;
        add(nearest(e, isBlockScope), mk(e.name, 'enum', e, { exported: !!e.modifiers?.some((m) => m.kind === SK.ExportKeyword) }));
        break;
      }
      case SK.ImportDeclaration: {
        const d = n as ts.ImportDeclaration;
        if (!ts.isStringLiteral(d.moduleSpecifier) || !d.importClause) break;
        const module = d.moduleSpecifier.text;
        const clause = d.importClause;
        const scope = nearest(d, isBlockScope);
        if (clause.name) {
          const b = mk(clause.name, 'import', clause, { module, imported: 'default' });
          add(scope, b);
          imports.push(b);
        }
        const nb = clause.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) {
          const b = mk(nb.name, 'import', nb, { module, imported: '*' });
          add(scope, b);
          imports.push(b);
        } else if (nb && ts.isNamedImports(nb)) {
          for (const s of nb.elements) {
            const b = mk(s.name, 'import', s, { module, imported: s.propertyName ? s.propertyName.text : s.name.text });
            add(scope, b);
            imports.push(b);
          }
        }
        break;
      }
      case SK.ImportEqualsDeclaration: {
        const d = n as ts.ImportEqualsDeclaration;
        if (ts.isExternalModuleReference(d.moduleReference) && ts.isStringLiteral(d.moduleReference.expression)) {
          const b = mk(d.name, 'import', d, { module: d.moduleReference.expression.text, imported: '*' });
          add(nearest(d, isBlockScope), b);
          imports.push(b);
        }
        break;
      }
      case SK.CatchClause: {
        const c = n as ts.CatchClause;
        if (!c.variableDeclaration || !ts.isIdentifier(c.variableDeclaration.name)) break;
        (c.variableDeclaration as { parent: ts.Node }).parent = c;
        (c.block as { parent: ts.Node }).parent = c;
        add(c, mk(c.variableDeclaration.name, 'other', c.variableDeclaration));
        feed(c.variableDeclaration);
        onNode?.(c.block);
        children(c.block, visitChild);
        return;
      }
      case SK.ExportDeclaration: {
        const d = n as ts.ExportDeclaration;
        if (!d.moduleSpecifier && d.exportClause && ts.isNamedExports(d.exportClause)) for (const s of d.exportClause.elements) exportedNames.add((s.propertyName ?? s.name).text);
        break;
      }
      case SK.ExportAssignment: {
        const a = n as ts.ExportAssignment;
        if (ts.isIdentifier(a.expression)) exportedNames.add(a.expression.text);
        break;
      }
    }
    children(n, visitChild);
  };
  const visitChild = withParent(visit);
  visit(sf);
  const top = byScope.get(sf);
  if (top) for (const name of exportedNames) { const b = top.get(name); if (b) b.exported = true; }
  const scopes: Scopes = { sf, byScope, imports, readOf: new Map(), usesOf: new Map() };
  countReferences(scopes);
  return scopes;
}

/** The binding an identifier at `use` refers to, walking out through the enclosing scopes. */
export function resolve(scopes: Scopes, name: string, use: ts.Node): Binding | undefined {
  for (let p: ts.Node | undefined = use; p; p = p.parent) {
    const b = scopes.byScope.get(p)?.get(name);
    if (b) {
      // A parameter's own default cannot see later parameters; good enough to accept.
      return b;
    }
  }
  return undefined;
}

/** Is this identifier a read of a variable (not a property name, a declaration name or a label)? */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  const SK = ts.SyntaxKind;
  switch (p.kind) {
    case SK.PropertyAccessExpression:
      return (p as ts.PropertyAccessExpression).name !== id;
    case SK.PropertyAssignment: case SK.PropertyDeclaration: case SK.MethodDeclaration: case SK.PropertySignature:
    case SK.MethodSignature: case SK.GetAccessor: case SK.SetAccessor: case SK.EnumMember:
    case SK.VariableDeclaration: case SK.Parameter: case SK.FunctionDeclaration: case SK.ClassDeclaration:
    case SK.EnumDeclaration: case SK.FunctionExpression: case SK.ClassExpression: case SK.InterfaceDeclaration:
    case SK.TypeAliasDeclaration: case SK.JsxAttribute:
      return (p as ts.Node & { name?: ts.Node }).name !== id;
    case SK.BindingElement:
      return (p as ts.BindingElement).name !== id && (p as ts.BindingElement).propertyName !== id;
    case SK.ImportSpecifier: case SK.ImportClause: case SK.NamespaceImport: case SK.ImportEqualsDeclaration:
    case SK.ExportSpecifier: case SK.LabeledStatement: case SK.BreakStatement: case SK.ContinueStatement:
      return false;
    case SK.QualifiedName:
      return (p as ts.QualifiedName).right !== id;
    default:
      return true;
  }
}

function countReferences(scopes: Scopes): void {
  // Destructuring assignment targets (`[a, b] = …`, `({ a } = …)`) are writes too: marked once every read is resolved.
  const destructuring: ts.Expression[] = [];
  // The enclosing scopes that declare something, innermost last: resolving a read walks these (a few)
  // instead of every ancestor (resolve's walk, same answer).
  const open: Map<string, Binding>[] = [];
  const SK = ts.SyntaxKind;
  const visit = (n: ts.Node): void => {
    switch (n.kind) {
      case SK.Identifier: {
        const id = n as ts.Identifier;
        if (!isReference(id)) return;
        let b: Binding | undefined;
        for (let i = open.length - 1; i >= 0 && !b; i--) b = open[i].get(id.text);
        if (b) {
          scopes.readOf.set(id, b);
          const uses = scopes.usesOf.get(b);
          if (uses) uses.push(id);
          else scopes.usesOf.set(b, [id]);
          if (isWriteTarget(id)) b.reassigned = true;
          else b.references++;
        }
        return;
      }
      case SK.BinaryExpression: {
        const e = n as ts.BinaryExpression;
        if (e.operatorToken.kind === SK.EqualsToken && (ts.isArrayLiteralExpression(e.left) || ts.isObjectLiteralExpression(e.left))) destructuring.push(e.left);
        break;
      }
    }
    const declared = scopes.byScope.get(n);
    if (declared) open.push(declared);
    ts.forEachChild(n, visit);
    if (declared) open.pop();
  };
  visit(scopes.sf);
  const mark = (t: ts.Node): void => {
    if (ts.isIdentifier(t)) {
      const b = scopes.readOf.get(t);
      if (b) b.reassigned = true;
    }
    ts.forEachChild(t, mark);
  };
  for (const left of destructuring) mark(left);
}
