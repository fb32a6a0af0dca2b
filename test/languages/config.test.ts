import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree, type ParseError } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { dockerfileAdapter, envAdapter, jsonAdapter, tomlAdapter, yamlAdapter } from '../../src/languages/config/adapter.js';
import { applyTextEdits } from '../../src/languages/edit-helpers.js';
import type { EditIntent, FieldView, LanguageAdapter, ParsedFile, Range, RequestView, TextEdit, ValueView } from '../../src/languages/types.js';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures');
const read = (p: string) => readFileSync(join(FIX, p), 'utf8');

const open: ParsedFile[] = [];
afterEach(() => {
  while (open.length) open.pop()!.dispose();
});
async function parse(a: LanguageAdapter, text: string, path: string): Promise<ParsedFile> {
  const p = await a.parse(text, path);
  open.push(p);
  return p;
}

const slice = (text: string, r: Range | undefined) => (r ? text.slice(r.start, r.end) : undefined);
const field = (v: ValueView | undefined, key: string): FieldView | undefined => v?.fields?.find((f) => f.key === key);
const param = (r: RequestView, key: string) => field(r.params, key)!;

/** Render, apply, check bytes outside the edits, and re-parse with the adapter (0 errors). */
async function rewrite(a: LanguageAdapter, p: ParsedFile, text: string, path: string, intents: EditIntent[]): Promise<string> {
  const edits: TextEdit[] = [];
  for (const intent of intents) {
    const r = p.render(intent);
    if ('refused' in r) throw new Error(`refused ${intent.kind}: ${r.refused}`);
    edits.push(...r.edits);
  }
  const out = applyTextEdits(text, edits);
  const first = Math.min(...edits.map((e) => e.start));
  const last = Math.max(...edits.map((e) => e.end));
  expect(out.slice(0, first)).toBe(text.slice(0, first));
  expect(out.slice(out.length - (text.length - last))).toBe(text.slice(last));
  expect(await a.countSyntaxErrors(out, path)).toBe(0);
  return out;
}

function jsonErrors(text: string, comments = false): number {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: !comments, allowTrailingComma: comments });
  return errors.length;
}
const yamlErrors = (text: string) => parseAllDocuments(text).reduce((n, d) => n + d.errors.length, 0);

