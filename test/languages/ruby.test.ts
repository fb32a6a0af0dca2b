// Ruby adapter tests: request views with exact ranges, negatives, an edit round-trip per intent kind
// (checked with tree-sitter and `ruby -c`), and contextAt.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adapter } from '../../src/languages/ruby/adapter.js';
import { applyTextEdits } from '../../src/languages/edit-helpers.js';
import type { EditIntent, FieldView, ParsedFile, Range, TextEdit, ValueView } from '../../src/languages/types.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'ruby', '_requests');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

const open: ParsedFile[] = [];
afterEach(() => {
  while (open.length) open.pop()!.dispose();
});
async function parse(text: string): Promise<ParsedFile> {
  const p = await adapter.parse(text, 'x.rb');
  open.push(p);
  return p;
}
const slice = (text: string, r: Range | undefined) => (r ? text.slice(r.start, r.end) : undefined);
const field = (v: ValueView | undefined, key: string): FieldView | undefined => v?.fields?.find((f) => f.key === key);

let rubyAvailable: boolean | undefined;
function rubyCheck(source: string): void {
  if (rubyAvailable === undefined) {
    try {
      execFileSync('ruby', ['--version'], { stdio: 'ignore' });
      rubyAvailable = true;
    } catch {
      rubyAvailable = false;
      console.log('ruby not on PATH: skipping `ruby -c` checks');
    }
  }
  if (!rubyAvailable) return;
  expect(execFileSync('ruby', ['-c'], { input: source, encoding: 'utf8' })).toContain('Syntax OK');
}

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
  expect(await adapter.countSyntaxErrors(out, 'x.rb')).toBe(0);
  rubyCheck(out);
  return out;
}

