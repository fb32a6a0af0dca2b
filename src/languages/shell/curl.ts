// curl invocations of the Messages API in a shell script: URL, `-H` headers and the JSON body from
// `-d/--data/--data-raw/--data-binary/--json`, whether inline ('…' or "…"), from stdin (`-d @-` with a
// heredoc, here-string or `cat <<EOF |` pipe), from `"$(cat <<EOF … EOF)"`, or from a variable
// assigned once (`BODY='…'`, `BODY=$(cat <<EOF …)`, `read -r -d '' BODY <<EOF`). `-d @file.json`
// is recorded as a request whose body is that file (the JSON/YAML adapter reads the file itself).
import type { Node } from 'web-tree-sitter';
import type { FieldView, HeaderView, Platform, Range, RequestMethod, RequestView, ValueView } from '../types.js';
import { TextHost, sliceHost } from '../config/host.js';
import { JsonDoc } from '../config/json-doc.js';
import { payloadRequests } from '../config/payload.js';
import { walk } from '../tree-sitter/common.js';
import { WordDecoder, isStatic } from './words.js';

const DATA_OPTIONS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--json']);
const HEADER_OPTIONS = new Set(['-H', '--header']);
/** curl options that take a value (so the value is not mistaken for the URL). */
const VALUE_OPTIONS = new Set([
  '-X', '--request', '-o', '--output', '-u', '--user', '-A', '--user-agent', '-e', '--referer', '-m', '--max-time',
  '--connect-timeout', '-w', '--write-out', '-x', '--proxy', '-b', '--cookie', '-c', '--cookie-jar', '-F', '--form',
  '-T', '--upload-file', '-E', '--cert', '--cacert', '--key', '--resolve', '-r', '--range', '--retry', '--retry-delay',
  '--retry-max-time', '-K', '--config', '--data-urlencode', '-U', '--proxy-user', '--limit-rate', '-y', '-Y', '-z',
  '--max-filesize', '--interface', '--oauth2-bearer', '--aws-sigv4', '--variable', '--unix-socket', '--output-dir',
  '--trace', '--trace-ascii', '--stderr', '-D', '--dump-header', '--form-string',
]);

export interface CurlBody {
  doc: JsonDoc;
  /** Range of the whole body source (string, heredoc body) in the script. */
  range: Range;
  /** Decoded text looked like JSON (`{`/`[`): its parse errors count as syntax errors. */
  json: boolean;
}

export interface CurlRequest {
  requests: RequestView[];
  /** The statement (command, or redirected statement with its heredoc). */
  statement: Node;
  body?: CurlBody;
  /** Pseudo-object holding the `-H` headers, so a header can be removed as a field. */
  headerContainer: ValueView;
  /** Header field range → the argument nodes it spans (flag and value). */
  headerArgs: Map<string, { first: Node; last: Node }>;
  /** Nodes whose strings are the body (not reported again as shell strings). */
  bodyNodes: Node[];
}

export function platformOfUrl(url: string): Platform {
  if (/bedrock-mantle|bedrock-runtime/i.test(url)) return 'bedrock';
  if (/aws-external-anthropic/i.test(url)) return 'aws';
  if (/aiplatform\.googleapis\.com/i.test(url)) return 'vertex';
  if (/services\.ai\.azure\.com|\/anthropic\/v1\/messages/i.test(url) && /azure/i.test(url)) return 'foundry';
  if (/api\.anthropic\.com/i.test(url)) return 'first-party';
  return 'unknown';
}

function methodOfUrl(url: string): RequestMethod {
  if (/\/count_tokens\b/.test(url)) return 'count_tokens';
  if (/\/batches\b/.test(url)) return 'batch';
  return 'create';
}

const rangeKey = (r: Range) => `${r.start}:${r.end}`;

interface Assignment {
  /** The value node (string, raw_string, command_substitution), or the heredoc of `read -d '' NAME <<EOF`. */
  value?: Node;
  heredoc?: { body: Node; quoted: boolean };
  statement: Node;
}