describe('JSON', () => {
  it('a stored payload is a request; ranges exact; tools found', async () => {
    const text = read('json/_requests/payload.json');
    const p = await parse(jsonAdapter, text, 'payload.json');
    expect(p.view.requests).toHaveLength(1);
    const r = p.view.requests[0];
    expect(r).toMatchObject({ language: 'json', kind: 'payload', method: 'create', beta: false, streaming: false });
    expect(r.range).toEqual({ start: 0, end: text.trimEnd().length });
    expect(slice(text, param(r, 'model').value.contentRange)).toBe('claude-opus-4-5');
    expect(slice(text, param(r, 'thinking').value.range)).toBe('{"type": "enabled", "budget_tokens": 4096}');
    expect(slice(text, param(r, 'temperature').range)).toBe('"temperature": 0.5');
    expect(p.view.tools.map((t) => field(t, 'type')?.value.literal)).toEqual(['text_editor_20250124']);
    expect(p.contextAt(text.indexOf('claude-opus-4-5')).requestModel).toBe(true);
  });

  it('payload edits: set-value, remove-field, add-field, remove-element; strict JSON refuses comments', async () => {
    const text = read('json/_requests/payload.json');
    const p = await parse(jsonAdapter, text, 'payload.json');
    const r = p.view.requests[0];
    const out = await rewrite(jsonAdapter, p, text, 'payload.json', [
      { kind: 'set-value', value: param(r, 'thinking').value, path: ['thinking'], to: { type: 'adaptive' } },
      { kind: 'remove-field', container: r.params, field: param(r, 'temperature') },
      { kind: 'add-field', container: r.params, path: ['output_config'], key: 'output_config', to: { effort: 'high' } },
    ]);
    expect(out).toBe(`{
  "model": "claude-opus-4-5",
  "max_tokens": 8192,
  "thinking": {"type": "adaptive"},
  "system": "You are a careful reviewer.",
  "messages": [
    {"role": "user", "content": "Review this diff."}
  ],
  "tools": [
    {"type": "text_editor_20250124", "name": "str_replace_editor"}
  ],
  "output_config": {
    "effort": "high"
  }
}
`);
    expect(jsonErrors(out)).toBe(0);
    const tools = param(r, 'tools').value;
    const noTools = await rewrite(jsonAdapter, p, text, 'payload.json', [{ kind: 'remove-element', array: tools, element: tools.elements![0] }]);
    expect(noTools).toContain('  "tools": [\n  ]\n}');
    expect(jsonErrors(noTools)).toBe(0);
    expect(p.render({ kind: 'insert-comment', at: 4, text: 'x' })).toEqual({ refused: 'JSON has no comments' });
  });

  it('JSONL batch lines: one request per params; edits stay on their line', async () => {
    const text = read('json/_requests/batch.jsonl');
    const p = await parse(jsonAdapter, text, 'batch.jsonl');
    expect(p.view.requests.map((r) => r.method)).toEqual(['batch', 'batch']);
    const second = p.view.requests[1];
    expect(slice(text, param(second, 'top_k').range)).toBe('"top_k": 5');
    const out = await rewrite(jsonAdapter, p, text, 'batch.jsonl', [{ kind: 'remove-field', container: second.params, field: param(second, 'top_k') }]);
    const lines = out.split('\n');
    expect(lines[1]).toBe('{"custom_id": "req-2", "params": {"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": [{"role": "user", "content": "World"}]}}');
    expect(lines[0]).toBe(text.split('\n')[0]);
    for (const l of lines.filter(Boolean)) expect(jsonErrors(l)).toBe(0);
  });

  it('a JSONC registry: no requests, collections, add-alongside in arrays and keyed maps, comments kept', async () => {
    const text = read('json/_requests/models.jsonc');
    const p = await parse(jsonAdapter, text, 'models.jsonc');
    expect(p.view.requests).toEqual([]);
    expect(p.view.comments.map((c) => slice(text, c))).toEqual(['// Models offered in the picker, newest first.', '/* default */']);
    expect(p.view.strings.map((s) => s.value)).toEqual(['claude-opus-4-5', 'claude-sonnet-4-5', 'claude-sonnet-4-5']);
    const list = p.contextAt(text.indexOf('claude-opus-4-5'));
    expect(list.collection).toMatchObject({ kind: 'list', entries: 2 });
    expect(slice(text, list.collection!.entry)).toBe('"claude-opus-4-5"');
    const key = p.contextAt(text.indexOf('claude-opus-4-5', text.indexOf('pricing')));
    expect(key.collection).toMatchObject({ kind: 'map', inKey: true, entries: 1 });
    expect(slice(text, key.collection!.entry)).toBe('"claude-opus-4-5": {"input": 5, "output": 25}');
    expect(p.contextAt(text.indexOf('newest')).inComment).toBe(true);
    const at = (s: string, from = 0) => text.indexOf(s, from);
    const out = await rewrite(jsonAdapter, p, text, 'models.jsonc', [
      { kind: 'add-alongside', at: at('claude-sonnet-4-5'), from: 'claude-sonnet-4-5', to: 'claude-sonnet-4-6' },
      { kind: 'add-alongside', at: at('claude-opus-4-5', at('pricing')), from: 'claude-opus-4-5', to: 'claude-opus-4-8' },
      { kind: 'insert-comment', at: at('"default"'), text: 'KEEP IN SYNC' },
    ]);
    expect(out).toBe(`{
  // Models offered in the picker, newest first.
  "models": [
    "claude-opus-4-5",
    "claude-sonnet-4-5", /* default */
    "claude-sonnet-4-6"
  ],
  "pricing": {
    "claude-opus-4-5": {"input": 5, "output": 25},
    "claude-opus-4-8": {"input": 5, "output": 25},
  },
  // KEEP IN SYNC
  "default": "claude-sonnet-4-5"
}
`);
    expect(jsonErrors(out, true)).toBe(0);
    // A value whose key would not change is not duplicated (it would repeat the key).
    expect('refused' in p.render({ kind: 'add-alongside', at: at('claude-sonnet-4-5', at('"default"')), from: 'claude-sonnet-4-5', to: 'claude-sonnet-4-6' })).toBe(true);
  });

  it('configuration JSON without model + messages is not a request', async () => {
    const text = '{"model": "claude-opus-4-5", "temperature": 0.2}\n';
    const p = await parse(jsonAdapter, text, 'settings.json');
    expect(p.view.requests).toEqual([]);
    expect(p.view.strings).toEqual([{ range: { start: 10, end: 27 }, contentRange: { start: 11, end: 26 }, value: 'claude-opus-4-5' }]);
  });
});

