// Name bindings in one Python module: assignments per scope, parameters, imports (the SDK's names and
// relative imports of sibling modules), `with … as x`, and mutations of collections. Resolution is
// deliberately conservative: a name bound more than once in its scope is not resolved.
import type { Node } from 'web-tree-sitter';

export interface Binding {
  /** `name` or `self.attr`. */
  key: string;
  /** The bound value (assignment right side, parameter default, `with` item value). */
  value: Node | undefined;
  /** The statement holding an assignment (for remove-definition); undefined for parameters. */
  statement?: Node;
  /** The identifier / attribute being bound. */
  target: Node;
  /** Function / class / module node owning the binding. */
  scope: Node;
  kind: 'assign' | 'param' | 'with' | 'other';
  /** Parameter or annotated-assignment type annotation. */
  annotation?: Node;
}

export interface RelativeImport {
  /** Dotted module as written (`.config`, `..settings.models`). */
  module: string;
  name: string;
}

export interface ModuleBindings {
  root: Node;
  /** key → bindings (every scope). */
  bindings: Map<string, Binding[]>;
  /** Local names of `anthropic` (sub)modules: `anthropic`, `ant` for `import anthropic as ant`. */
  sdkModules: Set<string>;
  /** Local name → original name for names imported from an `anthropic…` module. */
  sdkNames: Map<string, string>;
  /** Local name → relative import (`from .config import MODEL as M`). */
  relativeImports: Map<string, RelativeImport>;
  importsSdk: boolean;
  /** Identifier reads of `name` in the module (definitions' own targets excluded); counted on first use. */
  usesOf(name: string): number;
  /** Names mutated in place anywhere in the module (`x.append(…)`, `x += …`, `x.update(…)`, `x[k] = …` with a computed key). */
  mutated: Set<string>;
  /** `name["key"] = value` statements, per `scopeId:name`. */
  subscriptSets: Map<string, Node[]>;
}

export function scopeOf(node: Node): Node {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition' || p.type === 'lambda') return p;
    if (p.type === 'module') return p;
  }
  return node;
}

function classOf(node: Node): Node | undefined {
  for (let p: Node | null = node; p; p = p.parent) if (p.type === 'class_definition') return p;
  return undefined;
}

const scopeKey = (scope: Node, name: string) => `${scope.id}:${name}`;

function paramName(p: Node): { name: Node; value?: Node; annotation?: Node } | undefined {
  if (p.type === 'identifier') return { name: p };
  if (p.type === 'typed_parameter') {
    const id = p.namedChildren.find((c) => c.type === 'identifier');
    return id ? { name: id, annotation: p.childForFieldName('type') ?? undefined } : undefined;
  }
  if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
    const name = p.childForFieldName('name');
    return name ? { name, value: p.childForFieldName('value') ?? undefined, annotation: p.childForFieldName('type') ?? undefined } : undefined;
  }
  return undefined;
}

/** `self.client` / `cls.client` as a binding key, else undefined. */
export function selfKey(node: Node): string | undefined {
  if (node.type !== 'attribute') return undefined;
  const obj = node.childForFieldName('object');
  const attr = node.childForFieldName('attribute');
  if (obj?.type === 'identifier' && (obj.text === 'self' || obj.text === 'cls') && attr) return `self.${attr.text}`;
  return undefined;
}

/** Node types `visit` needs to see (the caller's tree walk materialises only these). */
export const BINDING_NODE_TYPES = ['import_statement', 'import_from_statement', 'assignment', 'augmented_assignment', 'parameters', 'lambda_parameters', 'as_pattern', 'for_statement', 'for_in_clause', 'function_definition', 'class_definition', 'call'];

/**
 * Bindings of a module, filled by `visit` during the caller's single pre-order walk (it returns
 * false to skip a subtree). Use counts are computed lazily from the tree on first request.
 */
