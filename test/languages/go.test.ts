import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { adapter } from '../../src/languages/go/adapter.js';
import { modelIdFromConstant, MODEL_CONSTANTS, MODEL_CONSTANT_EXCEPTIONS, enumValueFromConstant, constantForModelId } from '../../src/languages/go/sdk.js';
import { applyTextEdits } from '../../src/languages/edit-helpers.js';
import type { EditIntent, FieldView, ParsedFile, Range, RequestView, TextEdit, ValueView } from '../../src/languages/types.js';
import { toolchainError } from '../support/toolchains.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'go', '_requests');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

const open: ParsedFile[] = [];
afterEach(() => {
  while (open.length) open.pop()!.dispose();
});
async function parse(text: string): Promise<ParsedFile> {
  const p = await adapter.parse(text, 'x.go');
  open.push(p);
  return p;
}

const slice = (text: string, r: Range | undefined) => (r ? text.slice(r.start, r.end) : undefined);
const field = (v: ValueView | undefined, key: string): FieldView | undefined => v?.fields?.find((f) => f.key === key);

const hasGofmt = spawnSync('sh', ['-c', 'command -v gofmt']).status === 0;
if (!hasGofmt) console.warn('gofmt not on PATH: Go toolchain checks skipped');
function gofmtList(text: string): string {
  // gofmt -l prints the file name when formatting differs; reads stdin when given no file.
  const r = spawnSync('gofmt', ['-l'], { input: text });
  return r.stdout.toString().trim();
}

/** Render intents, apply them, and check the result: bytes outside edits unchanged, re-parse clean, gofmt -e ok. */
async function rewrite(p: ParsedFile, text: string, intents: EditIntent[]): Promise<string> {
  const edits: TextEdit[] = [];
  for (const intent of intents) {
    const r = p.render(intent);
    if ('refused' in r) throw new Error(`refused ${intent.kind}: ${r.refused}`);
    edits.push(...r.edits);
  }
  const out = applyTextEdits(text, edits);
  // Bytes before the first edit and after the last are untouched.
  const first = Math.min(...edits.map((e) => e.start));
  const last = Math.max(...edits.map((e) => e.end));
  expect(out.slice(0, first)).toBe(text.slice(0, first));
  expect(out.slice(out.length - (text.length - last))).toBe(text.slice(last));
  expect(await adapter.countSyntaxErrors(out, 'x.go')).toBe(0);
  expect(toolchainError('go', out)).toBeUndefined();
  return out;
}