describe('YAML', () => {
  it('a payload file: request view with exact ranges', async () => {
    const text = read('yaml/_requests/payload.yaml');
    const p = await parse(yamlAdapter, text, 'payload.yaml');
    expect(p.view.syntaxErrors).toBe(0);
    const r = p.view.requests[0];
    expect(r).toMatchObject({ language: 'yaml', kind: 'payload', method: 'create' });
    expect(slice(text, param(r, 'model').value.range)).toBe('claude-opus-4-5');
    expect(slice(text, param(r, 'temperature').range)).toBe('temperature: 0.7');
    expect(slice(text, param(r, 'thinking').value.range)).toBe('type: enabled\n  budget_tokens: 8000');
    const msgs = param(r, 'messages').value.elements!;
    expect(msgs.map((m) => field(m, 'role')?.value.literal)).toEqual(['user', 'assistant']);
    expect(field(msgs[0], 'content')?.value.literal).toBe('Summarize the incident report.\n');
    expect(p.view.comments.map((c) => slice(text, c))).toEqual(['# Stored request replayed by the load test.', '# pinned for the benchmark']);
    expect(p.contextAt(text.indexOf('claude-opus-4-5')).requestModel).toBe(true);
    expect(p.contextAt(text.indexOf('pinned')).inComment).toBe(true);
  });

  it('payload edits keep comments and layout; result re-parses', async () => {
    const text = read('yaml/_requests/payload.yaml');
    const p = await parse(yamlAdapter, text, 'payload.yaml');
    const r = p.view.requests[0];
    const msgs = param(r, 'messages').value;
    const out = await rewrite(yamlAdapter, p, text, 'payload.yaml', [
      { kind: 'set-value', value: param(r, 'thinking').value, path: ['thinking'], to: { type: 'adaptive' } },
      { kind: 'remove-field', container: r.params, field: param(r, 'temperature') },
      { kind: 'add-field', container: r.params, path: ['output_config'], key: 'output_config', to: { effort: 'high' } },
      { kind: 'remove-element', array: msgs, element: msgs.elements![1] },
      { kind: 'insert-comment', at: param(r, 'max_tokens').range.start, text: 'check' },
      { kind: 'replace', range: param(r, 'model').value.contentRange!, text: 'claude-opus-4-8' },
    ]);
    expect(out).toBe(`# Stored request replayed by the load test.
model: claude-opus-4-8   # pinned for the benchmark
# check
max_tokens: 16000
thinking:
  type: adaptive
messages:
  - role: user
    content: |
      Summarize the incident report.
output_config:
  effort: high
`);
    expect(yamlErrors(out)).toBe(0);
  });

  it('a routing registry: collections and add-alongside for sequences (block and flow) and keyed maps', async () => {
    const text = read('yaml/_requests/routing.yaml');
    const p = await parse(yamlAdapter, text, 'routing.yaml');
    expect(p.view.requests).toEqual([]);
    const at = (s: string, from = 0) => text.indexOf(s, from);
    const seq = p.contextAt(at('claude-3-7'));
    expect(seq.collection).toMatchObject({ kind: 'list', entries: 2 });
    expect(slice(text, seq.collection!.entry)).toBe('- "claude-3-7-sonnet-20250219"');
    const key = p.contextAt(at('claude-opus-4-5:'));
    expect(key.collection).toMatchObject({ kind: 'map', inKey: true, entries: 2 });
    expect(slice(text, key.collection!.entry)).toBe('claude-opus-4-5:\n    input: 5\n    output: 25');
    const out = await rewrite(yamlAdapter, p, text, 'routing.yaml', [
      { kind: 'add-alongside', at: at('claude-3-7'), from: 'claude-3-7-sonnet-20250219', to: 'claude-sonnet-4-6' },
      { kind: 'add-alongside', at: at('claude-opus-4-5]'), from: 'claude-opus-4-5', to: 'claude-opus-4-8' },
      { kind: 'add-alongside', at: at('claude-opus-4-5:'), from: 'claude-opus-4-5', to: 'claude-opus-4-8' },
    ]);
    expect(out).toBe(`# Routing registry: which models each queue may serve.
queues:
  interactive:
    default: claude-sonnet-4-5
    allowed:
      - claude-sonnet-4-5
      - "claude-3-7-sonnet-20250219"  # legacy tenants
      - "claude-sonnet-4-6"
  batch:
    allowed: [claude-opus-4-1, claude-opus-4-5, claude-opus-4-8]
pricing:
  claude-opus-4-5:
    input: 5
    output: 25
  claude-opus-4-8:
    input: 5
    output: 25
  claude-haiku-4-5: {input: 1, output: 5}
`);
    expect(yamlErrors(out)).toBe(0);
    // `default:` would repeat its key: nothing encloses it that can be copied.
    expect('refused' in p.render({ kind: 'add-alongside', at: at('claude-sonnet-4-5'), from: 'claude-sonnet-4-5', to: 'claude-sonnet-4-6' })).toBe(true);
  });
});

