// Edit intents → Java source edits. A builder chain is edited segment by segment (`.topP(0.9)` goes
// with its line); values are written with the SDK's builders (sdk.ts lists where each name was
// verified), and a class the new code names is imported next to the file's other SDK imports — or the
// edit is refused when the file's import style cannot be told.
import type { Node } from 'web-tree-sitter';
import { copiedEntry, eolOf, indentOf, insertListItem, lineEndOf, lineStartOf, nextLineStart, removeListItem } from '../edit-helpers.js';
import { isRawCode, type EditIntent, type NeutralValue, type Range, type RenderResult, type RequestView, type TextEdit, type ValueView } from '../types.js';
import { camelCase, escapeDoubleQuoted, innermost, rangeKey, renameIdentifierForModel, walk } from '../tree-sitter/common.js';
import { BETA_MESSAGES_PACKAGE, constantForModelId, DISPLAY_CONSTANTS, EFFORT_CONSTANTS, MESSAGES_PACKAGE, WRITABLE_TOOL_CLASSES } from './sdk.js';
import type { JavaAnalysis, JavaContainer } from './views.js';
import { javaConstructs } from './context.js';

export interface JavaRenderContext {
  text: string;
  root: Node;
  analysis: JavaAnalysis;
}

/** Rendered code plus the SDK classes it names (simple name → package), to be imported. */
type Rendered = { code: string; classes: Map<string, string> } | { refused: string };

const javaString = (v: string) => `"${escapeDoubleQuoted(v)}"`;

function javaNumber(n: number, path: string[]): string {
  const key = path.at(-1);
  if ((key === 'temperature' || key === 'top_p') && Number.isInteger(n)) return `${n}.0`;
  return String(n);
}

/** A JSON value as a Java expression for `JsonValue.from(…)` (java.util collections written fully qualified: no import needed). */
function javaJson(v: NeutralValue): string {
  if (isRawCode(v)) return v.$code;
  if (v === null) return 'null';
  if (typeof v === 'string') return javaString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `java.util.List.of(${v.map(javaJson).join(', ')})`;
  return `java.util.Map.of(${Object.entries(v).map(([k, x]) => `${javaString(k)}, ${javaJson(x)}`).join(', ')})`;
}

