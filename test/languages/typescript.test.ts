import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adapter } from '../../src/languages/typescript/adapter.js';
import { applyTextEdits } from '../../src/languages/edit-helpers.js';
import type { EditIntent, FieldView, ParsedFile, Range, RequestView, TextEdit, ValueView } from '../../src/languages/types.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TS_DIR = join(ROOT, 'fixtures', 'typescript', '_requests');
const JS_DIR = join(ROOT, 'fixtures', 'javascript', '_requests');
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

const open: ParsedFile[] = [];
afterEach(() => {
  while (open.length) open.pop()!.dispose();
});
async function parse(text: string, path: string): Promise<ParsedFile> {
  const p = await adapter.parse(text, path);
  open.push(p);
  return p;
}

const slice = (text: string, r: Range | undefined) => (r ? text.slice(r.start, r.end) : undefined);
const field = (v: ValueView | undefined, key: string): FieldView | undefined => v?.fields?.find((f) => f.key === key);
const keys = (r: RequestView) => r.params.fields!.map((f) => f.key);

/**
 * TS outputs that are type-checked in one batched `tsc` run at the end of this file, against the
 * real @anthropic-ai/sdk 1.12.0 types. Only outputs of fixtures that construct a real `Anthropic`
 * client and import nothing else that is not installed qualify, and only once the rewrite removed
 * every `temperature` / `top_p` / `top_k`: SDK 1.12.0 declares none of them, so an input (or an
 * output) still sending one fails with TS2769 by design. Type-checked: basic.ts, stream_class.ts and
 * batches.ts outputs. Not type-checked: beta_platforms.ts / multi_provider.ts (import
 * @anthropic-ai/bedrock-sdk, openai… which are not installed), params_object.ts (keeps a
 * conditional `top_k` write), JS outputs (re-parsed with 0 diagnostics instead).
 */
const typeCheck = new Map<string, string>();

/** Render intents, apply them, check bytes outside the edits are unchanged and the result re-parses clean. */
async function rewrite(p: ParsedFile, text: string, path: string, intents: EditIntent[]): Promise<string> {
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
  expect(await adapter.countSyntaxErrors(out, path)).toBe(0);
  return out;
}

function refusal(p: ParsedFile, intent: EditIntent): string {
  const r = p.render(intent);
  if (!('refused' in r)) throw new Error(`expected a refusal, got ${JSON.stringify(r.edits)}`);
  return r.refused;
}