describe('TOML', () => {
  it('strings, collections, add-alongside in arrays and tables; smol-toml parses the result', async () => {
    const text = read('toml/_requests/routing.toml');
    const p = await parse(tomlAdapter, text, 'routing.toml');
    expect(p.view.syntaxErrors).toBe(0);
    expect(p.view.requests).toEqual([]);
    expect(p.view.strings.map((s) => [s.value, slice(text, s.contentRange)])).toEqual([
      ['claude-sonnet-4-5', 'claude-sonnet-4-5'],
      ['claude-opus-4-5', 'claude-opus-4-5'],
      ['claude-sonnet-4-5', 'claude-sonnet-4-5'],
    ]);
    const at = (s: string, from = 0) => text.indexOf(s, from);
    const arr = p.contextAt(at("'claude-sonnet-4-5'") + 1);
    expect(arr.collection).toMatchObject({ kind: 'list', entries: 2 });
    expect(slice(text, arr.collection!.entry)).toBe("'claude-sonnet-4-5'");
    const tbl = p.contextAt(at('claude-sonnet-4-5'));
    expect(tbl.collection).toMatchObject({ kind: 'map', entries: 2, inKey: false });
    expect(slice(text, tbl.collection!.entry)).toBe('default = "claude-sonnet-4-5"');
    expect(p.contextAt(at('pinned')).inComment).toBe(true);
    const out = await rewrite(tomlAdapter, p, text, 'routing.toml', [
      { kind: 'add-alongside', at: at("'claude-sonnet-4-5'") + 1, from: 'claude-sonnet-4-5', to: 'claude-sonnet-4-6' },
      { kind: 'add-alongside', at: at('claude-opus-4-5', at('[models.pricing]')), from: 'claude-opus-4-5', to: 'claude-opus-4-8' },
    ]);
    expect(out).toBe(`# Model routing for the gateway.
[models]
default = "claude-sonnet-4-5"  # pinned
allowed = [
  "claude-opus-4-5",
  'claude-sonnet-4-5',
  'claude-sonnet-4-6',
]

[models.pricing]
"claude-opus-4-5" = { input = 5, output = 25 }
"claude-opus-4-8" = { input = 5, output = 25 }
`);
    expect(() => parseToml(out)).not.toThrow();
    expect((parseToml(out) as { models: { allowed: string[] } }).models.allowed).toEqual(['claude-opus-4-5', 'claude-sonnet-4-5', 'claude-sonnet-4-6']);
  });
});