export function renderJavaValue(path: string[], to: NeutralValue, beta: boolean, containerType?: string): Rendered {
  const classes = new Map<string, string>();
  const B = beta ? 'Beta' : '';
  const pkg = beta ? BETA_MESSAGES_PACKAGE : MESSAGES_PACKAGE;
  const use = (cls: string) => {
    classes.set(cls, pkg);
    return cls;
  };
  if (isRawCode(to)) return { code: to.$code, classes };
  const key = path.join('.').replace(/\.\*/g, '[]');
  const obj = typeof to === 'object' && to !== null && !Array.isArray(to) ? (to as Record<string, NeutralValue>) : undefined;
  switch (key) {
    case 'model':
      if (typeof to !== 'string') break;
      if (constantForModelId(to)) {
        classes.set('Model', MESSAGES_PACKAGE); // the beta params take the same Model class
        return { code: `Model.${constantForModelId(to)}`, classes };
      }
      return { code: javaString(to), classes };
    case 'max_tokens':
    case 'temperature':
    case 'top_p':
    case 'top_k':
      if (typeof to === 'number') return { code: javaNumber(to, path), classes };
      break;
    case 'system':
      if (typeof to === 'string') return { code: javaString(to), classes };
      break;
    case 'thinking': {
      if (!obj) break;
      if (obj.type === 'adaptive') {
        const cls = use(`${B}ThinkingConfigAdaptive`);
        const display = obj.display;
        if (display !== undefined && (typeof display !== 'string' || !DISPLAY_CONSTANTS[display])) return { refused: `no Java constant for thinking display ${JSON.stringify(display)}` };
        const d = typeof display === 'string' ? `.display(${cls}.Display.${DISPLAY_CONSTANTS[display]})` : '';
        return { code: `${cls}.builder()${d}.build()`, classes };
      }
      if (obj.type === 'disabled') return { code: `${use(`${B}ThinkingConfigDisabled`)}.builder().build()`, classes };
      if (obj.type === 'enabled' && typeof obj.budget_tokens === 'number') return { code: `${use(`${B}ThinkingConfigEnabled`)}.builder().budgetTokens(${obj.budget_tokens}).build()`, classes };
      break;
    }
    case 'thinking.display': {
      if (typeof to !== 'string' || !DISPLAY_CONSTANTS[to]) break;
      const variant = containerType && /ThinkingConfigEnabled$/.test(containerType) ? 'Enabled' : 'Adaptive';
      return { code: `${use(`${B}ThinkingConfig${variant}`)}.Display.${DISPLAY_CONSTANTS[to]}`, classes };
    }
    case 'output_config': {
      if (!obj) break;
      const cls = use(`${B}OutputConfig`);
      let code = `${cls}.builder()`;
      for (const [k, v] of Object.entries(obj)) {
        const r = renderJavaValue([...path, k], v, beta);
        if ('refused' in r) return r;
        r.classes.forEach((p, c) => classes.set(c, p));
        code += `.${camelCase(k)}(${r.code})`;
      }
      return { code: `${code}.build()`, classes };
    }
    case 'output_config.format': {
      // JsonOutputFormat.builder().schema(JsonOutputFormat.Schema.builder().putAdditionalProperty(k, JsonValue.from(v))….build()).build()
      // (models/messages/JsonOutputFormat.kt, core/Values.kt JsonValue.from; the type defaults to json_schema).
      if (!obj || obj.type !== 'json_schema' || typeof obj.schema !== 'object' || obj.schema === null || Array.isArray(obj.schema) || isRawCode(obj.schema)) break;
      const cls = use(`${B}JsonOutputFormat`);
      classes.set('JsonValue', 'com.anthropic.core');
      const props = Object.entries(obj.schema as Record<string, NeutralValue>).map(([k, v]) => `.putAdditionalProperty(${javaString(k)}, JsonValue.from(${javaJson(v)}))`).join('');
      return { code: `${cls}.builder().schema(${cls}.Schema.builder()${props}.build()).build()`, classes };
    }
    case 'output_config.effort':
      if (typeof to === 'string' && EFFORT_CONSTANTS[to]) return { code: `${use(`${B}OutputConfig`)}.Effort.${EFFORT_CONSTANTS[to]}`, classes };
      break;
    case 'messages[]':
      if (obj && typeof obj.content === 'string' && (obj.role === 'user' || obj.role === 'assistant')) {
        const cls = use('MessageParam');
        return { code: `${cls}.builder().role(${cls}.Role.${obj.role.toUpperCase()}).content(${javaString(obj.content)}).build()`, classes };
      }
      break;
  }
  return { refused: `no verified Java rendering for ${path.join('.')} = ${JSON.stringify(to).slice(0, 80)}` };
}

// ------------------------------------------------------------------ imports

/**
 * The import edits `classes` need, or a refusal when the file's style cannot be told (no import of
 * the package, no wildcard, and no other SDK import to sit next to).
 */