/** Variables assigned in the script (name → every assignment), for `-d "$BODY"`. */
export function collectAssignments(root: Node): Map<string, Assignment[]> {
  const out = new Map<string, Assignment[]>();
  const add = (name: string, a: Assignment) => out.set(name, [...(out.get(name) ?? []), a]);
  walk(root, (n) => {
    if (n.type === 'variable_assignment') {
      const name = n.childForFieldName('name')?.text;
      const value = n.childForFieldName('value');
      if (name) add(name, { value: value ?? undefined, statement: n });
    } else if (n.type === 'redirected_statement') {
      const cmd = n.childForFieldName('body');
      const heredoc = heredocOf(n);
      if (cmd?.type === 'command' && commandName(cmd) === 'read' && heredoc) {
        const args = argsOf(cmd);
        const name = args[args.length - 1]?.text;
        if (name && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) add(name, { heredoc, statement: n });
      }
    }
  });
  return out;
}

export function commandName(cmd: Node): string {
  const name = cmd.childForFieldName('name')?.text ?? '';
  return name.slice(name.lastIndexOf('/') + 1);
}

function argsOf(cmd: Node): Node[] {
  return cmd.childrenForFieldName('argument').filter((n): n is Node => !!n);
}

/** The heredoc redirected into a statement (`cmd <<'EOF' … EOF`). */
function heredocOf(stmt: Node): { body: Node; quoted: boolean } | undefined {
  for (const r of stmt.childrenForFieldName('redirect')) {
    if (r?.type !== 'heredoc_redirect') continue;
    const body = r.namedChildren.find((c) => c?.type === 'heredoc_body');
    const start = r.namedChildren.find((c) => c?.type === 'heredoc_start');
    if (body) return { body, quoted: /['"\\]/.test(start?.text ?? '') };
  }
  return undefined;
}

/** `$(cat <<EOF … EOF)` → the heredoc. */
function catHeredoc(sub: Node): { body: Node; quoted: boolean } | undefined {
  const stmt = sub.namedChildren.find((c) => c?.type === 'redirected_statement');
  const cmd = stmt?.childForFieldName('body');
  if (!stmt || cmd?.type !== 'command' || commandName(cmd) !== 'cat' || argsOf(cmd).length > 0) return undefined;
  return heredocOf(stmt);
}

type BodySource = { host: TextHost; range: Range; nodes: Node[]; via?: ValueView['via'] } | { opaque: string };

export class CurlFinder {
  private readonly decoder: WordDecoder;
  private assignments: Map<string, Assignment[]> | undefined;

  constructor(
    private readonly root: Node,
    private readonly text: string,
  ) {
    this.decoder = new WordDecoder(text);
  }

  private vars(): Map<string, Assignment[]> {
    this.assignments ??= collectAssignments(this.root);
    return this.assignments;
  }

  /** The body behind a `-d` value node. */
  private bodyFrom(node: Node, statement: Node, depth = 0): BodySource {
    // "$(cat <<EOF … EOF)" or $(cat <<EOF …)
    const sub = node.type === 'command_substitution' ? node : node.type === 'string' && node.namedChildren.length === 1 && node.namedChildren[0]?.type === 'command_substitution' ? node.namedChildren[0] : undefined;
    if (sub) {
      const h = catHeredoc(sub);
      if (!h) return { opaque: 'the body is computed by a command' };
      return { host: this.decoder.heredoc(h.body, h.quoted), range: { start: h.body.startIndex, end: h.body.endIndex }, nodes: [h.body] };
    }
    // "$BODY" / $BODY / "${BODY}"
    const ref = node.type === 'string' && node.namedChildren.length === 1 ? node.namedChildren[0] : node;
    if (ref && (ref.type === 'simple_expansion' || ref.type === 'expansion') && depth === 0) {
      const name = ref.namedChildren.find((c) => c?.type === 'variable_name')?.text;
      const defs = name ? this.vars().get(name) : undefined;
      if (!name || !defs || defs.length !== 1) return { opaque: `the body comes from $${name ?? '?'}` };
      const def = defs[0];
      let src: BodySource;
      if (def.heredoc) src = { host: this.decoder.heredoc(def.heredoc.body, def.heredoc.quoted), range: { start: def.heredoc.body.startIndex, end: def.heredoc.body.endIndex }, nodes: [def.heredoc.body] };
      else if (def.value) src = this.bodyFrom(def.value, def.statement, depth + 1);
      else return { opaque: `the body comes from $${name}` };
      if ('opaque' in src) return src;
      return { ...src, via: { name, useRange: { start: node.startIndex, end: node.endIndex }, definitionRange: { start: def.statement.startIndex, end: def.statement.endIndex }, references: 1 } };
    }
    const host = this.decoder.word(node);
    if (host.text.startsWith('@')) return this.stdinBody(host.text.slice(1), statement);
    return { host, range: { start: node.startIndex, end: node.endIndex }, nodes: [node] };
  }

  /** `-d @-` (stdin: heredoc, here-string, `cat <<EOF |`) or `-d @file`. */
  private stdinBody(file: string, statement: Node): BodySource {
    if (file !== '-') return { opaque: `@${file}` };
    const h = heredocOf(statement);
    if (h) return { host: this.decoder.heredoc(h.body, h.quoted), range: { start: h.body.startIndex, end: h.body.endIndex }, nodes: [h.body] };
    const cmd = statement.type === 'redirected_statement' ? statement.childForFieldName('body') : statement;
    const here = [...(cmd?.childrenForFieldName('redirect') ?? []), ...statement.childrenForFieldName('redirect')].find((r) => r?.type === 'herestring_redirect');
    const hereValue = here?.namedChildren[0];
    if (hereValue) return this.bodyFrom(hereValue, statement, 1);
    // `cat <<EOF | curl … -d @-` / `echo '{…}' | curl … -d @-`
    const pipe = statement.parent?.type === 'pipeline' ? statement.parent : undefined;
    const index = pipe ? pipe.namedChildren.findIndex((c) => c?.id === statement.id) : -1;
    const prev = index > 0 ? pipe!.namedChildren[index - 1] : undefined;
    if (prev) {
      const ph = prev.type === 'redirected_statement' ? heredocOf(prev) : undefined;
      const pcmd = prev.type === 'redirected_statement' ? prev.childForFieldName('body') : prev;
      if (ph && pcmd?.type === 'command' && commandName(pcmd) === 'cat') return { host: this.decoder.heredoc(ph.body, ph.quoted), range: { start: ph.body.startIndex, end: ph.body.endIndex }, nodes: [ph.body] };
      if (pcmd?.type === 'command' && (commandName(pcmd) === 'echo' || commandName(pcmd) === 'printf')) {
        const args = argsOf(pcmd).filter((a) => !/^-[neE]+$/.test(a.text));
        if (args.length === 1) return this.bodyFrom(args[0], prev, 1);
      }
    }
    return { opaque: 'the body is read from stdin' };
  }

  /** Every Claude request made with curl in the script. */
  find(): CurlRequest[] {
    const out: CurlRequest[] = [];
    walk(this.root, (n) => {
      if (n.type === 'command' && commandName(n) === 'curl') {
        const r = this.curl(n);
        if (r) out.push(r);
      }
    });
    return out;
  }

  private curl(cmd: Node): CurlRequest | undefined {
    const statement = cmd.parent?.type === 'redirected_statement' && cmd.parent.childForFieldName('body')?.id === cmd.id ? cmd.parent : cmd;
    const args = argsOf(cmd);
    let url: string | undefined;
    let dataNode: Node | undefined;
    let dataHost: TextHost | undefined; // `-d'{…}'` attached form
    const headerFields: FieldView[] = [];
    const headers: HeaderView[] = [];
    const headerArgs = new Map<string, { first: Node; last: Node }>();
    const headerContainer: ValueView = { kind: 'object', range: { start: statement.startIndex, end: statement.endIndex }, text: '', fields: headerFields };

    const addHeader = (host: TextHost, first: Node, last: Node) => {
      const colon = host.text.indexOf(':');
      if (colon <= 0) return;
      const name = host.text.slice(0, colon).trim();
      let vStart = colon + 1;
      while (vStart < host.text.length && /[ \t]/.test(host.text[vStart])) vStart++;
      let vEnd = host.text.length;
      while (vEnd > vStart && /[ \t]/.test(host.text[vEnd - 1])) vEnd--;
      const vr = { start: vStart, end: vEnd };
      const dynamic = host.isDynamic(vr);
      const valueRange = host.range(vr);
      const exact = sliceHost(host, vStart, vEnd).pieces.every((p) => p.identity && !p.dynamic) && valueRange.end - valueRange.start === vEnd - vStart;
      const valueText = host.text.slice(vStart, vEnd);
      const value: ValueView = dynamic
        ? { kind: 'template', range: valueRange, text: valueText }
        : { kind: 'string', range: valueRange, text: valueText, literal: valueText, ...(exact ? { contentRange: valueRange } : {}) };
      const range = { start: first.startIndex, end: last.endIndex };
      const nameStart = host.text.indexOf(name);
      const field: FieldView = { key: name.toLowerCase(), sourceKey: name, range, keyRange: host.range({ start: nameStart, end: nameStart + name.length }), value };
      headerFields.push(field);
      headerArgs.set(rangeKey(range), { first, last });
      headers.push({ name: name.toLowerCase(), range, value, scope: 'request', field, container: headerContainer });
    };

    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const word = this.decoder.word(a);
      const w = word.text;
      const next = args[i + 1];
      if (HEADER_OPTIONS.has(w) && next) {
        addHeader(this.decoder.word(next), a, next);
        i++;
      } else if (/^-H./.test(w)) {
        addHeader(sliceHost(word, 2), a, a);
      } else if (DATA_OPTIONS.has(w) && next) {
        dataNode = next;
        dataHost = undefined;
        i++;
      } else if (/^-d./.test(w) && isStatic(word)) {
        dataNode = a;
        dataHost = sliceHost(word, 2);
      } else if (w === '--url' && next) {
        url = this.decoder.word(next).text;
        i++;
      } else if (VALUE_OPTIONS.has(w)) {
        i++;
      } else if (!w.startsWith('-') && url === undefined) {
        url = w;
      }
    }
    if (!dataNode) return undefined; // no body: a GET (batch results, models list), not a Messages request
    const headerNames = new Set(headers.map((h) => h.name));
    const toClaude = url !== undefined && /\/v1\/messages\b|publishers\/anthropic\/models/.test(url);
    const unknownHost = url === undefined || !/^https?:\/\/[^$]/.test(url);
    if (!toClaude && !(unknownHost && (headerNames.has('anthropic-version') || headerNames.has('anthropic-beta')))) return undefined;

    const platform = url ? platformOfUrl(url) : 'unknown';
    const method = url ? methodOfUrl(url) : 'create';
    const src: BodySource = dataHost ? { host: dataHost, range: { start: dataNode.startIndex, end: dataNode.endIndex }, nodes: [dataNode] } : this.bodyFrom(dataNode, statement);
    const stmtRange = { start: statement.startIndex, end: statement.endIndex };
    if ('opaque' in src) {
      // The body is not visible (a file, a command, stdin): the request is recorded with opaque params.
      const params: ValueView = { kind: 'reference', range: { start: dataNode.startIndex, end: dataNode.endIndex }, text: src.opaque };
      const req: RequestView = { language: 'shell', kind: 'http', method, beta: headerNames.has('anthropic-beta'), platform, range: stmtRange, params, headers, streaming: false, opaqueSpread: true };
      return { requests: [req], statement, headerContainer, headerArgs, bodyNodes: [] };
    }
    const doc = new JsonDoc(src.host, { comments: false });
    const json = /^\s*[[{]/.test(src.host.text);
    let value = doc.value;
    if (value && src.via) value = { ...value, via: src.via };
    const requests = value?.kind === 'object' ? payloadRequests(value, { language: 'shell', kind: 'http', platform, headers, method }) : [];
    for (const r of requests) if (r.params === value || r.range.start === value?.range.start) r.range = stmtRange;
    if (requests.length === 0) {
      const params: ValueView = { kind: 'other', range: src.range, text: src.host.text };
      requests.push({ language: 'shell', kind: 'http', method, beta: headerNames.has('anthropic-beta'), platform, range: stmtRange, params, headers, streaming: false, opaqueSpread: true });
    }
    return { requests, statement, body: { doc, range: src.range, json }, headerContainer, headerArgs, bodyNodes: src.nodes };
  }
}
