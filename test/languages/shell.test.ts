import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree, type ParseError } from 'jsonc-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { adapter } from '../../src/languages/shell/adapter.js';
import { applyTextEdits } from '../../src/languages/edit-helpers.js';
import type { EditIntent, FieldView, ParsedFile, Range, RequestView, TextEdit, ValueView } from '../../src/languages/types.js';
import { toolchainError } from '../support/toolchains.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'shell', '_requests');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

const open: ParsedFile[] = [];
afterEach(() => {
  while (open.length) open.pop()!.dispose();
});
async function parse(text: string): Promise<ParsedFile> {
  const p = await adapter.parse(text, 'x.sh');
  open.push(p);
  return p;
}

const slice = (text: string, r: Range | undefined) => (r ? text.slice(r.start, r.end) : undefined);
const field = (v: ValueView | undefined, key: string): FieldView | undefined => v?.fields?.find((f) => f.key === key);
const param = (r: RequestView, key: string) => field(r.params, key)!;

/** Render, apply, and check: bytes outside the edits unchanged, 0 syntax errors (bash + JSON bodies), `bash -n`. */
async function rewrite(p: ParsedFile, text: string, intents: EditIntent[]): Promise<string> {
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
  expect(await adapter.countSyntaxErrors(out, 'x.sh')).toBe(0);
  expect(toolchainError('sh', out)).toBeUndefined();
  return out;
}

/** The JSON text between `-d '` and the closing quote parses cleanly. */
function bodyErrors(json: string): number {
  const errors: ParseError[] = [];
  parseTree(json, errors);
  return errors.length;
}