function importEdits(ctx: JavaRenderContext, classes: Map<string, string>): TextEdit[] | { refused: string } {
  const { text, analysis } = ctx;
  const { imports } = analysis;
  const edits: TextEdit[] = [];
  const eol = eolOf(text);
  for (const [cls, pkg] of classes) {
    const fqcn = `${pkg}.${cls}`;
    if (imports.wildcards.has(pkg)) continue;
    const existing = imports.explicit.get(cls);
    if (existing) {
      if (existing.text.includes(`${fqcn};`)) continue;
      return { refused: `${cls} is already imported from another package (${existing.text})` };
    }
    // Same simple name used without import (same package, or fully qualified elsewhere): cannot tell.
    const samePkg = imports.all.filter((i) => i.text.startsWith(`import ${pkg}.`) && !i.text.includes('*'));
    const anchorList = samePkg.length ? samePkg : imports.all.filter((i) => i.text.startsWith('import com.anthropic.'));
    if (!anchorList.length) return { refused: `cannot tell how this file imports ${cls}: add \`import ${fqcn};\` by hand` };
    // Keep alphabetical order among the package's imports when they are sorted.
    const line = `import ${fqcn};`;
    const after = [...anchorList].reverse().find((i) => i.text < line) ?? undefined;
    if (after) edits.push({ start: lineEndOf(text, after.endIndex), end: lineEndOf(text, after.endIndex), text: `${eol}${line}` });
    else edits.push({ start: lineStartOf(text, anchorList[0].startIndex), end: lineStartOf(text, anchorList[0].startIndex), text: `${line}${eol}` });
  }
  // Several imports landing at one point are one edit (in sorted order): same-point insertions conflict.
  const merged = new Map<number, string[]>();
  for (const e of edits) merged.set(e.start, [...(merged.get(e.start) ?? []), e.text]);
  return [...merged].map(([at, texts]) => ({ start: at, end: at, text: texts.sort().join('') }));
}

function withImports(ctx: JavaRenderContext, r: Rendered, edit: (code: string) => TextEdit[]): RenderResult {
  if ('refused' in r) return r;
  const imp = importEdits(ctx, r.classes);
  if (!Array.isArray(imp)) return imp;
  return { edits: [...edit(r.code), ...imp] };
}

// ------------------------------------------------------------------ intents

const LINE_COMMENT = ['//'];