describe('Go model constants', () => {
  it('derives every SDK-published constant from its name, except the dotted pre-Claude-3 IDs', () => {
    for (const [name, id] of Object.entries(MODEL_CONSTANTS)) {
      if (MODEL_CONSTANT_EXCEPTIONS.includes(name)) continue;
      // Strip the table: the rule alone must give the SDK's value.
      const derived = name.replace(/^Model/, '').split(/_+/).flatMap((p) => p.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((w) => w.toLowerCase()).join('-');
      expect(derived, name).toBe(id);
    }
    expect(modelIdFromConstant('ModelClaudeOpus5_2')).toBe('claude-opus-5-2'); // a future constant, by rule
    expect(modelIdFromConstant('ModelClaude_2_1')).toBe('claude-2.1');
    expect(modelIdFromConstant('MaxTokens')).toBeUndefined();
  });
  it('maps enum constants to wire values', () => {
    expect(enumValueFromConstant('StopReasonModelContextWindowExceeded')).toBe('model_context_window_exceeded');
    expect(enumValueFromConstant('OutputConfigEffortXhigh')).toBe('xhigh');
    expect(enumValueFromConstant('AnthropicBetaOutput128k2025_02_19')).toBe('output-128k-2025-02-19');
    expect(enumValueFromConstant('AnthropicBetaMCPClient2025_04_04')).toBe('mcp-client-2025-04-04');
    expect(enumValueFromConstant('AnthropicBetaPDFs2024_09_25')).toBe('pdfs-2024-09-25');
    expect(enumValueFromConstant('MessageParamRoleAssistant')).toBe('assistant');
  });
  it('writes only constants the current SDK has', () => {
    expect(constantForModelId('claude-opus-4-8')).toBe('ModelClaudeOpus4_8');
    expect(constantForModelId('claude-3-5-sonnet-20241022')).toBeUndefined(); // removed from the SDK
  });
});

describe('Go request views', () => {
  it('struct literal params with a model constant, optional wrappers and ThinkingConfigParamOfEnabled', async () => {
    const text = read('basic.go');
    const p = await parse(text);
    expect(p.view.syntaxErrors).toBe(0);
    expect(p.view.clients).toHaveLength(1);
    expect(p.view.clients[0]).toMatchObject({ platform: 'first-party', constructor: 'anthropic.NewClient' });
    const [req] = p.view.requests;
    expect(req).toMatchObject({ language: 'go', kind: 'sdk-call', method: 'create', beta: false, platform: 'first-party', streaming: false });
    expect(slice(text, req.callee)).toBe('client.Messages.New');
    expect(slice(text, req.params.range)).toMatch(/^anthropic\.MessageNewParams\{\n\t\tModel: [\s\S]*\n\t\}$/);
    const model = field(req.params, 'model')!;
    expect(model.value).toMatchObject({ kind: 'reference', literal: 'claude-sonnet-4-5' });
    expect(slice(text, model.value.range)).toBe('anthropic.ModelClaudeSonnet4_5');
    const temp = field(req.params, 'temperature')!;
    expect(slice(text, temp.range)).toBe('Temperature: anthropic.Float(0.7)');
    expect(temp.value).toMatchObject({ kind: 'number', literal: 0.7 });
    const thinking = field(req.params, 'thinking')!;
    expect(thinking.value.typeName).toBe('ThinkingConfigParamOfEnabled');
    expect(field(thinking.value, 'type')).toMatchObject({ implicit: true, value: { literal: 'enabled' } });
    expect(field(thinking.value, 'budget_tokens')!.value.literal).toBe(2048);
    expect(slice(text, field(thinking.value, 'budget_tokens')!.range)).toBe('2048');
    const msgs = field(req.params, 'messages')!.value;
    expect(msgs.elements).toHaveLength(1);
    expect(field(msgs.elements![0], 'role')!.value.literal).toBe('user');
    // Client-level header from option.WithHeader on NewClient.
    expect(req.headers).toHaveLength(1);
    expect(req.headers[0]).toMatchObject({ name: 'anthropic-beta', scope: 'client', value: { literal: 'interleaved-thinking-2025-05-14' } });
    expect(slice(text, req.headers[0].range)).toBe('option.WithHeader("anthropic-beta", "interleaved-thinking-2025-05-14")');
    // Response uses.
    const thinkingReads = p.view.responseUses.filter((u) => u.kind === 'thinking-text');
    expect(thinkingReads.map((u) => slice(text, u.range))).toEqual(['variant.Thinking']);
    const stops = p.view.responseUses.filter((u) => u.kind === 'stop-reason');
    expect(stops).toHaveLength(1);
    expect(stops[0].values).toEqual(['end_turn', 'max_tokens']);
    expect(slice(text, stops[0].range)).toMatch(/^switch message\.StopReason \{/);
  });

  it('params built in a variable, constants resolved with via, union thinking, if/else-if stop reasons', async () => {
    const text = read('params_var.go');
    const p = await parse(text);
    const [req] = p.view.requests;
    expect(req.platform).toBe('unknown'); // a struct field typed anthropic.Client: platform not determinable
    expect(slice(text, req.callee)).toBe('a.client.Messages.New');
    expect(req.params.via).toMatchObject({ name: 'params', references: 1 });
    const model = field(req.params, 'model')!.value;
    expect(model).toMatchObject({ kind: 'string', literal: 'claude-opus-4-5' });
    expect(model.via).toMatchObject({ name: 'defaultModel', references: 1 });
    expect(slice(text, model.via!.definitionRange)).toBe('defaultModel = "claude-opus-4-5"');
    const thinking = field(req.params, 'thinking')!.value;
    expect(field(thinking, 'type')!.value.literal).toBe('enabled');
    const budget = field(thinking, 'budget_tokens')!;
    expect(slice(text, budget.range)).toBe('BudgetTokens: thinkingBudget');
    expect(budget.value).toMatchObject({ literal: 8000, via: { name: 'thinkingBudget', references: 1 } });
    expect(slice(text, field(req.params, 'top_p')!.range)).toBe('TopP:      anthropic.Float(0.9)');
    const last = field(req.params, 'messages')!.value.elements!.at(-1)!;
    expect(field(last, 'role')!.value.literal).toBe('assistant');
    expect(field(last, 'content')!.value.elements![0].fields!.find((f) => f.key === 'text')!.value.literal).toBe('{');
    const stops = p.view.responseUses.filter((u) => u.kind === 'stop-reason');
    expect(stops).toHaveLength(1);
    expect(stops[0].values).toEqual(['end_turn', 'max_tokens']);
    expect(p.contextAt(text.indexOf('claude-opus-4-5')).requestModel).toBe(true);
  });

  it('beta streaming on a Bedrock Mantle client with betas and a request header', async () => {
    const text = read('beta_stream.go');
    const p = await parse(text);
    expect(p.view.clients[0]).toMatchObject({ platform: 'bedrock', constructor: 'bedrock.NewMantleClient' });
    const [req] = p.view.requests;
    expect(req).toMatchObject({ method: 'stream', beta: true, platform: 'bedrock', streaming: true });
    expect(slice(text, req.callee)).toBe('client.Beta.Messages.NewStreaming');
    const betas = field(req.params, 'betas')!.value;
    expect(betas.elements!.map((e) => e.literal)).toEqual(['interleaved-thinking-2025-05-14', 'effort-2025-11-24']);
    expect(betas.elements!.map((e) => slice(text, e.range))).toEqual(['anthropic.AnthropicBetaInterleavedThinking2025_05_14', '"effort-2025-11-24"']);
    expect(req.headers).toHaveLength(1);
    expect(req.headers[0]).toMatchObject({ scope: 'request', value: { literal: 'fine-grained-tool-streaming-2025-05-14' } });
    expect(field(req.params, 'model')!.value.literal).toBe('anthropic.claude-opus-4-6');
  });

  it('one request per batch Params literal; tools unwrapped from ToolUnionParam; other providers ignored', async () => {
    const text = read('batch_tools.go');
    const p = await parse(text);
    expect(p.view.clients[0]).toMatchObject({ platform: 'aws', constructor: 'anthropicaws.NewClient' });
    expect(p.view.requests).toHaveLength(1);
    const [req] = p.view.requests;
    expect(req).toMatchObject({ method: 'batch', platform: 'aws' });
    expect(slice(text, req.range)).toMatch(/^anthropic\.MessageBatchNewParamsRequestParams\{/);
    expect(field(req.params, 'model')!.value.literal).toBe('claude-3-5-sonnet-20241022');
    expect(field(req.params, 'top_k')!.value.literal).toBe(5);
    const tools = field(req.params, 'tools')!.value;
    expect(tools.via?.name).toBe('tools');
    expect(field(tools.elements![0], 'type')!.value.literal).toBe('text_editor_20250124');
    expect(field(tools.elements![1], 'name')!.value.literal).toBe('lookup');
    expect(p.view.tools.map((t) => slice(text, t.range))).toEqual(['anthropic.ToolTextEditor20250124Param{}', expect.stringMatching(/^anthropic\.ToolParam\{/)]);
    // The OpenAI request's temperature is in no RequestView.
    const all = JSON.stringify(p.view.requests.map((r) => r.params.fields?.map((f) => f.key)));
    expect(all).not.toContain('temperature');
  });

  it('raw HTTP: http.NewRequest to /v1/messages with a json.Marshal-ed map body and Header.Set headers', async () => {
    const text = read('raw_http.go');
    const p = await parse(text);
    const [req] = p.view.requests;
    expect(req).toMatchObject({ kind: 'http', method: 'create', streaming: false });
    expect(slice(text, req.range)).toBe('http.NewRequest("POST", apiURL, bytes.NewReader(body))');
    expect(field(req.params, 'model')!.value.literal).toBe('claude-3-7-sonnet-20250219');
    expect(slice(text, field(req.params, 'temperature')!.range)).toBe('"temperature": 0.5');
    expect(field(field(req.params, 'messages')!.value.elements![0], 'role')!.value.literal).toBe('user');
    const beta = req.headers.find((h) => h.name === 'anthropic-beta')!;
    expect(beta.value.literal).toBe('output-128k-2025-02-19');
    expect(p.contextAt(text.indexOf('claude-3-7')).requestModel).toBe(true);
    const out = await rewrite(p, text, [
      { kind: 'remove-field', container: req.params, field: field(req.params, 'temperature')! },
      { kind: 'add-field', container: req.params, path: ['thinking'], key: 'thinking', to: { type: 'adaptive' } },
    ]);
    expect(out).toContain(`payload := map[string]any{
		"model":      "claude-3-7-sonnet-20250219",
		"max_tokens": 1024,
		"messages": []map[string]any{
			{"role": "user", "content": "Hello"},
		},
		"thinking": map[string]any{"type": "adaptive"},
	}`);
    if (hasGofmt) expect(gofmtList(out)).toBe('');
  });

  it('ignores look-alikes: a non-SDK file and a receiver that is not an Anthropic client', async () => {
    const text = `package main

import "example.com/mail"

func send(box *mail.Box) {
	box.Messages.New(ctx, mail.Params{Model: "claude-opus-4-6", Temperature: 1})
}
`;
    const p = await parse(text);
    expect(p.view.requests).toHaveLength(0);
    expect(p.view.clients).toHaveLength(0);
    expect(p.view.responseUses).toHaveLength(0);
    expect(p.view.strings.map((s) => s.value)).toContain('claude-opus-4-6');
  });
});

describe('Go contextAt', () => {
  it('classifies const-group enums, slices, maps, gates, switch cases and asserts', async () => {
    const text = read('registry.go');
    const p = await parse(text);
    const at = (needle: string, nth = 0) => {
      let i = -1;
      for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
      return i;
    };
    const enumCtx = p.contextAt(at('claude-opus-4-6'));
    expect(enumCtx).toMatchObject({ inString: true, inComment: false, collection: { kind: 'enum', entries: 2 } });
    expect(slice(text, enumCtx.collection!.entry)).toBe('ModelOpus46   Model = "claude-opus-4-6"');
    const list = p.contextAt(at('claude-opus-4-6', 1));
    expect(list.collection).toMatchObject({ kind: 'list', entries: 2 });
    expect(slice(text, list.collection!.entry)).toBe('"claude-opus-4-6"');
    const map = p.contextAt(at('claude-opus-4-6', 2));
    expect(map.collection).toMatchObject({ kind: 'map', entries: 1, inKey: true });
    expect(slice(text, map.collection!.entry)).toBe('"claude-opus-4-6": 15.0');
    expect(slice(text, p.contextAt(at('"opus-4-6"') + 1).gate)).toBe('strings.Contains(m, "opus-4-6")');
    expect(slice(text, p.contextAt(at('claude-sonnet-4-6')).gate)).toBe('m == "claude-sonnet-4-6"');
    const sw = p.contextAt(at('claude-opus-4-6', 3));
    expect(sw.collection).toMatchObject({ kind: 'switch', entries: 2 });
    expect(slice(text, p.contextAt(at('claude-opus-4-6', 4)).assert)).toBe('assert.Contains(t, supported, "claude-opus-4-6")');
    const comment = await parse('package x\n\n// uses claude-opus-4-6\nvar x = 1\n');
    expect(comment.contextAt(comment.view.comments[0].start + 8)).toMatchObject({ inComment: true });
  });
});

describe('Go rendering', () => {
  it('thinking → adaptive, add output_config, remove temperature, model constant swap (gofmt-clean)', async () => {
    const text = read('basic.go');
    const p = await parse(text);
    const req = p.view.requests[0];
    const out = await rewrite(p, text, [
      { kind: 'set-value', value: field(req.params, 'thinking')!.value, path: ['thinking'], to: { type: 'adaptive' } },
      { kind: 'add-field', container: req.params, path: ['output_config'], key: 'output_config', to: { effort: 'high' } },
      { kind: 'remove-field', container: req.params, field: field(req.params, 'temperature')! },
      { kind: 'set-value', value: field(req.params, 'model')!.value, path: ['model'], to: 'claude-opus-4-8' },
    ]);
    expect(out).toContain(`anthropic.MessageNewParams{
		Model:     anthropic.ModelClaudeOpus4_8,
		MaxTokens: 16000,
		Thinking:  anthropic.ThinkingConfigParamUnion{OfAdaptive: &anthropic.ThinkingConfigAdaptiveParam{}},
		Messages: []anthropic.MessageParam{
			anthropic.NewUserMessage(anthropic.NewTextBlock("What is a quaternion?")),
		},
		OutputConfig: anthropic.OutputConfigParam{Effort: anthropic.OutputConfigEffortHigh},
	})`);
    if (hasGofmt) {
      expect(gofmtList(text)).toBe(''); // the fixture is gofmt-clean…
      expect(gofmtList(out)).toBe(''); // …and so is the rewrite (re-aligned after Temperature went)
    }
  });

  it('model IDs without an SDK constant are written as string literals; string literals stay strings', async () => {
    const text = read('basic.go');
    const p = await parse(text);
    const model = field(p.view.requests[0].params, 'model')!.value;
    const out = await rewrite(p, text, [{ kind: 'set-value', value: model, path: ['model'], to: 'claude-opus-9-9' }]);
    expect(out).toContain('Model:       "claude-opus-9-9",');
    const q = await parse(read('params_var.go'));
    const viaModel = field(q.view.requests[0].params, 'model')!.value;
    const out2 = await rewrite(q, read('params_var.go'), [{ kind: 'set-value', value: viaModel, path: ['model'], to: 'claude-opus-4-8' }]);
    expect(out2).toContain('const defaultModel = "claude-opus-4-8"');
  });

  it('adds display into an adaptive config, removes a budget constant definition, removes top_p with its comment', async () => {
    const text = read('params_var.go');
    const p = await parse(text);
    const req = p.view.requests[0];
    const budget = field(field(req.params, 'thinking')!.value, 'budget_tokens')!;
    const out = await rewrite(p, text, [
      { kind: 'set-value', value: field(req.params, 'thinking')!.value, path: ['thinking'], to: { type: 'adaptive', display: 'summarized' } },
      { kind: 'remove-definition', value: budget.value },
      { kind: 'remove-field', container: req.params, field: field(req.params, 'top_p')! },
    ]);
    expect(out).not.toContain('thinkingBudget');
    expect(out).not.toContain('TopP');
    expect(out).toContain('\t\tThinking:  anthropic.ThinkingConfigParamUnion{OfAdaptive: &anthropic.ThinkingConfigAdaptiveParam{Display: anthropic.ThinkingConfigAdaptiveDisplaySummarized}},\n');
    expect(out).toContain('const defaultModel = "claude-opus-4-5"\n\ntype Agent');
    if (hasGofmt) expect(gofmtList(out)).toBe('');

    // add-field into the adaptive object of the rewritten file (next pass).
    const q = await parse(out.replace(/\{Display: [^}]+\}/, '{}'));
    const thinking2 = field(q.view.requests[0].params, 'thinking')!.value;
    expect(field(thinking2, 'type')!.value.literal).toBe('adaptive');
    const src2 = out.replace(/\{Display: [^}]+\}/, '{}');
    const out2 = await rewrite(q, src2, [{ kind: 'add-field', container: thinking2, path: ['thinking', 'display'], key: 'display', to: 'summarized' }]);
    expect(out2).toContain('&anthropic.ThinkingConfigAdaptiveParam{Display: anthropic.ThinkingConfigAdaptiveDisplaySummarized}');
  });

  it('prefill: removes the trailing assistant message and replaces it with a user turn', async () => {
    const text = read('params_var.go');
    const p = await parse(text);
    const messages = field(p.view.requests[0].params, 'messages')!.value;
    const last = messages.elements!.at(-1)!;
    const removed = await rewrite(p, text, [{ kind: 'remove-element', array: messages, element: last }]);
    expect(removed).not.toContain('NewAssistantMessage');
    expect(removed).toContain('anthropic.NewUserMessage(anthropic.NewTextBlock(prompt)),\n\t\t},');
    const replaced = await rewrite(p, text, [{ kind: 'set-value', value: last, path: ['messages', '*'], to: { role: 'user', content: 'Continue from `{`.' } }]);
    expect(replaced).toContain('anthropic.NewUserMessage(anthropic.NewTextBlock("Continue from `{`.")),');
  });

  it('beta: removes a beta element and a request header option, adds Beta-typed output_config, refuses rename while Beta types remain', async () => {
    const text = read('beta_stream.go');
    const p = await parse(text);
    const req = p.view.requests[0];
    const betas = field(req.params, 'betas')!;
    const out = await rewrite(p, text, [
      { kind: 'remove-element', array: betas.value, element: betas.value.elements![1] },
      { kind: 'remove-field', container: req.headers[0].container!, field: req.headers[0].field! },
      { kind: 'add-field', container: req.params, path: ['output_config'], key: 'output_config', to: { effort: 'high' } },
    ]);
    expect(out).toContain('Betas: []anthropic.AnthropicBeta{\n\t\t\tanthropic.AnthropicBetaInterleavedThinking2025_05_14,\n\t\t},');
    expect(out).toContain('\t})\n\tfor stream.Next()');
    expect(out).toContain('OutputConfig: anthropic.BetaOutputConfigParam{Effort: anthropic.BetaOutputConfigEffortHigh},');
    const r = p.render({ kind: 'rename-call', request: req });
    expect('refused' in r && r.refused).toMatch(/Beta/);
  });

  it('rename-call drops .Beta and renames the params type when nothing else is beta-typed', async () => {
    const text = `package main

import (
	"context"

	"github.com/anthropics/anthropic-sdk-go"
)

func run(ctx context.Context, client anthropic.Client) {
	_, _ = client.Beta.Messages.New(ctx, anthropic.BetaMessageNewParams{
		Model:     anthropic.ModelClaudeOpus4_6,
		MaxTokens: 1024,
	})
}
`;
    const p = await parse(text);
    const out = await rewrite(p, text, [{ kind: 'rename-call', request: p.view.requests[0] }]);
    expect(out).toContain('client.Messages.New(ctx, anthropic.MessageNewParams{');
  });

  it('insert-comment and add-alongside (list, map, enum, switch, gate, assert)', async () => {
    const text = read('registry.go');
    const p = await parse(text);
    const nth = (needle: string, n: number) => {
      let i = -1;
      for (let k = 0; k <= n; k++) i = text.indexOf(needle, i + 1);
      return i;
    };
    const along = (at: number, from = 'claude-opus-4-6', to = 'claude-opus-4-8'): EditIntent => ({ kind: 'add-alongside', at, from, to });
    const out = await rewrite(p, text, [
      along(nth('claude-opus-4-6', 0)),
      along(nth('claude-opus-4-6', 1)),
      along(nth('claude-opus-4-6', 2)),
      along(nth('opus-4-6"', 3), 'opus-4-6', 'opus-4-8'),
      along(nth('claude-opus-4-6', 3)),
      along(nth('claude-opus-4-6', 4)),
      { kind: 'insert-comment', at: nth('return 64000', 0), text: 'claude-migrate: check the new model limit' },
    ]);
    expect(out).toContain('\tModelOpus46   Model = "claude-opus-4-6"\n\tModelOpus48   Model = "claude-opus-4-8"\n');
    expect(out).toContain('\t"claude-opus-4-6",\n\t"claude-opus-4-8",\n\t"claude-sonnet-4-5",');
    expect(out).toContain('\t"claude-opus-4-6": 15.0,\n\t"claude-opus-4-8": 15.0,\n');
    expect(out).toContain('return strings.Contains(m, "opus-4-6") || strings.Contains(m, "opus-4-8") || m == "claude-sonnet-4-6"');
    expect(out).toContain('case "claude-opus-4-6", "claude-opus-4-8":');
    expect(out).toContain('\tassert.Contains(t, supported, "claude-opus-4-6")\n\tassert.Contains(t, supported, "claude-opus-4-8")\n');
    expect(out).toContain('\t\t// claude-migrate: check the new model limit\n\t\treturn 64000');
    expect(p.render({ kind: 'add-alongside', at: text.indexOf('package'), from: 'package', to: 'x' })).toHaveProperty('refused');
  });

  it('tool-version: swaps the tool struct and the union field that holds it, through a variable too', async () => {
    const text = read('batch_tools.go');
    const p = await parse(text);
    const toolType = field(field(p.view.requests[0].params, 'tools')!.value.elements![0], 'type')!;
    expect(toolType.value.literal).toBe('text_editor_20250124');
    const out = await rewrite(p, text, [{ kind: 'set-value', value: toolType.value, path: ['tools', '*', 'type'], to: 'text_editor_20250728' }]);
    expect(out).toContain('editor := anthropic.ToolTextEditor20250728Param{}\n\ttools := []anthropic.ToolUnionParam{\n\t\t{OfTextEditor20250728: &editor},');
    // A struct also named as a type elsewhere would not follow: refused.
    const typed = text.replace('editor := anthropic.ToolTextEditor20250124Param{}', 'var editor anthropic.ToolTextEditor20250124Param = anthropic.ToolTextEditor20250124Param{}');
    const q = await parse(typed);
    const t2 = field(field(q.view.requests[0].params, 'tools')!.value.elements![0], 'type')!;
    expect(q.render({ kind: 'set-value', value: t2.value, path: ['tools', '*', 'type'], to: 'text_editor_20250728' })).toHaveProperty('refused');
  });

  it('raw HTTP: a Header.Set header is a field of its function body and is removed with its line', async () => {
    const text = read('raw_http.go');
    const p = await parse(text);
    const beta = p.view.requests[0].headers.find((h) => h.name === 'anthropic-beta')!;
    expect(slice(text, beta.field!.range)).toBe('req.Header.Set("anthropic-beta", "output-128k-2025-02-19")');
    const out = await rewrite(p, text, [{ kind: 'remove-field', container: beta.container!, field: beta.field! }]);
    expect(out).toContain('\treq.Header.Set("anthropic-version", "2023-06-01")\n\treturn http.DefaultClient.Do(req)');
  });

  it('tool objects inside a raw-HTTP body are tools', async () => {
    const text = read('raw_http.go').replace('"temperature": 0.5,', '"tools": []map[string]any{{"type": "text_editor_20250124", "name": "str_replace_editor"}},');
    const p = await parse(text);
    expect(p.view.tools.map((t) => field(t, 'type')!.value.literal)).toEqual(['text_editor_20250124']);
  });

  it('rename-call moves Beta types written inside the call to their non-beta twins', async () => {
    const text = `package main

import (
	"context"

	"github.com/anthropics/anthropic-sdk-go"
)

func run(client anthropic.Client) {
	msg, _ := client.Beta.Messages.New(context.TODO(), anthropic.BetaMessageNewParams{
		Model:     "claude-opus-4-8",
		MaxTokens: 1024,
		Messages: []anthropic.BetaMessageParam{
			anthropic.NewBetaUserMessage(anthropic.NewBetaTextBlock("Hi")),
		},
	})
	_ = msg
}
`;
    const p = await parse(text);
    const out = await rewrite(p, text, [{ kind: 'rename-call', request: p.view.requests[0] }]);
    expect(out).toContain('client.Messages.New(context.TODO(), anthropic.MessageNewParams{');
    expect(out).toContain('Messages: []anthropic.MessageParam{\n\t\t\tanthropic.NewUserMessage(anthropic.NewTextBlock("Hi")),');
    // A Beta type outside the call (a result type) would not follow: refused.
    const q = await parse(text.replace('func run(client anthropic.Client) {', 'func run(client anthropic.Client) *anthropic.BetaMessage {').replace('\t_ = msg\n', '\treturn msg\n'));
    expect(q.render({ kind: 'rename-call', request: q.view.requests[0] })).toHaveProperty('refused');
  });

  it('refuses what it cannot write safely', async () => {
    const text = read('batch_tools.go');
    const p = await parse(text);
    const req: RequestView = p.view.requests[0];
    const toolType = field(field(req.params, 'tools')!.value.elements![0], 'type')!;
    // A tool type implied by its struct cannot be removed, nor swapped for a tool family the SDK struct does not have.
    expect(p.render({ kind: 'set-value', value: toolType.value, path: ['tools', '*', 'type'], to: 'bash_20250728' })).toHaveProperty('refused');
    expect(p.render({ kind: 'set-value', value: toolType.value, path: ['tools', '*', 'type'], to: 'text_editor_20991231' })).toHaveProperty('refused');
    expect(p.render({ kind: 'remove-field', container: req.params, field: toolType })).toHaveProperty('refused');
    expect(p.render({ kind: 'add-field', container: req.params, path: ['fallbacks'], key: 'fallbacks', to: [{ model: 'claude-opus-4-6' }] })).toHaveProperty('refused');
  });
});