export function createBindings(root: Node): { mb: ModuleBindings; visit: (n: Node) => boolean | void } {
  let uses: Map<string, number> | undefined;
  const out: ModuleBindings = {
    root,
    bindings: new Map(),
    sdkModules: new Set(),
    sdkNames: new Map(),
    relativeImports: new Map(),
    importsSdk: false,
    usesOf(name: string): number {
      if (!uses) {
        uses = new Map();
        for (const n of root.descendantsOfType('identifier')) {
          const p = n.parent;
          if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id) continue;
          if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id) continue;
          if (p?.type === 'dotted_name' || p?.type === 'aliased_import') continue;
          if (targets.has(n.id)) continue;
          uses.set(n.text, (uses.get(n.text) ?? 0) + 1);
        }
      }
      return uses.get(name) ?? 0;
    },
    mutated: new Set(),
    subscriptSets: new Map(),
  };
  const add = (b: Binding) => {
    const list = out.bindings.get(b.key) ?? [];
    list.push(b);
    out.bindings.set(b.key, list);
  };
  const targets = new Set<number>();

  const visit = (n: Node): boolean | void => {
    switch (n.type) {
      case 'import_statement':
        for (const c of n.namedChildren) {
          const dotted = c.type === 'aliased_import' ? c.childForFieldName('name') : c;
          const alias = c.type === 'aliased_import' ? c.childForFieldName('alias')?.text : undefined;
          const mod = dotted?.text ?? '';
          if (mod === 'anthropic' || mod.startsWith('anthropic.')) {
            out.importsSdk = true;
            out.sdkModules.add(alias ?? mod);
            if (!alias) out.sdkModules.add('anthropic');
          }
        }
        return false;
      case 'import_from_statement': {
        const modNode = n.childForFieldName('module_name');
        const mod = modNode?.text ?? '';
        const names = n.childrenForFieldName('name');
        const sdk = mod === 'anthropic' || mod.startsWith('anthropic.');
        if (sdk) out.importsSdk = true;
        if (n.namedChildren.some((c) => c.type === 'wildcard_import') && sdk) {
          for (const k of ['Anthropic', 'AsyncAnthropic']) out.sdkNames.set(k, k);
        }
        for (const c of names) {
          const orig = (c.type === 'aliased_import' ? c.childForFieldName('name') : c)?.text ?? '';
          const local = c.type === 'aliased_import' ? c.childForFieldName('alias')?.text ?? orig : orig;
          if (sdk) out.sdkNames.set(local, orig);
          else if (modNode?.type === 'relative_import') out.relativeImports.set(local, { module: mod, name: orig });
          // `from anthropic import lib` / `from anthropic.lib import bedrock`: submodules used as `bedrock.AnthropicBedrock`.
          if (sdk && /^[a-z_]+$/.test(orig)) out.sdkModules.add(local);
        }
        return false;
      }
      case 'assignment':
      case 'augmented_assignment': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right') ?? undefined;
        const stmt = n.parent?.type === 'expression_statement' ? n.parent : undefined;
        if (!left) return;
        const scope = scopeOf(n);
        if (n.type === 'augmented_assignment') {
          if (left.type === 'identifier') out.mutated.add(left.text);
          return;
        }
        if (left.type === 'identifier') {
          targets.add(left.id);
          add({ key: left.text, value: right, statement: stmt, target: left, scope, kind: 'assign', annotation: n.childForFieldName('type') ?? undefined });
        } else if (selfKey(left)) {
          const cls = classOf(n);
          if (cls) add({ key: selfKey(left)!, value: right, statement: stmt, target: left, scope: cls, kind: 'assign' });
        } else if (left.type === 'subscript') {
          const obj = left.childForFieldName('value');
          const sub = left.childForFieldName('subscript');
          if (obj?.type === 'identifier') {
            if (sub?.type === 'string' && stmt) {
              const k = scopeKey(scope, obj.text);
              out.subscriptSets.set(k, [...(out.subscriptSets.get(k) ?? []), n]);
            } else out.mutated.add(obj.text);
          }
        } else if (left.type === 'pattern_list' || left.type === 'tuple_pattern' || left.type === 'list_pattern') {
          // `a, b = …`: bound, but to nothing we can see.
          for (const id of left.namedChildren) if (id.type === 'identifier') {
            targets.add(id.id);
            add({ key: id.text, value: undefined, target: id, scope, kind: 'other' });
          }
        }
        // A class-level annotated attribute (`client: Anthropic` in a dataclass) types `self.client`.
        if (left.type === 'identifier' && scope.type === 'class_definition' && n.childForFieldName('type')) {
          add({ key: `self.${left.text}`, value: right, target: left, scope, kind: 'param', annotation: n.childForFieldName('type') ?? undefined });
        }
        return;
      }
      case 'parameters':
      case 'lambda_parameters': {
        const fn = n.parent!;
        for (const p of n.namedChildren) {
          const info = paramName(p);
          if (!info) continue;
          targets.add(info.name.id);
          add({ key: info.name.text, value: info.value, target: info.name, scope: fn, kind: 'param', annotation: info.annotation });
        }
        return;
      }
      case 'as_pattern': {
        const alias = n.childForFieldName('alias');
        const id = alias?.namedChildren.find((c) => c.type === 'identifier') ?? (alias?.type === 'identifier' ? alias : undefined);
        const value = n.namedChildren[0];
        if (id && n.parent?.type === 'with_item') {
          targets.add(id.id);
          add({ key: id.text, value, target: id, scope: scopeOf(n), kind: 'with' });
        } else if (id) {
          targets.add(id.id);
          add({ key: id.text, value: undefined, target: id, scope: scopeOf(n), kind: 'other' });
        }
        return;
      }
      case 'for_statement':
      case 'for_in_clause': {
        const left = n.childForFieldName('left');
        const ids = left?.type === 'identifier' ? [left] : left?.namedChildren.filter((c) => c.type === 'identifier') ?? [];
        for (const id of ids) {
          targets.add(id.id);
          add({ key: id.text, value: undefined, target: id, scope: scopeOf(n), kind: 'other' });
        }
        return;
      }
      case 'function_definition':
      case 'class_definition': {
        const name = n.childForFieldName('name');
        if (name) {
          targets.add(name.id);
          add({ key: name.text, value: undefined, target: name, scope: scopeOf(n), kind: 'other' });
        }
        return;
      }
      case 'call': {
        // `x.append(…)` and friends change a collection after its literal.
        const fn = n.childForFieldName('function');
        if (fn?.type === 'attribute') {
          const obj = fn.childForFieldName('object');
          const m = fn.childForFieldName('attribute')?.text ?? '';
          if (obj?.type === 'identifier' && /^(append|extend|insert|update|setdefault|pop|popitem|remove|clear|add|discard|__setitem__)$/.test(m)) {
            out.mutated.add(obj.text);
          }
        }
        return;
      }
    }
  };
  return { mb: out, visit };
}