export function renderJava(ctx: JavaRenderContext, intent: EditIntent): RenderResult {
  const { text, analysis } = ctx;
  const containerOf = (v: ValueView) => analysis.containers.get(rangeKey(v.range));
  switch (intent.kind) {
    case 'replace':
      return { edits: [{ start: intent.range.start, end: intent.range.end, text: intent.text }] };

    case 'set-value': {
      const v = intent.value;
      const key = intent.path.at(-1) ?? '';
      // A server tool's type is its class (`ToolTextEditor20250124.builder()…`): swap the class.
      if (v.kind === 'string' && !v.contentRange && intent.path.join('.') === 'tools.*.type' && typeof intent.to === 'string') return swapToolClass(ctx, v, intent.to);
      if (v.kind === 'string' && !v.contentRange) return { refused: 'the value is implied by a builder class or method name: change that name by hand' };
      if (typeof intent.to === 'string' && v.kind === 'string' && v.contentRange) {
        return { edits: [{ start: v.contentRange.start - 1, end: v.contentRange.end + 1, text: javaString(intent.to) }] };
      }
      const beta = isBetaAt(ctx, v);
      const r = renderJavaValue(intent.path, intent.to, beta, enclosingType(ctx, v.range));
      if ('refused' in r) return r;
      // A value that is a whole builder segment (`.enabledThinking(N)`, `.addAssistantMessage("…")`) is replaced by a segment.
      if (v.text.startsWith('.')) {
        const method = key === '*' && intent.path[0] === 'messages' ? messageSegment(intent.to) : undefined;
        if (method) return { edits: [{ start: v.range.start, end: v.range.end, text: method }] };
        return withImports(ctx, r, (code) => [{ start: v.range.start, end: v.range.end, text: `.${camelCase(key)}(${code})` }]);
      }
      if (key === 'max_tokens' && typeof intent.to === 'number' && /[lL]$/.test(v.text)) return { edits: [{ start: v.range.start, end: v.range.end, text: `${intent.to}L` }] };
      return withImports(ctx, r, (code) => [{ start: v.range.start, end: v.range.end, text: code }]);
    }

    case 'add-field': {
      const c = containerOf(intent.container);
      if (!c || c.kind !== 'chain') return { refused: 'the object is not a builder chain in this file' };
      const r = renderJavaValue(intent.path, intent.to, c.beta, c.typeName);
      return withImports(ctx, r, (code) => [insertSegment(text, c, `.${camelCase(intent.key)}(${code})`)]);
    }

    case 'remove-field': {
      if (intent.field.implicit) return { refused: 'the field is implied by a builder class and has no source of its own' };
      const c = containerOf(intent.container);
      if (!c || c.kind !== 'chain') return { refused: 'the object is not a builder chain in this file' };
      // A gathered list field (`.addBeta(a).addBeta(b)`) is several segments.
      const parts = c.items.filter((r) => intent.field.range.start <= r.start && r.end <= intent.field.range.end);
      if (!parts.length) return { refused: 'the field is not a segment of its builder chain' };
      const edits: TextEdit[] = [];
      const remaining = [...c.items];
      for (const part of [...parts].reverse()) {
        const index = remaining.findIndex((r) => r.start === part.start);
        edits.push(removeListItem(text, { items: remaining, separator: '', trailingSeparatorAllowed: false, lineComment: LINE_COMMENT }, index));
      }
      return { edits: mergeAdjacent(edits) };
    }

    case 'remove-element': {
      const c = containerOf(intent.array);
      if (!c) return { refused: 'the list is not a literal in this file' };
      const index = c.items.findIndex((r) => r.start <= intent.element.range.start && intent.element.range.end <= r.end);
      if (index < 0) return { refused: 'the element is not in its list' };
      if (c.kind === 'segments') {
        // The element is a builder segment of the enclosing chain: remove it among all the chain's segments.
        const chain = [...analysis.containers.values()].find((x) => x.kind === 'chain' && x.items.some((r) => r.start === c.items[index].start));
        if (!chain) return { refused: 'no builder chain holds the element' };
        const ci = chain.items.findIndex((r) => r.start === c.items[index].start);
        return { edits: [removeListItem(text, { items: chain.items, separator: '', trailingSeparatorAllowed: false, lineComment: LINE_COMMENT }, ci)] };
      }
      return { edits: [removeListItem(text, { items: c.items, separator: ',', trailingSeparatorAllowed: c.trailingSeparatorAllowed, lineComment: LINE_COMMENT }, index)] };
    }

    case 'rename-call':
      return renameBetaCall(ctx, intent.request);

    case 'insert-comment': {
      const lineStart = lineStartOf(text, intent.at);
      const indent = indentOf(text, intent.at);
      const eol = eolOf(text);
      return { edits: [{ start: lineStart, end: lineStart, text: intent.text.split(/\r?\n/).map((l) => `${indent}//${l ? ' ' + l : ''}${eol}`).join('') }] };
    }

    case 'add-alongside':
      return alongsideJava(ctx, intent.at, intent.from, intent.to);

    case 'remove-definition': {
      const via = intent.value.via;
      if (!via || via.external) return { refused: 'the value has no definition in this file' };
      const stmt = innermost(ctx.root, via.definitionRange.start, (n) => n.startIndex === via.definitionRange.start && n.endIndex === via.definitionRange.end);
      if (!stmt || !/^(local_variable_declaration|field_declaration)$/.test(stmt.type)) return { refused: 'the definition is not a declaration statement' };
      if (stmt.namedChildren.filter((c) => c.type === 'variable_declarator').length !== 1) return { refused: 'the declaration declares several variables' };
      const ls = lineStartOf(text, stmt.startIndex);
      if (!/^[ \t]*$/.test(text.slice(ls, stmt.startIndex)) || !/^[ \t]*(\/\/.*)?$/.test(text.slice(stmt.endIndex, lineEndOf(text, stmt.endIndex)))) return { refused: 'the declaration shares its line with other code' };
      return { edits: [{ start: ls, end: nextLineStart(text, stmt.endIndex), text: '' }] };
    }
  }
}