describe('.env and Dockerfile', () => {
  it('.env values (plain, quoted, export), comments, comma lists', async () => {
    const text = read('env/_requests/app.env');
    const p = await parse(envAdapter, text, '.env');
    expect(p.view.syntaxErrors).toBe(0);
    expect(p.view.strings.map((s) => [slice(text, s.range), s.value])).toEqual([
      ['claude-sonnet-4-5', 'claude-sonnet-4-5'],
      ['"claude-3-5-haiku-20241022"', 'claude-3-5-haiku-20241022'],
      ['claude-opus-4-5,claude-sonnet-4-5', 'claude-opus-4-5,claude-sonnet-4-5'],
      ["'claude-opus-4-1'", 'claude-opus-4-1'],
    ]);
    expect(p.view.comments.map((c) => slice(text, c))).toEqual(['# Runtime configuration', '# cheap path']);
    expect(p.contextAt(text.indexOf('claude-sonnet-4-5'))).toEqual({ inString: true, inComment: false });
    const list = p.contextAt(text.indexOf('claude-opus-4-5'));
    expect(list.collection).toMatchObject({ kind: 'list', entries: 2 });
    expect(slice(text, list.collection!.entry)).toBe('claude-opus-4-5');
    const out = await rewrite(envAdapter, p, text, '.env', [{ kind: 'add-alongside', at: text.indexOf('claude-opus-4-5'), from: 'claude-opus-4-5', to: 'claude-opus-4-8' }]);
    expect(out.split('\n')[3]).toBe('ALLOWED_MODELS=claude-opus-4-5,claude-opus-4-8,claude-sonnet-4-5');
    expect('refused' in p.render({ kind: 'add-alongside', at: text.indexOf('claude-sonnet-4-5'), from: 'claude-sonnet-4-5', to: 'claude-sonnet-4-6' })).toBe(true);
  });

  it('Dockerfile ENV (continued, legacy form), ARG defaults, LABEL', async () => {
    const text = read('dockerfile/_requests/Dockerfile');
    const p = await parse(dockerfileAdapter, text, 'Dockerfile');
    expect(p.view.syntaxErrors).toBe(0);
    expect(p.view.strings.map((s) => slice(text, s.range))).toEqual([
      'claude-sonnet-4-5',
      '${CLAUDE_MODEL}',
      '"claude-3-5-haiku-20241022"',
      'claude-opus-4-5,claude-sonnet-4-5',
      'claude-opus-4-1',
      '"claude-sonnet-4-5"',
    ]);
    expect(p.view.comments.map((c) => slice(text, c))).toEqual(['# Model used by the worker.']);
    const out = await rewrite(dockerfileAdapter, p, text, 'Dockerfile', [
      { kind: 'insert-comment', at: text.indexOf('ARG'), text: 'MODEL LAUNCH' },
      { kind: 'add-alongside', at: text.indexOf('claude-opus-4-5'), from: 'claude-opus-4-5', to: 'claude-opus-4-8' },
    ]);
    expect(out).toContain('# Model used by the worker.\n# MODEL LAUNCH\nARG CLAUDE_MODEL=claude-sonnet-4-5\n');
    expect(out).toContain('    ALLOWED_MODELS=claude-opus-4-5,claude-opus-4-8,claude-sonnet-4-5\n');
  });
});

