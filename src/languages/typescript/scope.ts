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

  const feed = (n: ts.Node): void => {
    onNode!(n);
    ts.forEachChild(n, feed);
  };
  const visit = (n: ts.Node): void => {
    onNode?.(n);
    if (ts.isVariableDeclaration(n)) {
      const list = n.parent;
      const isVar = ts.isVariableDeclarationList(list) && !(list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const));
      const scope = isVar ? nearest(n, isFunctionScope) : nearest(list.parent && ts.isVariableStatement(list.parent) ? list.parent : list, isBlockScope);
      const stmt = list.parent;
      const exported = !!stmt && ts.isVariableStatement(stmt) && !!stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      const spec = requireSpecifier(n.initializer);
      if (ts.isIdentifier(n.name)) {
        const b = mk(n.name, spec ? 'import' : 'var', n, {
          exported,
          ...(n.initializer ? { init: n.initializer } : {}),
          ...(n.type ? { type: n.type } : {}),
          ...(spec ? { module: spec, imported: requireIsDefault(n.initializer!) ? 'default' : '*' } : {}),
        });
        add(scope, b);
        if (spec) imports.push(b);
      } else {
        bindPattern(n.name, scope, n, n.initializer, 'var', spec, exported);
      }
    } else if (ts.isParameter(n) && ts.isIdentifier(n.name)) {
      add(n.parent, mk(n.name, 'param', n, n.type ? { type: n.type } : {}));
    } else if (ts.isParameter(n)) {
      bindPattern(n.name, n.parent, n, undefined, 'param');
    } else if (ts.isFunctionDeclaration(n) && n.name) {
      add(nearest(n, isBlockScope), mk(n.name, 'function', n, { exported: !!n.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) }));
    } else if (ts.isClassDeclaration(n) && n.name) {
      add(nearest(n, isBlockScope), mk(n.name, 'class', n));
    } else if (ts.isEnumDeclaration(n)) {
      add(nearest(n, isBlockScope), mk(n.name, 'enum', n, { exported: !!n.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) }));
    } else if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && n.importClause) {
      const module = n.moduleSpecifier.text;
      const clause = n.importClause;
      const scope = nearest(n, isBlockScope);
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
          const b = mk(s.name, 'import', s, { module, imported: s.propertyName ? (ts.isIdentifier(s.propertyName) ? s.propertyName.text : s.propertyName.text) : s.name.text });
          add(scope, b);
          imports.push(b);
        }
      }
    } else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteral(n.moduleReference.expression)) {
      const b = mk(n.name, 'import', n, { module: n.moduleReference.expression.text, imported: '*' });
      add(nearest(n, isBlockScope), b);
      imports.push(b);
    } else if (ts.isCatchClause(n) && n.variableDeclaration && ts.isIdentifier(n.variableDeclaration.name)) {
      add(n, mk(n.variableDeclaration.name, 'other', n.variableDeclaration));
      if (onNode) {
        feed(n.variableDeclaration);
        onNode(n.block);
      }
      ts.forEachChild(n.block, visit);
      return;
    } else if (ts.isExportDeclaration(n) && !n.moduleSpecifier && n.exportClause && ts.isNamedExports(n.exportClause)) {
      for (const s of n.exportClause.elements) exportedNames.add((s.propertyName ?? s.name).text);
    } else if (ts.isExportAssignment(n) && ts.isIdentifier(n.expression)) {
      exportedNames.add(n.expression.text);
    }
    ts.forEachChild(n, visit);
  };
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
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isPropertySignature(p) || ts.isMethodSignature(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p) || ts.isEnumMember(p)) && p.name === id) return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p) || ts.isEnumDeclaration(p) || ts.isFunctionExpression(p) || ts.isClassExpression(p) || ts.isInterfaceDeclaration(p) || ts.isTypeAliasDeclaration(p)) && p.name === id) return false;
  if (ts.isBindingElement(p) && (p.name === id || p.propertyName === id)) return false;
  if (ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p) || ts.isImportEqualsDeclaration(p)) return false;
  if (ts.isExportSpecifier(p)) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  if (ts.isQualifiedName(p) && p.right === id) return false;
  if (ts.isJsxAttribute(p) && p.name === id) return false;
  if (ts.isTypeReferenceNode(p) || ts.isQualifiedName(p) || ts.isTypeQueryNode(p) || ts.isExpressionWithTypeArguments(p)) return true;
  return true;
}

function countReferences(scopes: Scopes): void {
  // Destructuring assignment targets (`[a, b] = …`, `({ a } = …)`) are writes too: marked once every read is resolved.
  const destructuring: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) {
      if (isReference(n)) {
        const b = resolve(scopes, n.text, n);
        if (b) {
          scopes.readOf.set(n, b);
          const uses = scopes.usesOf.get(b);
          if (uses) uses.push(n);
          else scopes.usesOf.set(b, [n]);
          if (isWriteTarget(n)) b.reassigned = true;
          else b.references++;
        }
      }
      return;
    }
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && (ts.isArrayLiteralExpression(n.left) || ts.isObjectLiteralExpression(n.left))) destructuring.push(n.left);
    ts.forEachChild(n, visit);
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