function messageSegment(to: NeutralValue): string | undefined {
  if (typeof to !== 'object' || to === null || Array.isArray(to) || isRawCode(to)) return undefined;
  const o = to as Record<string, NeutralValue>;
  if (typeof o.content !== 'string') return undefined;
  if (o.role === 'user') return `.addUserMessage(${javaString(o.content)})`;
  if (o.role === 'assistant') return `.addAssistantMessage(${javaString(o.content)})`;
  return undefined;
}

/** Removals of neighbouring segments computed on the same text may touch; join touching ones. */
function mergeAdjacent(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const prev = out.at(-1);
    if (prev && e.start <= prev.end) out[out.length - 1] = { start: prev.start, end: Math.max(prev.end, e.end), text: prev.text + e.text };
    else out.push({ ...e });
  }
  return out;
}

/** Insert a `.method(value)` segment before `.build()`: on its own line when the chain is one segment per line. */
function insertSegment(text: string, c: JavaContainer, segment: string): TextEdit {
  const last = c.items.at(-1) ?? c.builder!;
  const eol = eolOf(text);
  if (!c.build) {
    // A builder without build() (kept in a variable): append after the last segment, on a line of its own if the chain has them.
    const multiline = c.items.length > 0 && text.slice(c.builder!.end, last.start).includes('\n');
    return { start: last.end, end: last.end, text: multiline ? `${eol}${indentOf(text, last.start)}${segment}` : segment };
  }
  const build = c.build;
  const buildOnOwnLine = /^[ \t]*$/.test(text.slice(lineStartOf(text, build.start), build.start));
  if (buildOnOwnLine && text.slice(last.end, build.start).includes('\n')) {
    // On a line of its own just above `.build()`, indented like the segments: it stays clear of the
    // last segment's line, which another intent of the same finding may remove (a prefill).
    const at = lineStartOf(text, build.start);
    const indentFrom = c.items.length ? last.start : build.start;
    return { start: at, end: at, text: `${indentOf(text, indentFrom)}${segment}${eol}` };
  }
  return { start: build.start, end: build.start, text: segment };
}

function enclosingType(ctx: JavaRenderContext, r: Range): string | undefined {
  let best: JavaContainer | undefined;
  let size = Infinity;
  for (const [k, c] of ctx.analysis.containers) {
    const [s, e] = k.split(':').map(Number);
    if (c.kind === 'chain' && s <= r.start && r.end <= e && e - s < size) { best = c; size = e - s; }
  }
  return best?.typeName;
}

function isBetaAt(ctx: JavaRenderContext, v: ValueView): boolean {
  for (const req of ctx.analysis.view.requests) if (req.beta && req.params.range.start <= v.range.start && v.range.end <= req.params.range.end) return true;
  let best: JavaContainer | undefined;
  let size = Infinity;
  for (const [k, c] of ctx.analysis.containers) {
    const [s, e] = k.split(':').map(Number);
    if (s <= v.range.start && v.range.end <= e && e - s < size) { best = c; size = e - s; }
  }
  return best?.beta ?? false;
}

/**
 * `client.beta().messages().create(params)` → `client.messages().create(params)`. The beta params class
 * has the same simple name in another package, so the import moves too; refused when anything else
 * in the file is beta-typed or the beta flags are still set.
 */