/**
 * The single binding `name` refers to at `use`: innermost scope first, skipping class bodies for
 * code inside methods (Python's rule). Undefined when the name is bound several times in the scope
 * that defines it, or not bound in this module.
 */
export function resolveName(mb: ModuleBindings, name: string, use: Node): Binding | undefined {
  const all = mb.bindings.get(name);
  if (!all) return undefined;
  let scope: Node = scopeOf(use);
  const direct = scope;
  for (;;) {
    if (!(scope.type === 'class_definition' && scope.id !== direct.id)) {
      const here = all.filter((b) => b.scope.id === scope.id);
      if (here.length === 1) return here[0];
      if (here.length > 1) {
        // `x = x or DEFAULT` style re-binding is ambiguous; a parameter plus its reassignment too.
        return undefined;
      }
    }
    if (scope.type === 'module') return undefined;
    scope = scopeOf(scope);
  }
}

/** The only binding of `self.attr` in the class enclosing `use`. */
export function resolveSelf(mb: ModuleBindings, key: string, use: Node): Binding | undefined {
  const cls = classOf(use);
  if (!cls) return undefined;
  const here = (mb.bindings.get(key) ?? []).filter((b) => b.scope.id === cls.id);
  const assigns = here.filter((b) => b.kind === 'assign');
  if (assigns.length === 1) return assigns[0];
  if (assigns.length === 0 && here.length === 1) return here[0];
  if (assigns.length === 0) {
    // A class-level constant `model = "…"` read as `self.model`.
    const attr = key.slice('self.'.length);
    const classLevel = (mb.bindings.get(attr) ?? []).filter((b) => b.scope.id === cls.id && b.kind === 'assign');
    if (classLevel.length === 1) return classLevel[0];
  }
  return undefined;
}

export function isMutated(mb: ModuleBindings, b: Binding): boolean {
  return mb.mutated.has(b.key);
}

export function subscriptSetsOf(mb: ModuleBindings, b: Binding): Node[] {
  return mb.subscriptSets.get(scopeKey(b.scope, b.key)) ?? [];
}