describe('shell: curl request views', () => {
  it('single-quoted -d body: params, exact ranges mapped into the script, headers', async () => {
    const text = read('single_quoted.sh');
    const p = await parse(text);
    expect(p.view.syntaxErrors).toBe(0);
    expect(p.view.requests).toHaveLength(1);
    const r = p.view.requests[0];
    expect(r).toMatchObject({ language: 'shell', kind: 'http', method: 'create', platform: 'first-party', beta: true, streaming: false });
    expect(slice(text, r.range)).toMatch(/^curl https:\/\/api\.anthropic\.com\/v1\/messages \\\n[\s\S]*\]\n  }'$/);
    expect(r.params.fields!.map((f) => f.key)).toEqual(['model', 'max_tokens', 'temperature', 'thinking', 'messages']);
    const model = param(r, 'model');
    expect(slice(text, model.range)).toBe('"model": "claude-opus-4-5"');
    expect(slice(text, model.value.contentRange)).toBe('claude-opus-4-5');
    expect(model.value.literal).toBe('claude-opus-4-5');
    const thinking = param(r, 'thinking');
    expect(slice(text, thinking.value.range)).toBe('{\n      "type": "enabled",\n      "budget_tokens": 10000\n    }');
    expect(field(thinking.value, 'budget_tokens')!.value.literal).toBe(10000);
    expect(param(r, 'messages').value.elements![0].fields!.map((f) => [f.key, f.value.literal])).toEqual([['role', 'user'], ['content', 'Solve this step by step...']]);
    expect(r.headers.map((h) => [h.name, slice(text, h.range), h.value.literal ?? h.value.kind])).toEqual([
      ['content-type', '-H "content-type: application/json"', 'application/json'],
      ['x-api-key', '-H "x-api-key: $ANTHROPIC_API_KEY"', 'template'],
      ['anthropic-version', "-H 'anthropic-version: 2023-06-01'", '2023-06-01'],
      ['anthropic-beta', '-H "anthropic-beta: interleaved-thinking-2025-05-14,effort-2025-11-24"', 'interleaved-thinking-2025-05-14,effort-2025-11-24'],
    ]);
    const beta = r.headers[3];
    expect(slice(text, beta.value.contentRange)).toBe('interleaved-thinking-2025-05-14,effort-2025-11-24');
    expect(beta.scope).toBe('request');
    expect(beta.container?.fields).toContain(beta.field);
    expect(p.view.comments.map((c) => slice(text, c))).toEqual(['#!/usr/bin/env bash', '# Ask Claude with extended thinking.']);
  });

  it('heredocs: quoted delimiter (verbatim) and "$(cat <<EOF …)" with expansions', async () => {
    const text = read('heredoc.sh');
    const p = await parse(text);
    expect(p.view.requests).toHaveLength(2);
    const [stored, expanding] = p.view.requests;
    expect(stored.beta).toBe(true);
    expect(slice(text, param(stored, 'model').value.contentRange)).toBe('claude-3-7-sonnet-20250219');
    expect(slice(text, param(stored, 'top_p').range)).toBe('"top_p": 0.9');
    expect(slice(text, stored.range)).toMatch(/^curl -sS[\s\S]*\nJSON$/);
    // `"$MODEL"` is not a literal: the value is a template, still with its range.
    const model = param(expanding, 'model').value;
    expect(model.kind).toBe('template');
    expect(model.literal).toBeUndefined();
    expect(slice(text, model.range)).toBe('"$MODEL"');
    expect(slice(text, param(expanding, 'temperature').range)).toBe('"temperature": 0.2');
    // The assignment's default is still a shell string for the model-ID finder.
    expect(p.view.strings.some((s) => s.value === '${MODEL:-claude-sonnet-4-5}')).toBe(true);
  });

  it('--data-raw with continuations and --header, streaming', async () => {
    const text = read('streaming.sh');
    const p = await parse(text);
    const r = p.view.requests[0];
    expect(r.streaming).toBe(true);
    expect(slice(text, param(r, 'top_k').range)).toBe('"top_k": 40');
    expect(r.headers.map((h) => h.name)).toEqual(['x-api-key', 'anthropic-version', 'content-type', 'anthropic-beta']);
    expect(slice(text, r.headers[3].range)).toBe('--header "anthropic-beta: fine-grained-tool-streaming-2025-05-14"');
  });

  it('-d @file, --json, Bedrock Mantle URL, count_tokens', async () => {
    const text = read('file_body.sh');
    const p = await parse(text);
    expect(p.view.requests.map((r) => [r.method, r.platform, r.params.kind, !!r.opaqueSpread])).toEqual([
      ['create', 'unknown', 'reference', true],
      ['create', 'bedrock', 'object', false],
      ['count_tokens', 'first-party', 'reference', true],
    ]);
    expect(slice(text, p.view.requests[0].params.range)).toBe('@"$f"');
    expect(p.view.requests[2].params.text).toBe('@body.json');
    expect(slice(text, param(p.view.requests[1], 'model').value.contentRange)).toBe('anthropic.claude-sonnet-4-5');
  });

  it('batch body from `read -r -d \'\' BATCH <<EOF` used as "$BATCH": one request per params, via the variable', async () => {
    const text = read('batch.sh');
    const p = await parse(text);
    expect(p.view.requests.map((r) => r.method)).toEqual(['batch', 'batch']);
    expect(p.view.requests.map((r) => slice(text, param(r, 'model').value.contentRange))).toEqual(['claude-opus-4-5', 'claude-opus-4-5']);
    expect(slice(text, param(p.view.requests[1], 'temperature').range)).toBe('"temperature": 1');
  });

  it('negatives: OpenAI curl is not a request; a jq-built body is opaque but its model string is a string', async () => {
    const text = read('registry_and_others.sh');
    const p = await parse(text);
    expect(p.view.requests).toHaveLength(1);
    const r = p.view.requests[0];
    expect(r.opaqueSpread).toBe(true);
    expect(r.params.fields).toBeUndefined();
    expect(p.view.requests.some((x) => x.params.fields?.some((f) => f.key === 'temperature'))).toBe(false);
    const jqArg = text.indexOf('"claude-sonnet-4-5" \'{model');
    const jq = p.view.strings.find((s) => s.range.start === jqArg);
    expect(jq?.value).toBe('claude-sonnet-4-5');
    expect(slice(text, jq?.contentRange)).toBe('claude-sonnet-4-5');
  });

  it('a double-quoted body with escapes is viewed but not edited', async () => {
    const text = read('escaped.sh');
    const p = await parse(text);
    const r = p.view.requests[0];
    expect(r.params.fields!.map((f) => f.key)).toEqual(['model', 'max_tokens', 'temperature', 'messages']);
    expect(slice(text, param(r, 'model').value.contentRange)).toBe('claude-3-5-haiku-20241022');
    expect(slice(text, param(r, 'temperature').range)).toBe('\\"temperature\\": 0');
    expect(p.render({ kind: 'remove-field', container: r.params, field: param(r, 'temperature') })).toEqual({ refused: expect.stringMatching(/double-quoted/) });
    // Raw replaces of a model ID are still fine.
    const c = param(r, 'model').value.contentRange!;
    expect(await rewrite(p, text, [{ kind: 'replace', range: c, text: 'claude-haiku-4-5' }])).toContain('\\"model\\": \\"claude-haiku-4-5\\"');
  });
});