function renameBetaCall(ctx: JavaRenderContext, req: RequestView): RenderResult {
  const { text, root, analysis } = ctx;
  const info = [...analysis.requestNodes.entries()].find(([r]) => r.range.start === req.range.start && r.range.end === req.range.end)?.[1];
  if (!info || !req.beta) return { refused: 'not a beta-namespace SDK call in this file' };
  let betaSeg: Node | undefined;
  walk(info.call, (n) => {
    if (n.type === 'method_invocation' && n.childForFieldName('name')?.text === 'beta' && !n.childForFieldName('arguments')?.namedChildren.length) betaSeg = n;
  });
  const object = betaSeg?.childForFieldName('object');
  if (!betaSeg || !object) return { refused: 'no .beta() call in the callee' };
  if (req.params.fields?.some((f) => f.key === 'betas') || req.headers.some((h) => h.scope === 'request' && h.name === 'anthropic-beta')) return { refused: 'beta flags are still set on the request' };
  const edits: TextEdit[] = [{ start: object.endIndex, end: betaSeg.endIndex, text: '' }];
  const { imports } = analysis;
  if ([...imports.wildcards].some((w) => w.startsWith(BETA_MESSAGES_PACKAGE))) return { refused: `the file imports ${BETA_MESSAGES_PACKAGE}.*: switch the imports by hand` };
  const betaImports = imports.all.filter((i) => i.text.includes(`${BETA_MESSAGES_PACKAGE}.`));
  const betaTypes = new Set<string>();
  walk(root, (n) => {
    if ((n.type === 'type_identifier' || n.type === 'identifier') && /^Beta[A-Z]/.test(n.text)) betaTypes.add(n.text);
  });
  const movable = betaImports.filter((i) => /\.(MessageCreateParams|MessageCountTokensParams);$/.test(i.text));
  if (betaTypes.size || movable.length !== betaImports.length) return { refused: `other beta types remain in the file (${[...betaTypes, ...betaImports.filter((i) => !movable.includes(i)).map((i) => i.text)].slice(0, 3).join(', ')})` };
  for (const imp of movable) {
    const cls = imp.text.replace(/;$/, '').split('.').pop()!;
    if (imports.explicit.get(cls) && !imports.explicit.get(cls)!.text.includes(BETA_MESSAGES_PACKAGE)) continue;
    const existing = imports.all.find((i) => i.text === `import ${MESSAGES_PACKAGE}.${cls};`);
    if (existing) edits.push({ start: lineStartOf(text, imp.startIndex), end: nextLineStart(text, imp.endIndex), text: '' });
    else edits.push({ start: imp.startIndex, end: imp.endIndex, text: `import ${MESSAGES_PACKAGE}.${cls};` });
  }
  return { edits };
}