describe('lists of model records (registries) and moved block values', () => {
  it('an ID under a record identity key reports the list as its collection; an ID under `value`/`model` keeps the record', async () => {
    const yaml = 'models:\n  - id: claude-opus-4-5\n    tier: premium\n  - id: claude-haiku-4-5\nenv:\n  - name: ANTHROPIC_MODEL\n    value: claude-sonnet-4-5\n';
    const y = await parse(yamlAdapter, yaml, 'models.yaml');
    const reg = y.contextAt(yaml.indexOf('claude-opus-4-5')).collection!;
    expect([reg.kind, reg.entries, slice(yaml, reg.entry)]).toEqual(['list', 2, '- id: claude-opus-4-5\n    tier: premium']);
    const env = y.contextAt(yaml.indexOf('claude-sonnet-4-5')).collection!;
    expect([env.kind, env.inKey, slice(yaml, env.entry)]).toEqual(['map', false, 'value: claude-sonnet-4-5']);

    const json = '{"models": [{"id": "claude-opus-4-5", "tier": "premium"}, {"id": "claude-haiku-4-5"}], "queue": {"name": "batch", "model": "claude-opus-4-5"}}';
    const j = await parse(jsonAdapter, json, 'models.json');
    expect(j.contextAt(json.indexOf('claude-opus-4-5')).collection).toMatchObject({ kind: 'list', entries: 2 });
    expect(j.contextAt(json.lastIndexOf('claude-opus-4-5')).collection).toMatchObject({ kind: 'map', entries: 2 });
  });

  it('TOML: [[array of tables]] records form one list; add-alongside copies the whole record; inline-table items keep their braces', async () => {
    const text = '[[models]]\nid = "claude-opus-4-5"\nmax_output = 64000\n\n[[models]]\nid = "claude-haiku-4-5"\n\n[other]\nmodel = "x"\n';
    const p = await parse(tomlAdapter, text, 'models.toml');
    const at = text.indexOf('claude-opus-4-5');
    expect(p.contextAt(at).collection).toMatchObject({ kind: 'list', entries: 2, range: { start: 0, end: text.indexOf('\n\n[other]') } });
    const out = await rewrite(tomlAdapter, p, text, 'models.toml', [{ kind: 'add-alongside', at, from: 'claude-opus-4-5', to: 'claude-opus-4-8' }]);
    expect(out).toBe('[[models]]\nid = "claude-opus-4-5"\nmax_output = 64000\n\n[[models]]\nid = "claude-opus-4-8"\nmax_output = 64000\n\n[[models]]\nid = "claude-haiku-4-5"\n\n[other]\nmodel = "x"\n');
    expect(parseToml(out)).toMatchObject({ models: [{ id: 'claude-opus-4-5' }, { id: 'claude-opus-4-8' }, { id: 'claude-haiku-4-5' }] });

    const inline = 'models = [\n  { id = "claude-opus-4-5", max_output = 64000 },\n  { id = "claude-haiku-4-5" },\n]\n';
    const q = await parse(tomlAdapter, inline, 'models.toml');
    const i = inline.indexOf('claude-opus-4-5');
    const out2 = await rewrite(tomlAdapter, q, inline, 'models.toml', [{ kind: 'add-alongside', at: i, from: 'claude-opus-4-5', to: 'claude-opus-4-8' }]);
    expect(out2).toContain('  { id = "claude-opus-4-5", max_output = 64000 },\n  { id = "claude-opus-4-8", max_output = 64000 },\n');
  });

  it('YAML: a block mapping moved as { $code } is re-indented under its new key, comments inside it kept', async () => {
    const text = 'model: claude-sonnet-4-6\noutput_format:\n  type: json_schema\n  schema:\n    # cents\n    type: object\nmessages:\n  - role: user\n    content: hi\n';
    const p = await parse(yamlAdapter, text, 'req.yaml');
    const req = p.view.requests[0];
    const of = param(req, 'output_format');
    const out = await rewrite(yamlAdapter, p, text, 'req.yaml', [{ kind: 'add-field', container: req.params, path: ['output_config'], key: 'output_config', to: { format: { $code: of.value.text } } }]);
    expect(out.endsWith('output_config:\n  format:\n    type: json_schema\n    schema:\n      # cents\n      type: object\n')).toBe(true);
    expect(parseAllDocuments(out)[0].toJS().output_config).toEqual({ format: { type: 'json_schema', schema: { type: 'object' } } });
  });
});