describe('TypeScript request views', () => {
  it('object literal params, module constants with via, default + request headers, response uses', async () => {
    const text = read(TS_DIR, 'basic.ts');
    const p = await parse(text, 'src/basic.ts');
    expect(p.view.language).toBe('typescript');
    expect(p.view.syntaxErrors).toBe(0);
    expect(p.view.clients.map((c) => [c.platform, c.constructor])).toEqual([['first-party', 'Anthropic']]);
    expect(slice(text, p.view.clients[0].range)).toMatch(/^new Anthropic\(\{\n  defaultHeaders: \{ 'anthropic-beta'/);
    expect(p.view.requests).toHaveLength(1);
    const [req] = p.view.requests;
    expect(req).toMatchObject({ language: 'typescript', kind: 'sdk-call', method: 'create', beta: false, platform: 'first-party', streaming: false });
    expect(req.opaqueSpread).toBeUndefined();
    expect(slice(text, req.callee)).toBe('client.messages.create');
    expect(slice(text, req.range)).toMatch(/^client\.messages\.create\(\n    \{\n      model: MODEL,[\s\S]*\n  \)$/);
    expect(keys(req)).toEqual(['model', 'max_tokens', 'temperature', 'top_p', 'thinking', 'messages']);
    const model = field(req.params, 'model')!;
    expect(slice(text, model.range)).toBe('model: MODEL');
    expect(model.value).toMatchObject({ kind: 'string', literal: 'claude-sonnet-4-5', via: { name: 'MODEL', references: 1 } });
    expect(slice(text, model.value.range)).toBe("'claude-sonnet-4-5'");
    expect(slice(text, model.value.contentRange)).toBe('claude-sonnet-4-5');
    expect(slice(text, model.value.via!.useRange)).toBe('MODEL');
    expect(slice(text, field(req.params, 'top_p')!.range)).toBe('top_p: 0.9');
    const thinking = field(req.params, 'thinking')!.value;
    expect(slice(text, thinking.range)).toBe("{ type: 'enabled', budget_tokens: BUDGET }");
    expect(field(thinking, 'type')!.value.literal).toBe('enabled');
    const budget = field(thinking, 'budget_tokens')!;
    expect(slice(text, budget.range)).toBe('budget_tokens: BUDGET');
    expect(budget.value).toMatchObject({ kind: 'number', literal: 8000, via: { name: 'BUDGET', references: 1 } });
    expect(field(field(req.params, 'messages')!.value.elements![0], 'role')!.value.literal).toBe('user');
    expect(req.headers.map((h) => [h.name, h.scope, h.value.literal])).toEqual([
      ['anthropic-beta', 'request', 'interleaved-thinking-2025-05-14,effort-2025-11-24'],
      ['anthropic-beta', 'client', 'output-128k-2025-02-19'],
    ]);
    expect(slice(text, req.headers[0].range)).toBe("'anthropic-beta': 'interleaved-thinking-2025-05-14,effort-2025-11-24'");
    expect(slice(text, req.headers[0].container!.range)).toBe("{ 'anthropic-beta': 'interleaved-thinking-2025-05-14,effort-2025-11-24' }");
    expect(p.view.responseUses.map((u) => [u.kind, slice(text, u.range), u.values])).toEqual([
      ['thinking-text', "block.type === 'thinking'", undefined],
      ['thinking-text', 'block.thinking', undefined],
      ['stop-reason', "response.stop_reason === 'end_turn'", ['end_turn', 'max_tokens', 'stop_sequence']],
    ]);
    expect(p.view.comments.map((c) => slice(text, c))).toEqual(['// creative']);
    const s = p.view.strings.find((x) => x.value === 'claude-sonnet-4-5')!;
    expect(slice(text, s.contentRange)).toBe('claude-sonnet-4-5');
    const at = text.indexOf('claude-sonnet-4-5');
    expect(p.contextAt(at)).toMatchObject({ inString: true, inComment: false, requestModel: true });
    expect(p.contextAt(at).collection).toBeUndefined();
  });

  it('spread + satisfies params, env default, opaque spread, template model, imported constants, field writes', async () => {
    const text = read(TS_DIR, 'params_object.ts');
    const p = await parse(text, join(TS_DIR, 'params_object.ts'));
    expect(p.view.requests).toHaveLength(5);
    const [spread, fwd, tmpl, cfg, tagged] = p.view.requests;
    expect(slice(text, spread.params.range)).toMatch(/^\{\n    \.\.\.base,\n    model: process\.env/);
    expect(spread.params.via).toMatchObject({ name: 'params', references: 1 });
    expect(keys(spread)).toEqual(['max_tokens', 'system', 'model', 'temperature', 'messages']);
    // Spread fields keep their own source ranges (in `base`).
    expect(slice(text, field(spread.params, 'max_tokens')!.range)).toBe('max_tokens: 4096');
    const model = field(spread.params, 'model')!.value;
    expect(model).toMatchObject({ kind: 'string', literal: 'claude-3-5-sonnet-20241022', via: { name: 'process.env.CLAUDE_MODEL' } });
    expect(slice(text, model.range)).toBe('"claude-3-5-sonnet-20241022"');
    expect(slice(text, model.via!.useRange)).toBe('process.env.CLAUDE_MODEL ?? "claude-3-5-sonnet-20241022"');
    expect(field(spread.params, 'messages')!.value.elements!.map((e) => field(e, 'role')!.value.literal)).toEqual(['user', 'assistant']);
    expect(p.contextAt(text.indexOf('claude-3-5-sonnet-20241022')).requestModel).toBe(true);
    // `{ ...opts, model }` with opts unknown: fields we can see, flagged opaque.
    expect(fwd.opaqueSpread).toBe(true);
    expect(keys(fwd)).toEqual(['model']);
    expect(field(fwd.params, 'model')!.value).toMatchObject({ kind: 'string', literal: 'claude-3-5-haiku-20241022', via: { name: 'SUMMARY_MODEL', external: './config' } });
    expect(slice(text, field(fwd.params, 'model')!.value.range)).toBe('SUMMARY_MODEL');
    expect(field(tmpl.params, 'model')!.value).toMatchObject({ kind: 'template', text: '`claude-3-5-sonnet-${version}`' });
    // `MODELS.fast` from `export const MODELS = {…} as const` in ./config.
    expect(field(cfg.params, 'model')!.value).toMatchObject({ literal: 'claude-3-5-haiku-20241022', via: { name: 'MODELS.fast', external: './config' } });
    // `cfg.temperature = 0` after the literal is a field of the params.
    expect(slice(text, field(cfg.params, 'temperature')!.range)).toBe('cfg.temperature = 0');
    expect(slice(text, field(tagged.params, 'top_k')!.range)).toBe('req.top_k = 1');
    expect(p.view.comments.map((c) => slice(text, c))).toEqual(['// Everything comes from the caller: nothing to see here.']);
  });

  it('client as a constructor parameter property, this.model field, stream, countTokens, switch on stop_reason', async () => {
    const text = read(TS_DIR, 'stream_class.ts');
    const p = await parse(text, 'stream_class.ts');
    expect(p.view.clients).toEqual([]);
    const [stream, count] = p.view.requests;
    expect(stream).toMatchObject({ method: 'stream', platform: 'first-party', streaming: true, beta: false });
    expect(slice(text, stream.callee)).toBe('this.client.messages.stream');
    expect(field(stream.params, 'model')!.value).toMatchObject({ kind: 'string', literal: 'claude-opus-4-1', via: { name: 'this.model' } });
    expect(field(field(stream.params, 'thinking')!.value, 'budget_tokens')!.value.literal).toBe(16000);
    expect(count).toMatchObject({ method: 'count_tokens', streaming: false });
    expect(p.view.responseUses.map((u) => [u.kind, slice(text, u.range), u.values])).toEqual([
      ['thinking-text', 'event.delta.type === "thinking_delta"', undefined],
      ['thinking-text', 'event.delta.thinking', undefined],
      ['stop-reason', 'message.stop_reason', ['end_turn', 'max_tokens', 'pause_turn']],
    ]);
    expect(p.contextAt(text.indexOf('claude-opus-4-1')).requestModel).toBe(true);
  });

  it('batches: one request per literal params object, also inside requests.map(…)', async () => {
    const text = read(TS_DIR, 'batches.ts');
    const p = await parse(text, 'batches.ts');
    expect(p.view.requests.map((r) => [r.method, r.platform, slice(text, r.callee)])).toEqual([
      ['batch', 'first-party', 'client.messages.batches.create'],
      ['batch', 'first-party', 'client.messages.batches.create'],
    ]);
    const [literal, mapped] = p.view.requests;
    expect(slice(text, literal.range)).toMatch(/^\{\n          model: 'claude-3-7-sonnet-20250219',/);
    expect(slice(text, field(literal.params, 'top_k')!.range)).toBe('top_k: 40');
    expect(field(mapped.params, 'model')!.value.literal).toBe('claude-3-haiku-20240307');
    expect(field(field(mapped.params, 'messages')!.value.elements![0], 'role')!.value.literal).toBe('user');
  });

  it('Bedrock / Mantle / Vertex / AWS / namespace-import clients, beta namespace, withOptions, tools', async () => {
    const text = read(TS_DIR, 'beta_platforms.ts');
    const p = await parse(text, 'beta_platforms.ts');
    expect(p.view.clients.map((c) => [c.platform, c.constructor])).toEqual([
      ['bedrock', 'AnthropicBedrock'],
      ['bedrock', 'AnthropicBedrockMantle'],
      ['vertex', 'AnthropicVertex'],
      ['aws', 'AnthropicAws'],
      ['first-party', 'sdk.Anthropic'],
    ]);
    expect(p.view.requests.map((r) => [r.method, r.beta, r.platform, slice(text, r.callee)])).toEqual([
      ['create', true, 'bedrock', 'bedrock.beta.messages.create'],
      ['create', false, 'bedrock', 'mantle.messages.create'],
      ['count_tokens', false, 'vertex', 'vertex.messages.countTokens'],
      ['create', false, 'aws', 'aws.messages.create'],
      ['create', true, 'first-party', 'client.beta.messages.create'],
      ['create', false, 'first-party', 'client.withOptions({ timeout: 5000 }).messages.create'],
    ]);
    const betas = field(p.view.requests[0].params, 'betas')!.value;
    expect(betas.elements!.map((e) => e.literal)).toEqual(['interleaved-thinking-2025-05-14', 'files-api-2025-04-14']);
    const tools = field(p.view.requests[0].params, 'tools')!.value;
    expect(tools.elements!.map((e) => e.via?.name)).toEqual(['editor', 'weather']);
    expect(p.view.tools.map((t) => field(t, 'name')!.value.literal)).toEqual(['str_replace_editor', 'get_weather']);
    expect(field(p.view.tools[0], 'type')!.value.literal).toBe('text_editor_20250124');
  });

  it('other providers and look-alikes in the same file are not Claude requests', async () => {
    const text = read(TS_DIR, 'multi_provider.ts');
    const p = await parse(text, 'multi_provider.ts');
    // Only the Anthropic client's call: not OpenAI chat/threads, not Gemini, not the vi.fn() stand-in, not the string.
    expect(p.view.requests.map((r) => slice(text, r.callee))).toEqual(['claude.messages.create']);
    expect(p.view.requests.every((r) => !field(r.params, 'temperature'))).toBe(true);
    expect(p.view.clients.map((c) => c.constructor)).toEqual(['Anthropic']);
    const inNote = text.indexOf('claude-3-opus-20240229');
    expect(p.contextAt(inNote)).toMatchObject({ inString: true, inComment: false });
    expect(p.contextAt(inNote).requestModel).toBeUndefined();
  });

  it('without any SDK import, a look-alike client is not a Claude request unless the model says so', async () => {
    const text = `const svc = makeClient();\nawait svc.messages.create({ model: 'gpt-4o', temperature: 1 });\nawait svc.messages.create({ model: 'claude-3-haiku-20240307' });\n`;
    const p = await parse(text, 'snippet.ts');
    expect(p.view.requests.map((r) => field(r.params, 'model')!.value.literal)).toEqual(['claude-3-haiku-20240307']);
    expect(p.view.requests[0].platform).toBe('unknown');
  });

  it('JavaScript: raw fetch / axios HTTP bodies, CJS require client, JSX file', async () => {
    const httpText = read(JS_DIR, 'raw_http.mjs');
    const http = await parse(httpText, 'raw_http.mjs');
    expect(http.view.language).toBe('javascript');
    expect(http.view.requests.map((r) => [r.kind, r.method, r.platform, r.streaming, r.language])).toEqual([
      ['http', 'create', 'first-party', true, 'javascript'],
      ['http', 'count_tokens', 'first-party', false, 'javascript'],
    ]);
    const [post] = http.view.requests;
    expect(slice(httpText, post.params.range)).toMatch(/^\{\n      model: "claude-3-5-haiku-20241022",/);
    expect(slice(httpText, post.range)).toMatch(/^fetch\(API_URL, \{/);
    expect(post.headers.find((h) => h.name === 'anthropic-beta')!.value.literal).toBe('token-efficient-tools-2025-02-19');
    expect(slice(httpText, field(post.params, 'temperature')!.range)).toBe('temperature: 0.5');

    const cjsText = read(JS_DIR, 'cjs_client.cjs');
    const cjs = await parse(cjsText, 'cjs_client.cjs');
    expect(cjs.view.clients.map((c) => [c.platform, c.constructor])).toEqual([['first-party', 'Anthropic']]);
    const model = field(cjs.view.requests[0].params, 'model')!.value;
    // `options.model || DEFAULT_MODEL` with `DEFAULT_MODEL = process.env.MODEL || 'claude-…'`: the literal default.
    expect(model).toMatchObject({ kind: 'string', literal: 'claude-3-opus-20240229', via: { name: 'options.model' } });
    expect(slice(cjsText, model.range)).toBe("'claude-3-opus-20240229'");
    expect(cjs.view.responseUses.map((u) => [u.kind, slice(cjsText, u.range), u.values])).toEqual([['stop-reason', "reason !== 'end_turn'", ['end_turn']]]);
    expect(cjs.contextAt(cjsText.indexOf('claude-3-opus')).requestModel).toBe(true);

    const jsxText = read(JS_DIR, 'component.jsx');
    const jsx = await parse(jsxText, 'component.jsx');
    expect(jsx.view.syntaxErrors).toBe(0);
    expect(jsx.view.requests).toHaveLength(1);
    // JSX text that looks like a comment is not one.
    expect(jsx.view.comments).toEqual([]);
  });

  it('counts syntax errors from the parser', async () => {
    expect(await adapter.countSyntaxErrors('const a = { b: 1,, };\nlet x: = 3;\n', 'bad.ts')).toBeGreaterThan(0);
    expect(await adapter.countSyntaxErrors('const a = <div>{x}</div>;\n', 'ok.tsx')).toBe(0);
    const p = await parse('client.messages.create({ model: "claude-3-haiku-20240307", \n', 'broken.ts');
    expect(p.view.syntaxErrors).toBeGreaterThan(0);
  });
});

describe('TypeScript contextAt', () => {
  it('enum, union, object map, array, Set, Map, switch, gate, comment', async () => {
    const text = read(TS_DIR, 'registry.ts');
    const p = await parse(text, 'registry.ts');
    const ctxAt = (needle: string, nth = 0) => {
      let i = -1;
      for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
      return p.contextAt(i);
    };
    const enumCtx = ctxAt('claude-opus-4-6');
    expect(enumCtx.collection).toMatchObject({ kind: 'enum', entries: 2 });
    expect(slice(text, enumCtx.collection!.entry)).toBe("CLAUDE_OPUS_4_6 = 'claude-opus-4-6'");
    const union = ctxAt('claude-opus-4-6', 1);
    expect(union.collection).toMatchObject({ kind: 'union', entries: 2 });
    expect(slice(text, union.collection!.entry)).toBe("'claude-opus-4-6'");
    const map = ctxAt('claude-opus-4-6', 3);
    expect(map.collection).toMatchObject({ kind: 'map', entries: 2, inKey: true });
    expect(slice(text, map.collection!.entry)).toBe("'claude-opus-4-6': 200_000");
    expect(ctxAt('claude-opus-4-6', 4).collection).toMatchObject({ kind: 'list', entries: 2 });
    expect(ctxAt('claude-opus-4-6', 5).collection).toMatchObject({ kind: 'set', entries: 1 });
    const pair = ctxAt('claude-opus-4-6', 6);
    expect(pair.collection).toMatchObject({ kind: 'map', entries: 2, inKey: true });
    expect(slice(text, pair.collection!.entry)).toBe("['claude-opus-4-6', 15]");
    const gate = ctxAt('claude-opus-4-6', 7);
    expect(slice(text, gate.gate)).toBe("model.startsWith('claude-opus-4-6')");
    expect(gate.collection).toBeUndefined();
    expect(slice(text, ctxAt('claude-sonnet-4-6', 1).gate)).toBe("model === 'claude-sonnet-4-6'");
    const sw = ctxAt('claude-opus-4-6', 8);
    expect(sw.collection).toMatchObject({ kind: 'switch', entries: 3 });
    expect(slice(text, sw.collection!.entry)).toBe("case 'claude-opus-4-6':");
    expect(ctxAt('claude-opus-4-6', 9)).toEqual({ inString: false, inComment: true });
    // A value keyed by an identifier: a map entry, not in the key.
    expect(ctxAt('claude-opus-4-6', 10).collection).toMatchObject({ kind: 'map', entries: 1, inKey: false });
  });

  it('expect(...) asserts and request params that are not collections', async () => {
    const text = read(TS_DIR, 'registry.test.ts');
    const p = await parse(text, 'registry.test.ts');
    const first = p.contextAt(text.indexOf('claude-opus-4-6'));
    expect(slice(text, first.assert)).toBe("expect(ADAPTIVE).toContain('claude-opus-4-6');");
    expect(first.collection).toBeUndefined();
    const second = p.contextAt(text.lastIndexOf('claude-opus-4-6'));
    expect(slice(text, second.assert)).toBe("expect(supportsEffort('claude-opus-4-6')).toBe(true);");

    const call = `import Anthropic from '@anthropic-ai/sdk';\nconst c = new Anthropic();\nc.messages.create({ model: 'claude-opus-4-6', max_tokens: 1, messages: [] });\nconfigure({ primary: 'claude-opus-4-6', backup: 'claude-sonnet-4-5' });\n`;
    const q = await parse(call, 'call.ts');
    const inCall = q.contextAt(call.indexOf('claude-opus-4-6'));
    expect(inCall).toMatchObject({ requestModel: true });
    expect(inCall.collection).toBeUndefined();
    // Options passed to some other call: arguments, not a registry.
    expect(q.contextAt(call.lastIndexOf('claude-opus-4-6')).collection).toBeUndefined();
  });
});

describe('TypeScript edit round-trips', () => {
  it('set-value, remove-field (with its trailing comment), add-field, remove-definition, header removal: basic.ts', async () => {
    const text = read(TS_DIR, 'basic.ts');
    const p = await parse(text, 'basic.ts');
    const [req] = p.view.requests;
    const thinking = field(req.params, 'thinking')!;
    const budget = field(thinking.value, 'budget_tokens')!;
    const clientHeader = req.headers.find((h) => h.scope === 'client')!;
    const out = await rewrite(p, text, 'basic.ts', [
      { kind: 'remove-field', container: req.params, field: field(req.params, 'temperature')! },
      { kind: 'remove-field', container: req.params, field: field(req.params, 'top_p')! },
      { kind: 'set-value', value: thinking.value, path: ['thinking'], to: { type: 'adaptive' } },
      { kind: 'remove-definition', value: budget.value },
      { kind: 'add-field', container: req.params, path: ['output_config'], key: 'output_config', to: { effort: 'high' } },
      { kind: 'remove-field', container: clientHeader.container!, field: clientHeader.field! },
      { kind: 'replace', range: req.headers[0].value.contentRange!, text: 'interleaved-thinking-2025-05-14' },
    ]);
    expect(out).toBe(text
      .replace("const BUDGET = 8000;\n", '')
      .replace("  defaultHeaders: { 'anthropic-beta': 'output-128k-2025-02-19' },", '  defaultHeaders: {},')
      .replace("      temperature: 0.7,\n      top_p: 0.9, // creative\n", '')
      .replace("thinking: { type: 'enabled', budget_tokens: BUDGET },", "thinking: { type: 'adaptive' },")
      .replace("      messages: [{ role: 'user', content: question }],\n", "      messages: [{ role: 'user', content: question }],\n      output_config: { effort: 'high' },\n")
      .replace('interleaved-thinking-2025-05-14,effort-2025-11-24', 'interleaved-thinking-2025-05-14'));
    typeCheck.set('basic.ts', out);
  });

  it('set-value with display on a multi-line object, add-field into a nested object, double quotes kept: stream_class.ts', async () => {
    const text = read(TS_DIR, 'stream_class.ts');
    const p = await parse(text, 'stream_class.ts');
    const [stream, count] = p.view.requests;
    const thinking = field(stream.params, 'thinking')!;
    const out = await rewrite(p, text, 'stream_class.ts', [
      { kind: 'set-value', value: thinking.value, path: ['thinking'], to: { type: 'adaptive', display: 'summarized' } },
      { kind: 'add-field', container: stream.params, path: ['output_config'], key: 'output_config', to: { effort: 'xhigh' } },
      { kind: 'insert-comment', at: count.range.start, text: 'TODO(claude-migrate): re-baseline token counts for the new tokenizer' },
    ]);
    expect(out).toBe(text
      .replace('thinking: {\n        type: "enabled",\n        budget_tokens: 16000,\n      },', 'thinking: { type: "adaptive", display: "summarized" },')
      .replace('      messages: [{ role: "user", content: prompt }],\n    });\n    for await', '      messages: [{ role: "user", content: prompt }],\n      output_config: { effort: "xhigh" },\n    });\n    for await')
      .replace('    const { input_tokens }', '    // TODO(claude-migrate): re-baseline token counts for the new tokenizer\n    const { input_tokens }'));
    // A second pass adds effort into the now-existing output_config (a nested object).
    const p2 = await parse(out, 'stream_class.ts');
    const oc = field(p2.view.requests[0].params, 'output_config')!;
    const out2 = await rewrite(p2, out, 'stream_class.ts', [{ kind: 'add-field', container: oc.value, path: ['output_config', 'format'], key: 'format', to: { type: 'json_schema', schema: { type: 'object' } } }]);
    expect(out2).toContain('output_config: { effort: "xhigh", format: { type: "json_schema", schema: { type: "object" } } },');
    typeCheck.set('stream_class.ts', out2);
  });

  it('remove-field in a batch params object and remove-element from betas; rename-call drops .beta', async () => {
    const text = read(TS_DIR, 'batches.ts');
    const p = await parse(text, 'batches.ts');
    const [literal] = p.view.requests;
    const out = await rewrite(p, text, 'batches.ts', [{ kind: 'remove-field', container: literal.params, field: field(literal.params, 'top_k')! }]);
    expect(out).toBe(text.replace('          top_k: 40,\n', ''));
    typeCheck.set('batches.ts', out);

    const bText = read(TS_DIR, 'beta_platforms.ts');
    const b = await parse(bText, 'beta_platforms.ts');
    const bedrockReq = b.view.requests[0];
    const betas = field(bedrockReq.params, 'betas')!.value;
    const firstParty = b.view.requests[4];
    const bOut = await rewrite(b, bText, 'beta_platforms.ts', [
      { kind: 'remove-element', array: betas, element: betas.elements![0] },
      { kind: 'rename-call', request: firstParty },
      { kind: 'remove-field', container: firstParty.params, field: field(firstParty.params, 'betas')! },
    ]);
    expect(bOut).toBe(bText
      .replace("betas: ['interleaved-thinking-2025-05-14', 'files-api-2025-04-14'],", "betas: ['files-api-2025-04-14'],")
      .replace("const res = await client.beta.messages.create({", "const res = await client.messages.create({")
      .replace("    betas: ['effort-2025-11-24'],\n", ''));
    // The last beta removed inline leaves an empty array rather than stray spaces.
    const only = await parse("import Anthropic from '@anthropic-ai/sdk';\nconst c = new Anthropic();\nc.beta.messages.create({ model: 'm', max_tokens: 1, messages: [], betas: ['x'] });\n", 'only.ts');
    const arr = field(only.view.requests[0].params, 'betas')!.value;
    const r = only.render({ kind: 'remove-element', array: arr, element: arr.elements![0] });
    expect('edits' in r ? r.edits : r).toEqual([{ start: arr.range.start + 1, end: arr.range.end - 1, text: '' }]);
  });

  it('params built then passed: edits land in the definition; field writes and opaque spreads', async () => {
    const text = read(TS_DIR, 'params_object.ts');
    const p = await parse(text, join(TS_DIR, 'params_object.ts'));
    const [spread, fwd, , cfg, tagged] = p.view.requests;
    const messages = field(spread.params, 'messages')!.value;
    const out = await rewrite(p, text, 'params_object.ts', [
      { kind: 'remove-field', container: spread.params, field: field(spread.params, 'temperature')! },
      { kind: 'remove-element', array: messages, element: messages.elements![1] },
      { kind: 'add-field', container: spread.params, path: ['output_config'], key: 'output_config', to: { format: { type: 'json_schema', schema: { $code: 'SCHEMA' } } } },
      { kind: 'remove-field', container: cfg.params, field: field(cfg.params, 'temperature')! },
    ]);
    expect(out).toBe(text
      .replace('    temperature: 0.2,\n', '')
      .replace('      { role: "assistant", content: "{" },\n', '')
      .replace('    ],\n  } satisfies', '    ],\n    output_config: { format: { type: "json_schema", schema: SCHEMA } },\n  } satisfies')
      .replace('  cfg.temperature = 0;\n', ''));
    // Unknown spread: the key may already be set there.
    expect(refusal(p, { kind: 'add-field', container: fwd.params, path: ['thinking'], key: 'thinking', to: { type: 'adaptive' } })).toMatch(/spread/);
    // A write that is the body of an `if` cannot go alone.
    expect(refusal(p, { kind: 'remove-field', container: tagged.params, field: field(tagged.params, 'top_k')! })).toMatch(/control statement/);
    // Defined in ./config: not edited from here.
    expect(refusal(p, { kind: 'set-value', value: field(fwd.params, 'model')!.value, path: ['model'], to: 'claude-opus-4-8' })).toMatch(/\.\/config/);
  });

  it('add-alongside for every registry construct, keeping the file valid', async () => {
    const text = read(TS_DIR, 'registry.ts');
    const p = await parse(text, 'registry.ts');
    const intents: EditIntent[] = [];
    const from = 'claude-opus-4-6';
    const to = 'claude-opus-4-8';
    // Enum, multi-line union, inline union, object key, array, Set, Map pair, gate, case, identifier-keyed entry.
    for (const nth of [0, 1, 2, 3, 4, 5, 6, 7, 8, 10]) {
      let i = -1;
      for (let k = 0; k <= nth; k++) i = text.indexOf(from, i + 1);
      intents.push({ kind: 'add-alongside', at: i, from, to });
    }
    const out = await rewrite(p, text, 'registry.ts', intents);
    expect(out).toBe(`export enum ClaudeModel {
  CLAUDE_OPUS_4_6 = 'claude-opus-4-6',
  CLAUDE_OPUS_4_8 = 'claude-opus-4-8',
  CLAUDE_SONNET_4_5 = 'claude-sonnet-4-5',
}

export type SupportedModel =
  | 'claude-opus-4-6'
  | 'claude-opus-4-8'
  | 'claude-sonnet-4-5';

export type Short = 'claude-opus-4-6' | 'claude-opus-4-8' | 'claude-haiku-4-5';

export const CONTEXT_WINDOWS: Record<string, number> = {
  'claude-opus-4-6': 200_000,
  'claude-opus-4-8': 200_000,
  'claude-sonnet-4-5': 200_000,
};

export const ADAPTIVE = ['claude-opus-4-6', 'claude-opus-4-8', 'claude-sonnet-4-6'];
export const KNOWN = new Set(['claude-opus-4-6', 'claude-opus-4-8']);
export const PRICES = new Map([
  ['claude-opus-4-6', 15],
  ['claude-opus-4-8', 15],
  ['claude-haiku-4-5', 1],
]);

export function supportsEffort(model: string): boolean {
  if (model.startsWith('claude-opus-4-6') || model.startsWith('claude-opus-4-8')) return true;
  return model === 'claude-sonnet-4-6' && !model.includes('claude-haiku-4-5');
}

export function tier(model: string): number {
  switch (model) {
    case 'claude-opus-4-6':
    case 'claude-opus-4-8':
      return 3;
    case 'claude-haiku-4-5': return 1;
    default:
      return 2;
  }
}

// The default below is claude-opus-4-6 until the next review.
export const PRIMARY = { OPUS_4_6: 'claude-opus-4-6', OPUS_4_8: 'claude-opus-4-8' };
`);
    // Gates inside && get parentheses; negated ones are joined with &&; an inline case label stays inline.
    const more = await rewrite(p, text, 'registry.ts', [
      { kind: 'add-alongside', at: text.indexOf("'claude-sonnet-4-6' &&") + 1, from: 'claude-sonnet-4-6', to: 'claude-sonnet-4-8' },
      { kind: 'add-alongside', at: text.indexOf("case 'claude-haiku-4-5'") + 6, from: 'claude-haiku-4-5', to: 'claude-haiku-4-7' },
      { kind: 'add-alongside', at: text.indexOf("includes('claude-haiku-4-5')") + 10, from: 'claude-haiku-4-5', to: 'claude-haiku-4-7' },
    ]);
    expect(more).toContain("return (model === 'claude-sonnet-4-6' || model === 'claude-sonnet-4-8') && !(model.includes('claude-haiku-4-5') || model.includes('claude-haiku-4-7'));");
    expect(more).toContain("case 'claude-haiku-4-5': case 'claude-haiku-4-7': return 1;");
    expect(refusal(p, { kind: 'add-alongside', at: text.lastIndexOf('claude-opus-4-6 until'), from, to })).toMatch(/no collection entry/);
    const neg = await parse("if (m !== 'claude-opus-4-6') skip();\n", 'neg.ts');
    expect(await rewrite(neg, "if (m !== 'claude-opus-4-6') skip();\n", 'neg.ts', [{ kind: 'add-alongside', at: 11, from, to }])).toBe("if (m !== 'claude-opus-4-6' && m !== 'claude-opus-4-8') skip();\n");
  });

  it('add-alongside duplicates an expect(...) statement; insert-comment refuses JSX content and multi-line strings', async () => {
    const text = read(TS_DIR, 'registry.test.ts');
    const p = await parse(text, 'registry.test.ts');
    const at = text.indexOf('claude-opus-4-6');
    const out = await rewrite(p, text, 'registry.test.ts', [{ kind: 'add-alongside', at, from: 'claude-opus-4-6', to: 'claude-opus-4-8' }]);
    expect(out).toBe(text.replace("    expect(ADAPTIVE).toContain('claude-opus-4-6');\n", "    expect(ADAPTIVE).toContain('claude-opus-4-6');\n    expect(ADAPTIVE).toContain('claude-opus-4-8');\n"));

    const jsxText = read(JS_DIR, 'component.jsx');
    const jsx = await parse(jsxText, 'component.jsx');
    expect(refusal(jsx, { kind: 'insert-comment', at: jsxText.indexOf('// not a comment'), text: 'x' })).toMatch(/JSX/);
    const jsxOut = await rewrite(jsx, jsxText, 'component.jsx', [{ kind: 'insert-comment', at: jsx.view.requests[0].range.start, text: 'claude-migrate: check the model' }]);
    expect(jsxOut).toContain('  useEffect(() => {\n    // claude-migrate: check the model\n    client.messages\n');
    const tpl = 'const prompt = `line one\nline two`;\n';
    const t = await parse(tpl, 'tpl.ts');
    expect(refusal(t, { kind: 'insert-comment', at: tpl.indexOf('line two'), text: 'x' })).toMatch(/string/);
  });

  it('JavaScript outputs: remove-field in a fetch body and a CJS request, set-value of a || default', async () => {
    const text = read(JS_DIR, 'raw_http.mjs');
    const p = await parse(text, 'raw_http.mjs');
    const [post] = p.view.requests;
    const beta = post.headers.find((h) => h.name === 'anthropic-beta')!;
    const out = await rewrite(p, text, 'raw_http.mjs', [
      { kind: 'remove-field', container: post.params, field: field(post.params, 'temperature')! },
      { kind: 'remove-field', container: beta.container!, field: beta.field! },
      { kind: 'set-value', value: field(post.params, 'model')!.value, path: ['model'], to: 'claude-haiku-4-5' },
    ]);
    expect(out).toBe(text.replace('      temperature: 0.5,\n', '').replace('      "anthropic-beta": "token-efficient-tools-2025-02-19",\n', '').replace('"claude-3-5-haiku-20241022"', '"claude-haiku-4-5"'));

    const cjsText = read(JS_DIR, 'cjs_client.cjs');
    const cjs = await parse(cjsText, 'cjs_client.cjs');
    const [req] = cjs.view.requests;
    const cjsOut = await rewrite(cjs, cjsText, 'cjs_client.cjs', [
      { kind: 'remove-field', container: req.params, field: field(req.params, 'temperature')! },
      { kind: 'set-value', value: field(req.params, 'model')!.value, path: ['model'], to: 'claude-opus-4-8' },
      { kind: 'add-field', container: req.params, path: ['thinking'], key: 'thinking', to: { type: 'adaptive' } },
    ]);
    expect(cjsOut).toBe(cjsText
      .replace("process.env.MODEL || 'claude-3-opus-20240229'", "process.env.MODEL || 'claude-opus-4-8'")
      .replace('    temperature: 0,\n', '')
      .replace('    messages,\n  });', "    messages,\n    thinking: { type: 'adaptive' },\n  });"));
  });

  it('moved multi-line code is re-indented; joined onto one line only inside an inline object', async () => {
    const text = [
      "import Anthropic from '@anthropic-ai/sdk';",
      'const client = new Anthropic();',
      'await client.beta.messages.create({',
      "  model: 'claude-opus-4-8',",
      '  max_tokens: 1024,',
      '  output_format: {',
      "    type: 'json_schema',",
      "    schema: { type: 'object' },",
      '  },',
      '  output_config: { effort: \'low\' },',
      '  messages: [],',
      '});',
      '',
    ].join('\n');
    const p = await parse(text, 'moved.ts');
    const [req] = p.view.requests;
    const moved = { $code: field(req.params, 'output_format')!.value.text };
    const out = await rewrite(p, text, 'moved.ts', [{ kind: 'add-field', container: req.params, path: ['extra'], key: 'extra', to: { format: moved } }]);
    expect(out).toContain("  messages: [],\n  extra: {\n    format: {\n      type: 'json_schema',\n      schema: { type: 'object' },\n    },\n  },\n});");
    const oc = field(req.params, 'output_config')!.value;
    const inline = await rewrite(p, text, 'moved.ts', [{ kind: 'add-field', container: oc, path: ['output_config', 'format'], key: 'format', to: moved }]);
    expect(inline).toContain("  output_config: { effort: 'low', format: { type: 'json_schema', schema: { type: 'object' } } },");
  });

  it('literals added to an un-annotated params object get `as const` in TS (not in JS, not in call arguments)', async () => {
    const body = "const params = {\n  model: 'claude-sonnet-4-6',\n  max_tokens: 256,\n  thinking: { type: 'enabled', budget_tokens: 1024 },\n  messages: [],\n};\nawait client.messages.create(params);\n";
    const head = "import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\n";
    for (const [path, suffix] of [['untyped.ts', ' as const'], ['untyped.mjs', '']] as const) {
      const text = head + body;
      const p = await parse(text, path);
      const [req] = p.view.requests;
      const out = await rewrite(p, text, path, [
        { kind: 'add-field', container: req.params, path: ['output_config'], key: 'output_config', to: { effort: 'medium' } },
        { kind: 'set-value', value: field(req.params, 'thinking')!.value, path: ['thinking'], to: { type: 'adaptive' } },
      ]);
      expect(out).toContain(`  output_config: { effort: 'medium'${suffix} },`);
      expect(out).toContain(`  thinking: { type: 'adaptive'${suffix} },`);
    }
    const typed = head + body.replace('const params = {', 'const params: Anthropic.MessageCreateParamsNonStreaming = {');
    const p = await parse(typed, 'typed.ts');
    const out = await rewrite(p, typed, 'typed.ts', [{ kind: 'add-field', container: p.view.requests[0].params, path: ['output_config'], key: 'output_config', to: { effort: 'medium' } }]);
    expect(out).toContain("  output_config: { effort: 'medium' },");
  });

  it('remove-definition between blank lines leaves one blank line', async () => {
    const text = "import Anthropic from '@anthropic-ai/sdk';\n\nconst BUDGET = 4096;\n\nconst client = new Anthropic();\nawait client.messages.create({ model: 'claude-opus-4-6', max_tokens: 8000, thinking: { type: 'enabled', budget_tokens: BUDGET }, messages: [] });\n";
    const p = await parse(text, 'budget.ts');
    const budget = field(field(p.view.requests[0].params, 'thinking')!.value, 'budget_tokens')!.value;
    const out = await rewrite(p, text, 'budget.ts', [{ kind: 'remove-definition', value: budget }]);
    expect(out.startsWith("import Anthropic from '@anthropic-ai/sdk';\n\nconst client = new Anthropic();\n")).toBe(true);
  });

  it('rename-call refuses when beta types are named at the call', async () => {
    const text = `import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\nconst params: Anthropic.Beta.MessageCreateParamsNonStreaming = { model: 'claude-sonnet-4-5', max_tokens: 1, messages: [] };\nconst msg = await client.beta.messages.create(params);\n`;
    const p = await parse(text, 'typed.ts');
    expect(refusal(p, { kind: 'rename-call', request: p.view.requests[0] })).toMatch(/beta types/);
  });
});

describe('toolchain', () => {
  it('rewritten TS outputs type-check against @anthropic-ai/sdk 1.12.0 (one batched tsc run)', () => {
    expect(typeCheck.size, 'the round-trip tests above must run first').toBeGreaterThanOrEqual(3);
    const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
    if (spawnSync(tsc, ['--version']).status !== 0) {
      console.warn('tsc not available: TypeScript type-check skipped');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'cm-tsc-'));
    try {
      const files = [...typeCheck.keys()];
      for (const [name, text] of typeCheck) writeFileSync(join(dir, name), text);
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(ROOT, 'fixtures', 'typescript', '_tsc', 'tsconfig.base.json'), files }));
      const r = spawnSync(tsc, ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
      expect(`${r.stdout}${r.stderr}`).toBe('');
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('TypeScript scope walk', () => {
  it('gives every node the parent the compiler would give it (the adapter parses without parent pointers)', async () => {
    const { parseSource, ts } = await import('../../src/languages/typescript/syntax.js');
    const { collectScopes } = await import('../../src/languages/typescript/scope.js');
    const text = [
      "import Anthropic, { type ClientOptions as Options } from '@anthropic-ai/sdk';",
      "import fs = require('node:fs');",
      'const client = new Anthropic();',
      'export enum Mode { Fast = 1, Slow }',
      'declare module "m" { export const x: number; }',
      'namespace N { export function f<T>(a: T, { b = 1, ...c }: { b?: number }, ...[d]: number[]): T { return a; } }',
      'export class Store<K extends string> { #items = new Map<K, number>(); static { Store.n = 1; } get size() { return this.#items.size; } @dec m() {} }',
      'try { JSON.parse("x"); } catch ({ message }) { console.log(message); } finally { }',
      'try { client.messages.create({ model: "claude-opus-4-8", max_tokens: 1, messages: [] }); } catch (err) { throw err; }',
      'label: for (const [k, v] of Object.entries({ a: 1 })) { if (k) continue label; switch (v) { case 1: break; default: } }',
      'const t = tag`a ${1} b ${`c ${2}`}`; const o = { [`k`]: 1, m() {}, get g() { return 1; }, async *gen() { yield 1; } };',
      'export default (x?: number) => x ?? (x as number)! satisfies number;',
    ].join('\n');
    const reference = parseSource(text, 'a.ts', true);
    const bare = parseSource(text, 'a.ts', false);
    collectScopes(bare);
    let compared = 0;
    const walk = (a: import('ts-morph').ts.Node, b: import('ts-morph').ts.Node): void => {
      expect(b.kind).toBe(a.kind);
      if (a.parent) {
        expect(b.parent?.kind).toBe(a.parent.kind);
        expect(b.parent?.pos).toBe(a.parent.pos);
        compared++;
      }
      const ac: import('ts-morph').ts.Node[] = [];
      const bc: import('ts-morph').ts.Node[] = [];
      ts.forEachChild(a, (n) => void ac.push(n));
      ts.forEachChild(b, (n) => void bc.push(n));
      expect(bc.length).toBe(ac.length);
      ac.forEach((n, i) => walk(n, bc[i]));
    };
    walk(reference, bare);
    expect(compared).toBeGreaterThan(200);
  });
});