function alongsideJava(ctx: JavaRenderContext, at: number, from: string, to: string): RenderResult {
  const { text, root } = ctx;
  if (!text.startsWith(from, at)) return { refused: `"${from}" is not at the given offset` };
  const c = javaConstructs(root, at);
  const size = (n: Node | undefined) => (n ? n.endIndex - n.startIndex : Infinity);
  const candidates = [
    { kind: 'collection' as const, node: c.collection?.entry },
    // A membership test inside an assert is the assert's subject: the assert is duplicated instead.
    { kind: 'gate' as const, node: c.gate && c.assert && c.assert.startIndex <= c.gate.startIndex && c.gate.endIndex <= c.assert.endIndex ? undefined : c.gate },
    { kind: 'assert' as const, node: c.assert },
  ].filter((x) => x.node && x.node.startIndex <= at && at + from.length <= x.node.endIndex);
  if (!candidates.length) return { refused: 'no collection entry, case, gate or assert encloses the model ID' };
  const pick = candidates.reduce((a, b) => (size(b.node) < size(a.node) ? b : a));
  const node = pick.node!;
  const copy = text.slice(node.startIndex, at) + to + text.slice(at + from.length, node.endIndex);
  const eol = eolOf(text);
  if (pick.kind === 'gate') {
    const op = node.type === 'binary_expression' && node.childForFieldName('operator')?.text === '!=' ? '&&' : '||';
    const parentOp = node.parent?.type === 'binary_expression' ? node.parent.childForFieldName('operator')?.text : undefined;
    const needParens = node.parent?.type === 'unary_expression' || (parentOp !== undefined && !(parentOp === '||' || (op === '&&' && parentOp === '&&')));
    const joined = `${node.text} ${op} ${copy}`;
    return { edits: [{ start: node.startIndex, end: node.endIndex, text: needParens ? `(${joined})` : joined }] };
  }
  if (pick.kind === 'assert') {
    const end = lineEndOf(text, node.endIndex);
    if (!/^[ \t]*(\/\/.*)?$/.test(text.slice(node.endIndex, end))) return { refused: 'the assert shares its line with other code' };
    return { edits: [{ start: end, end, text: `${eol}${indentOf(text, node.startIndex)}${copy}` }] };
  }
  const col = c.collection!;
  if (col.kind === 'switch') {
    const label = node.parent!;
    if (col.arrow) return { edits: [{ start: node.endIndex, end: node.endIndex, text: `, ${copy}` }] };
    // Colon-style: a fall-through label on its own line works on every Java version.
    const end = lineEndOf(text, label.endIndex);
    return { edits: [{ start: end, end, text: `${eol}${indentOf(text, label.startIndex)}case ${copy}:` }] };
  }
  const items = col.items.map((n) => ({ start: n.startIndex, end: n.endIndex }));
  if (col.kind === 'enum') {
    const name = node.childForFieldName('name');
    const renamed = name && renameIdentifierForModel(name.text, from, to);
    if (!name || !renamed) return { refused: `cannot derive an enum constant name for ${to}` };
    const rel = name.startIndex - node.startIndex;
    const member = copy.slice(0, rel) + renamed + copy.slice(rel + name.text.length);
    const index = items.findIndex((r) => r.start === node.startIndex);
    const body = node.parent!;
    return { edits: [insertListItem(text, { items, separator: ',', trailingSeparatorAllowed: true, lineComment: LINE_COMMENT, inner: { start: body.startIndex + 1, end: body.endIndex - 1 }, afterIndex: index }, member)] };
  }
  if (col.kind === 'map' && col.node.type === 'method_invocation' && /\.of$|^of$/.test(`${col.node.childForFieldName('name')?.text}`) && col.entry.parent?.type === 'argument_list') {
    // Map.of(k1, v1, k2, v2): duplicate the key/value pair.
    const args = col.items;
    const i = args.findIndex((a) => a.id === node.id);
    const keyNode = args[i - (i % 2)];
    const valueNode = args[i - (i % 2) + 1];
    if (!keyNode || !valueNode) return { refused: 'unbalanced Map.of arguments' };
    if (at >= valueNode.startIndex) return { refused: 'the model ID is a map value, not a key' };
    const pair = text.slice(keyNode.startIndex, at) + to + text.slice(at + from.length, valueNode.endIndex);
    // Reuse the separator the map already has between pairs (`, ` or `,\n    `).
    const next = args[i - (i % 2) + 2];
    const prevValue = args[i - (i % 2) - 1];
    const sep = next ? text.slice(valueNode.endIndex, next.startIndex) : prevValue ? text.slice(prevValue.endIndex, keyNode.startIndex) : ', ';
    return { edits: [{ start: valueNode.endIndex, end: valueNode.endIndex, text: `${/^\s*,/.test(sep) ? sep.trimStart() : ', '}${pair}` }] };
  }
  const index = items.findIndex((r) => r.start === node.startIndex && r.end === node.endIndex);
  if (index < 0) return { refused: 'the entry is not an element of its list' };
  const listNode = col.node.type === 'array_initializer' ? col.node : col.node.childForFieldName('arguments') ?? col.node;
  const trailing = col.node.type === 'array_initializer';
  return { edits: [insertListItem(text, { items, separator: ',', trailingSeparatorAllowed: trailing, lineComment: LINE_COMMENT, inner: { start: listNode.startIndex + 1, end: listNode.endIndex - 1 }, afterIndex: index }, copiedEntry(text, node.startIndex, copy, copy.includes('"""')))] };
}

/**
 * tool-version for a tool built from its SDK class: `ToolTextEditor20250124.builder()…build()` →
 * `ToolTextEditor20250728.builder()…build()`, with the `ToolUnion.ofTextEditor…` factory around it,
 * the declared type of a variable holding it, and the import. Refused when the old class is named
 * elsewhere in a way this edit would not follow.
 */