describe('shell: contextAt', () => {
  it('arrays, case patterns, [[ ]] gates, comments, request model', async () => {
    const text = read('registry_and_others.sh');
    const p = await parse(text);
    const arr = p.contextAt(text.indexOf('claude-sonnet-4-5'));
    expect(arr.collection).toMatchObject({ kind: 'list', entries: 3 });
    expect(slice(text, arr.collection!.entry)).toBe('"claude-sonnet-4-5"');
    expect(arr.inString).toBe(true);
    const sw = p.contextAt(text.indexOf('claude-opus-4-1)'));
    expect(sw.collection).toMatchObject({ kind: 'switch', entries: 2 });
    expect(slice(text, sw.collection!.entry)).toBe('claude-opus-4-1');
    const gate = p.contextAt(text.indexOf('*opus-4-5*'));
    expect(slice(text, gate.gate)).toBe('"$MODEL" == *opus-4-5*');
    expect(p.contextAt(text.indexOf('Models the nightly'))).toEqual({ inString: false, inComment: true });

    const q = read('single_quoted.sh');
    const pq = await parse(q);
    const m = pq.contextAt(q.indexOf('claude-opus-4-5'));
    expect(m).toMatchObject({ inString: true, inComment: false, requestModel: true });
    const inMessages = pq.contextAt(q.indexOf('Solve this'));
    expect(inMessages.requestModel).toBeUndefined();
    expect(inMessages.collection?.kind).toBe('map');
  });
});

describe('shell: rendering', () => {
  it('set-value / remove-field / add-field in a single-quoted body, header removal, insert-comment', async () => {
    const text = read('single_quoted.sh');
    const p = await parse(text);
    const r = p.view.requests[0];
    const beta = r.headers[3];
    const out = await rewrite(p, text, [
      { kind: 'set-value', value: param(r, 'thinking').value, path: ['thinking'], to: { type: 'adaptive', display: 'summarized' } },
      { kind: 'remove-field', container: r.params, field: param(r, 'temperature') },
      { kind: 'add-field', container: r.params, path: ['output_config'], key: 'output_config', to: { effort: 'high' } },
      { kind: 'remove-field', container: beta.container!, field: beta.field! },
      { kind: 'insert-comment', at: param(r, 'model').value.range.start, text: 'TODO: check' },
    ]);
    expect(out).toBe(`#!/usr/bin/env bash
# Ask Claude with extended thinking.
set -euo pipefail

# TODO: check
curl https://api.anthropic.com/v1/messages \\
  -H "content-type: application/json" \\
  -H "x-api-key: $ANTHROPIC_API_KEY" \\
  -H 'anthropic-version: 2023-06-01' \\
  -d '{
    "model": "claude-opus-4-5",
    "max_tokens": 16000,
    "thinking": {
      "type": "adaptive",
      "display": "summarized"
    },
    "messages": [
      {"role": "user", "content": "Solve this step by step..."}
    ],
    "output_config": {
      "effort": "high"
    }
  }'
`);
    const body = out.slice(out.indexOf("-d '") + 4, out.lastIndexOf("'"));
    expect(bodyErrors(body)).toBe(0);
  });

  it('one beta out of a comma-separated anthropic-beta value (raw replace of its content)', async () => {
    const text = read('single_quoted.sh');
    const p = await parse(text);
    const beta = p.view.requests[0].headers[3];
    const out = await rewrite(p, text, [{ kind: 'replace', range: beta.value.contentRange!, text: 'interleaved-thinking-2025-05-14' }]);
    expect(out).toContain('  -H "anthropic-beta: interleaved-thinking-2025-05-14" \\\n');
  });

  it('removing the last -H line takes the previous line\'s continuation with it; remove-element in a heredoc', async () => {
    const text = read('streaming.sh');
    const p = await parse(text);
    const r = p.view.requests[0];
    const beta = r.headers[3];
    const out = await rewrite(p, text, [
      { kind: 'remove-field', container: beta.container!, field: beta.field! },
      { kind: 'remove-field', container: r.params, field: param(r, 'top_k') },
    ]);
    expect(out.endsWith(`        "stream": true,\n        "messages": [{"role": "user", "content": "Write a haiku"}]\n    }'\n`)).toBe(true);

    const h = read('heredoc.sh');
    const ph = await parse(h);
    const [stored, expanding] = ph.view.requests;
    const out2 = await rewrite(ph, h, [
      { kind: 'remove-field', container: stored.params, field: param(stored, 'top_p') },
      { kind: 'remove-field', container: expanding.params, field: param(expanding, 'temperature') },
      { kind: 'remove-element', array: param(stored, 'messages').value, element: param(stored, 'messages').value.elements![0] },
    ]);
    expect(out2).toContain('  "max_tokens": 64000,\n  "messages": []\n}\nJSON\n');
    expect(out2).toContain('  "max_tokens": 1024,\n  "messages": [{"role": "user", "content": "Hello from $USER"}]\n}\nEOF\n');
  });

  it('an expanding heredoc refuses text with $ but takes plain JSON', async () => {
    const text = read('heredoc.sh');
    const p = await parse(text);
    const r = p.view.requests[1];
    expect(p.render({ kind: 'add-field', container: r.params, path: ['system'], key: 'system', to: 'costs $5' })).toEqual({ refused: expect.stringMatching(/expanding heredoc/) });
    const out = await rewrite(p, text, [{ kind: 'add-field', container: r.params, path: ['system'], key: 'system', to: 'Be brief.' }]);
    expect(out).toContain('"content": "Hello from $USER"}],\n  "system": "Be brief."\n}\nEOF');
  });

  it('add-alongside: array item, case pattern, [[ ]] gate', async () => {
    const text = read('registry_and_others.sh');
    const p = await parse(text);
    const at = (s: string) => text.indexOf(s);
    const out = await rewrite(p, text, [
      { kind: 'add-alongside', at: at('claude-opus-4-5"'), from: 'claude-opus-4-5', to: 'claude-opus-4-8' },
      { kind: 'add-alongside', at: at('claude-opus-4-5|'), from: 'claude-opus-4-5', to: 'claude-opus-4-8' },
      { kind: 'add-alongside', at: at('opus-4-5*'), from: 'opus-4-5', to: 'opus-4-8' },
    ]);
    expect(out).toContain('MODELS=("claude-opus-4-5" "claude-opus-4-8" "claude-sonnet-4-5" claude-haiku-4-5)');
    expect(out).toContain('    claude-opus-4-5|claude-opus-4-8|claude-opus-4-1) echo premium ;;');
    expect(out).toContain('if [[ "$MODEL" == *opus-4-5* || "$MODEL" == *opus-4-8* ]]; then');
  });

  it('refuses what it cannot do safely', async () => {
    const text = read('single_quoted.sh');
    const p = await parse(text);
    const r = p.view.requests[0];
    expect('refused' in p.render({ kind: 'rename-call', request: r })).toBe(true);
    expect('refused' in p.render({ kind: 'add-field', container: r.params, path: ['system'], key: 'system', to: "it's" })).toBe(true);
    expect('refused' in p.render({ kind: 'add-alongside', at: text.indexOf('claude-opus-4-5'), from: 'claude-opus-4-5', to: 'claude-opus-4-8' })).toBe(true);
  });
});