describe('Ruby request views', () => {
  it('keyword arguments with a frozen constant model, request headers, thinking reads and case/when stop reasons', async () => {
    const text = read('basic.rb');
    const p = await parse(text);
    expect(p.view.syntaxErrors).toBe(0);
    expect(p.view.clients).toEqual([{ platform: 'first-party', range: expect.anything(), constructor: 'Anthropic::Client' }]);
    expect(p.view.requests).toHaveLength(1);
    const [req] = p.view.requests;
    expect(req).toMatchObject({ language: 'ruby', kind: 'sdk-call', method: 'create', beta: false, platform: 'first-party', streaming: false });
    expect(slice(text, req.callee)).toBe('@client.messages.create');
    const model = field(req.params, 'model')!;
    expect(slice(text, model.range)).toBe('model: MODEL');
    expect(model.value).toMatchObject({ kind: 'string', literal: 'claude-sonnet-4-5', via: { name: 'MODEL', references: 1 } });
    expect(slice(text, model.value.via!.definitionRange)).toBe('MODEL = "claude-sonnet-4-5".freeze');
    expect(slice(text, model.value.contentRange)).toBe('claude-sonnet-4-5');
    expect(field(req.params, 'max_tokens')!.value.literal).toBe(16000);
    const thinking = field(req.params, 'thinking')!;
    expect(slice(text, thinking.value.range)).toBe('{ type: "enabled", budget_tokens: 2048 }');
    expect(field(thinking.value, 'budget_tokens')!.value.literal).toBe(2048);
    expect(slice(text, field(req.params, 'top_p')!.range)).toBe('top_p: 0.9');
    expect(field(req.params, 'request_options')).toBeUndefined();
    expect(req.headers).toHaveLength(1);
    expect(req.headers[0]).toMatchObject({ name: 'anthropic-beta', scope: 'request', value: { literal: 'interleaved-thinking-2025-05-14' } });
    expect(slice(text, req.headers[0].range)).toBe('"anthropic-beta" => "interleaved-thinking-2025-05-14"');
    const msgs = field(req.params, 'messages')!.value;
    expect(field(msgs.elements![0], 'role')!.value.literal).toBe('user');
    const uses = p.view.responseUses;
    expect(uses.filter((u) => u.kind === 'thinking-text').map((u) => slice(text, u.range))).toEqual(['block.thinking']);
    const stops = uses.filter((u) => u.kind === 'stop-reason');
    expect(stops).toHaveLength(1);
    expect(stops[0].values).toEqual(['end_turn', 'max_tokens', 'stop_sequence']);
    expect(slice(text, stops[0].range)).toMatch(/^case message\.stop_reason[\s\S]*end$/);
  });

  it('a hash built then splatted (**params) on a Bedrock Mantle client: beta stream, system_, ENV.fetch default', async () => {
    const text = read('splat.rb');
    const p = await parse(text);
    expect(p.view.clients[0]).toMatchObject({ platform: 'bedrock', constructor: 'Anthropic::BedrockMantleClient' });
    expect(p.view.requests).toHaveLength(1);
    const [req] = p.view.requests;
    expect(req).toMatchObject({ method: 'stream', beta: true, platform: 'bedrock', streaming: true });
    expect(req.opaqueSpread).toBeUndefined();
    expect(slice(text, req.callee)).toBe('client.beta.messages.stream');
    expect(req.params.fields!.map((f) => f.key)).toEqual(['model', 'max_tokens', 'system', 'betas', 'messages', 'top_k']);
    const model = field(req.params, 'model')!.value;
    expect(model).toMatchObject({ kind: 'string', literal: 'anthropic.claude-opus-4-6', via: { name: 'model_id' } });
    expect(p.contextAt(text.indexOf('anthropic.claude-opus-4-6')).requestModel).toBe(true);
    expect(field(req.params, 'system')!.sourceKey).toBe('system_');
    const betas = field(req.params, 'betas')!.value;
    expect(betas.elements!.map((e) => slice(text, e.range))).toEqual(['"effort-2025-11-24"', '"interleaved-thinking-2025-05-14"']);
    const last = field(req.params, 'messages')!.value.elements!.at(-1)!;
    expect(slice(text, last.range)).toBe('{role: "assistant", content: "{"}');
    expect(slice(text, field(req.params, 'top_k')!.range)).toBe('top_k: 40');
  });

  it('batch params, raw Net::HTTP body with headers; mocks and OpenAI clients are not requests', async () => {
    const text = read('batch_http.rb');
    const p = await parse(text);
    expect(p.view.requests.map((r) => [r.kind, r.method])).toEqual([['sdk-call', 'batch'], ['http', 'create']]);
    const [batch, http] = p.view.requests;
    expect(slice(text, batch.range)).toMatch(/^\{model: "claude-3-5-sonnet-20241022"/);
    expect(field(batch.params, 'top_k')!.value.literal).toBe(5);
    expect(http.platform).toBe('first-party');
    expect(field(http.params, 'model')!.value.literal).toBe('claude-opus-4-1');
    expect(slice(text, field(http.params, 'model')!.range)).toBe('"model" => "claude-opus-4-1"');
    expect(http.headers.find((h) => h.name === 'anthropic-beta')!.value.literal).toBe('output-128k-2025-02-19');
    expect(JSON.stringify(p.view.requests.map((r) => r.params.fields?.map((f) => f.key)))).not.toContain('temperature');
    expect(p.view.responseUses.find((u) => u.kind === 'thinking-text') && slice(text, p.view.responseUses.find((u) => u.kind === 'thinking-text')!.range)).toBe('b["thinking"]');
    expect(p.view.responseUses.find((u) => u.kind === 'stop-reason')!.values).toEqual(['refusal', 'max_tokens']);

    const splat = await parse(read('splat.rb'));
    expect(splat.view.requests.some((r) => slice(read('splat.rb'), r.callee)?.startsWith('openai'))).toBe(false);
  });

  it('ignores files that do not use the SDK, and calls without request keys', async () => {
    const text = `class Fake\n  def run(client)\n    client.messages.create(temperature: 0.5, model: "claude-3-opus-20240229")\n  end\nend\n`;
    const p = await parse(text);
    expect(p.view.requests).toHaveLength(0);
    const sdk = await parse(`require "anthropic"\nthread_client.messages.create(thread_id: "t", parameters: { temperature: 0.5 })\n`);
    expect(sdk.view.requests).toHaveLength(0);
  });
});

describe('Ruby rewrites', () => {
  it('set-value / remove-field / add-field / remove-definition / insert-comment on keyword arguments', async () => {
    const text = read('basic.rb');
    const p = await parse(text);
    const [req] = p.view.requests;
    const out = await rewrite(p, text, [
      { kind: 'set-value', value: field(req.params, 'thinking')!.value, path: ['thinking'], to: { type: 'adaptive' } },
      { kind: 'remove-field', container: req.params, field: field(req.params, 'temperature')! },
      { kind: 'remove-field', container: req.params, field: field(req.params, 'top_p')! },
      { kind: 'add-field', container: req.params, path: ['output_config'], key: 'output_config', to: { effort: 'high' } },
      { kind: 'insert-comment', at: text.indexOf('message = @client'), text: 'claude-migrate: check the effort level' },
    ]);
    expect(out).toContain(`    # claude-migrate: check the effort level
    message = @client.messages.create(
      model: MODEL,
      max_tokens: 16_000,
      thinking: { type: "adaptive" },
      messages: [
        { role: "user", content: prompt }
      ],
      request_options: { extra_headers: { "anthropic-beta" => "interleaved-thinking-2025-05-14" } },
      output_config: { effort: "high" }
    )`);
    expect(out).not.toContain('nucleus sampling');
  });

  it('removes a definition whose only use is gone, and an element of a splatted hash array; rename-call after the betas go', async () => {
    const text = read('splat.rb');
    const p = await parse(text);
    const [req] = p.view.requests;
    const betas = field(req.params, 'betas')!;
    const msgs = field(req.params, 'messages')!.value;
    expect(p.render({ kind: 'rename-call', request: req })).toEqual({ refused: 'beta flags are still set on the request' });
    const out = await rewrite(p, text, [
      { kind: 'remove-element', array: betas.value, element: betas.value.elements![0] },
      { kind: 'remove-element', array: msgs, element: msgs.elements![1] },
    ]);
    expect(out).toContain('  betas: ["interleaved-thinking-2025-05-14"],\n');
    // The literal had no trailing comma, so the previous element's comma goes too (house style kept).
    expect(out).toContain('    {role: "user", content: "Give me JSON"}\n  ]');

    const p2 = await parse(text);
    const r2 = p2.view.requests[0];
    const noBetas = await rewrite(p2, text, [{ kind: 'remove-field', container: r2.params, field: field(r2.params, 'betas')! }]);
    const p3 = await parse(noBetas);
    const out3 = await rewrite(p3, noBetas, [{ kind: 'rename-call', request: p3.view.requests[0] }]);
    expect(out3).toContain('stream = client.messages.stream(**params, top_k: 40)');

    const b = await parse(read('basic.rb'));
    const model = field(b.view.requests[0].params, 'model')!.value;
    const gone = await rewrite(b, read('basic.rb'), [{ kind: 'remove-definition', value: model }]);
    expect(gone).not.toContain('MODEL = ');
  });

  it('adds a field into a rocket-style hash in its own key style', async () => {
    const text = read('batch_http.rb');
    const p = await parse(text);
    const http = p.view.requests[1];
    const out = await rewrite(p, text, [{ kind: 'add-field', container: http.params, path: ['thinking'], key: 'thinking', to: { type: 'adaptive', display: 'summarized' } }]);
    expect(out).toContain(`  "messages" => [{ "role" => "user", "content" => "Hello" }],\n  "thinking" => { "type" => "adaptive", "display" => "summarized" }\n}.to_json`);
  });

  it('add-alongside: hash entry, %w word, array item, gate, when label, assert', async () => {
    const text = read('registry.rb');
    const at = (s: string, from: string) => text.indexOf(s) + s.indexOf(from);
    const cases: [string, string, string, string][] = [
      ['"claude-sonnet-4-5" =>', 'claude-sonnet-4-5', 'claude-sonnet-4-6', '    "claude-sonnet-4-5" => { input: 3, output: 15 },\n    "claude-sonnet-4-6" => { input: 3, output: 15 },\n'],
      ['claude-haiku-4-5]', 'claude-haiku-4-5', 'claude-haiku-5', '%w[claude-opus-4-6 claude-haiku-4-5 claude-haiku-5]'],
      ['"claude-sonnet-4-6"\n  ]', 'claude-sonnet-4-6', 'claude-sonnet-5', '    "claude-sonnet-4-6",\n    "claude-sonnet-5"\n  ]'],
      ['start_with?("claude-opus-4-6")', 'claude-opus-4-6', 'claude-opus-4-8', 'model.start_with?("claude-opus-4-6") || model.start_with?("claude-opus-4-8") || model'],
      ['"claude-opus-4-5" then', 'claude-opus-4-5', 'claude-opus-4-8', 'when "claude-opus-4-6", "claude-opus-4-5", "claude-opus-4-8" then'],
      ['SUPPORTED, "claude-opus-4-6"', 'claude-opus-4-6', 'claude-opus-4-8', '    assert_includes Models::SUPPORTED, "claude-opus-4-6"\n    assert_includes Models::SUPPORTED, "claude-opus-4-8"\n'],
    ];
    for (const [anchor, from, to, expected] of cases) {
      const p = await parse(text);
      const out = await rewrite(p, text, [{ kind: 'add-alongside', at: at(anchor, from), from, to }]);
      expect(out).toContain(expected);
    }
    const p = await parse(text);
    expect(p.render({ kind: 'add-alongside', at: text.indexOf('module'), from: 'module', to: 'x' })).toHaveProperty('refused');
  });
});

describe('Ruby contextAt', () => {
  it('classifies registry entries, gates, asserts, comments and request models', async () => {
    const text = read('registry.rb');
    const p = await parse(text);
    const map = p.contextAt(text.indexOf('claude-sonnet-4-5'));
    expect(map).toMatchObject({ inString: true, inComment: false, collection: { kind: 'map', entries: 2, inKey: true } });
    expect(slice(text, map.collection!.entry)).toBe('"claude-sonnet-4-5" => { input: 3, output: 15 }');
    expect(p.contextAt(text.indexOf('claude-haiku-4-5')).collection).toMatchObject({ kind: 'list', entries: 2 });
    const gate = p.contextAt(text.indexOf('claude-sonnet-4-6"\n  end'));
    expect(slice(text, gate.gate)).toBe('model == "claude-sonnet-4-6"');
    expect(p.contextAt(text.indexOf('"claude-opus-4-5" then') + 1).collection).toMatchObject({ kind: 'switch' });
    const asserted = p.contextAt(text.lastIndexOf('claude-opus-4-6'));
    expect(slice(text, asserted.assert)).toBe('assert_includes Models::SUPPORTED, "claude-opus-4-6"');

    const basic = read('basic.rb');
    const b = await parse(basic);
    expect(b.contextAt(basic.indexOf('claude-sonnet-4-5'))).toMatchObject({ inString: true, requestModel: true });
    expect(b.contextAt(basic.indexOf('nucleus'))).toMatchObject({ inComment: true });
    expect(b.contextAt(basic.indexOf('model: MODEL')).collection).toBeUndefined();
  });
});