function swapToolClass(ctx: JavaRenderContext, v: ValueView, to: string): RenderResult {
  const { text, root, analysis } = ctx;
  const from = typeof v.literal === 'string' ? v.literal : '';
  const oldM = /^([a-z_]+)_(\d{8})$/.exec(from);
  const newM = /^([a-z_]+)_(\d{8})$/.exec(to);
  if (!oldM || !newM || oldM[1] !== newM[1]) return { refused: `cannot map tool type ${from} to ${to}` };
  const rootNode = innermost(root, v.range.start, (n) => /^(identifier|scoped_identifier|type_identifier)$/.test(n.type) && n.startIndex === v.range.start && n.endIndex === v.range.end);
  if (!rootNode) return { refused: 'the tool type is not a builder class in this file' };
  const oldName = rootNode.text.split('.').pop()!;
  const newName = oldName.replace(oldM[2], newM[2]);
  const factory = WRITABLE_TOOL_CLASSES[newName];
  if (!factory || newName === oldName) return { refused: `no verified Java class for ${to} (from ${oldName})` };
  const oldFactory = factory.replace(newM[2], oldM[2]);
  const edits: TextEdit[] = [{ start: rootNode.endIndex - oldName.length, end: rootNode.endIndex, text: newName }];
  const renamed = new Set<number>([rootNode.id]);
  // The whole builder expression: climb while this node is the object of the next `.x()` call.
  let expr: Node = rootNode;
  while (expr.parent?.type === 'method_invocation' && expr.parent.childForFieldName('object')?.id === expr.id) expr = expr.parent;
  const holders: Node[] = [expr];
  const decl = expr.parent?.type === 'variable_declarator' && expr.parent.childForFieldName('value')?.id === expr.id ? expr.parent : undefined;
  if (decl) {
    const declType = decl.parent?.childForFieldName('type');
    if (declType?.text === oldName) { edits.push({ start: declType.startIndex, end: declType.endIndex, text: newName }); renamed.add(declType.id); }
    const name = decl.childForFieldName('name')?.text;
    if (name) walk(decl.parent?.parent ?? root, (n) => { if (n.type === 'identifier' && n.text === name && n.parent?.type === 'argument_list') holders.push(n); });
  }
  for (const h of holders) {
    const call = h.parent?.type === 'argument_list' ? h.parent.parent : undefined;
    const m = call?.type === 'method_invocation' ? call.childForFieldName('name') : undefined;
    if (m?.text === oldFactory) edits.push({ start: m.startIndex, end: m.endIndex, text: factory });
  }
  // Other mentions of the old class (a field type, another builder) keep the old import alive.
  let stray = false;
  let otherUses = false;
  walk(root, (n) => {
    if (n.type === 'import_declaration' || n.type === 'package_declaration') return false;
    if ((n.type === 'type_identifier' || n.type === 'identifier') && n.text === oldName && !renamed.has(n.id)) {
      otherUses = true;
      const isBuilderRoot = n.parent?.type === 'method_invocation' && n.parent.childForFieldName('object')?.id === n.id;
      if (!isBuilderRoot) stray = true;
    }
  });
  if (stray) return { refused: `${oldName} is also named as a type elsewhere in the file: change the tool version by hand` };
  if (rootNode.type === 'scoped_identifier') return { edits };
  const { imports } = analysis;
  const imp = imports.explicit.get(oldName);
  const pkg = imp ? imp.text.replace(/^import\s+/, '').replace(/;$/, '').split('.').slice(0, -1).join('.') : [...imports.wildcards].find((w) => w === MESSAGES_PACKAGE || w === BETA_MESSAGES_PACKAGE);
  if (!pkg) return { refused: `cannot tell where ${oldName} is imported from: change the tool version by hand` };
  if (imp && !otherUses) {
    const nameAt = imp.text.lastIndexOf(oldName);
    edits.push({ start: imp.startIndex + nameAt, end: imp.startIndex + nameAt + oldName.length, text: newName });
    return { edits };
  }
  return withImports(ctx, { code: '', classes: new Map([[newName, pkg]]) }, () => edits);
}