describe('shell: response handling and adapter details', () => {
  it('stop reasons from jq reads (case, [[ ]] if-chain, jq comparison) and thinking-text reads', async () => {
    const text = [
      'r=$(curl -s https://api.anthropic.com/v1/messages -d \'{"model": "claude-opus-4-8", "max_tokens": 10, "messages": []}\')',
      'stop_reason=$(jq -r \'.stop_reason\' <<<"$r")',
      'case "$stop_reason" in',
      '  end_turn|"max_tokens") echo ok ;;',
      '  *) echo other ;;',
      'esac',
      'if [[ "$stop_reason" == "tool_use" ]]; then :; elif [[ $stop_reason == refusal ]]; then :; fi',
      'jq -e \'.stop_reason == "pause_turn"\' <<<"$r"',
      'jq -r \'.content[] | select(.type == "thinking") | .thinking\' <<<"$r"',
      'jq -n \'{thinking: {type: "adaptive"}}\'',
      '',
    ].join('\n');
    const p = await parse(text);
    const stops = p.view.responseUses.filter((u) => u.kind === 'stop-reason');
    expect(stops.map((u) => u.values)).toEqual([['end_turn', 'max_tokens'], ['tool_use', 'refusal'], ['pause_turn']]);
    expect(slice(text, stops[0].range)).toMatch(/^case "\$stop_reason" in[\s\S]*esac$/);
    const thinking = p.view.responseUses.filter((u) => u.kind === 'thinking-text');
    expect(thinking.map((u) => slice(text, u.range))).toEqual(["'.content[] | select(.type == \"thinking\") | .thinking'"]);
  });

  it('a `${VAR:-default}` default is a string; comment insertion is idempotent; one-item-a-line arrays grow a line', async () => {
    const text = 'export M="${CLAUDE_MODEL:-claude-opus-4-6}"\nA=(\n  claude-opus-4-6\n)\n';
    const p = await parse(text);
    expect(p.view.strings.map((s) => s.value)).toContain('claude-opus-4-6');
    const at = text.indexOf('claude-opus-4-6', text.indexOf('('));
    expect(await rewrite(p, text, [{ kind: 'add-alongside', at, from: 'claude-opus-4-6', to: 'claude-opus-4-8' }])).toBe('export M="${CLAUDE_MODEL:-claude-opus-4-6}"\nA=(\n  claude-opus-4-6\n  claude-opus-4-8\n)\n');
    const commented = '# note\ncurl x\n';
    const q = await parse(commented);
    expect(q.render({ kind: 'insert-comment', at: commented.indexOf('curl'), text: 'note' })).toEqual({ edits: [] });
  });
});
