// C# adapter tests. No dotnet toolchain is available offline (and the SDK package is not either), so a
// rewrite is verified by the exact expected text and a clean tree-sitter re-parse only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adapter } from '../../src/languages/csharp/adapter.js';
import { constantForModelId, enumValue, modelIdFromConstant, typeFromClass } from '../../src/languages/csharp/sdk.js';
import { applyTextEdits } from '../../src/languages/edit-helpers.js';
import type { EditIntent, FieldView, ParsedFile, Range, TextEdit, ValueView } from '../../src/languages/types.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'csharp', '_requests');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

const open: ParsedFile[] = [];
afterEach(() => {
  while (open.length) open.pop()!.dispose();
});
async function parse(text: string): Promise<ParsedFile> {
  const p = await adapter.parse(text, 'X.cs');
  open.push(p);
  return p;
}
const slice = (text: string, r: Range | undefined) => (r ? text.slice(r.start, r.end) : undefined);
const field = (v: ValueView | undefined, key: string): FieldView | undefined => v?.fields?.find((f) => f.key === key);

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
  expect(await adapter.countSyntaxErrors(out, 'X.cs')).toBe(0);
  return out;
}

describe('C# SDK names', () => {
  it('maps Model / enum constants to wire values', () => {
    expect(modelIdFromConstant('Claude3_5Sonnet20241022')).toBe('claude-3-5-sonnet-20241022');
    expect(modelIdFromConstant('Claude_3_Opus_20240229')).toBe('claude-3-opus-20240229');
    expect(modelIdFromConstant('ClaudeHaiku4_5_20251001')).toBe('claude-haiku-4-5-20251001');
    expect(constantForModelId('claude-opus-4-8')).toBe('ClaudeOpus4_8');
    expect(constantForModelId('claude-3-5-sonnet-20241022')).toBeUndefined();
    expect(enumValue('StopReason', 'ModelContextWindowExceeded')).toBe('model_context_window_exceeded');
    expect(enumValue('AnthropicBeta', 'Output128k2025_02_19')).toBe('output-128k-2025-02-19');
    expect(typeFromClass('ToolTextEditor20250124')).toBe('text_editor_20250124');
    expect(typeFromClass('BetaThinkingConfigEnabled')).toBe('enabled');
  });
});

describe('C# request views', () => {
  it('an object-initialiser params local, const model, implicit thinking type, TryPick/Thinking reads, if/else-if stop reasons', async () => {
    const text = read('Basic.cs');
    const p = await parse(text);
    expect(p.view.syntaxErrors).toBe(0);
    expect(p.view.clients).toHaveLength(1);
    expect(p.view.clients[0]).toMatchObject({ platform: 'first-party', constructor: 'AnthropicClient' });
    const [req] = p.view.requests;
    expect(req).toMatchObject({ language: 'csharp', kind: 'sdk-call', method: 'create', beta: false, platform: 'first-party', streaming: false });
    expect(slice(text, req.callee)).toBe('_client.Messages.Create');
    expect(req.params).toMatchObject({ typeName: 'MessageCreateParams', via: { name: 'parameters', references: 1 } });
    expect(req.params.fields!.map((f) => f.key)).toEqual(['model', 'max_tokens', 'thinking', 'temperature', 'top_p', 'messages']);
    const model = field(req.params, 'model')!;
    expect(slice(text, model.range)).toBe('Model = ModelId');
    expect(model.value).toMatchObject({ kind: 'string', literal: 'claude-sonnet-4-5', via: { name: 'ModelId' } });
    const thinking = field(req.params, 'thinking')!.value;
    expect(thinking.typeName).toBe('ThinkingConfigEnabled');
    expect(field(thinking, 'type')).toMatchObject({ implicit: true, value: { literal: 'enabled' } });
    expect(slice(text, field(thinking, 'budget_tokens')!.range)).toBe('BudgetTokens = 2048');
    expect(slice(text, field(req.params, 'top_p')!.range)).toBe('TopP = 0.9');
    expect(field(field(req.params, 'messages')!.value.elements![0], 'role')!.value.literal).toBe('user');
    expect(p.view.responseUses.filter((u) => u.kind === 'thinking-text').map((u) => slice(text, u.range))).toEqual(['t.Thinking', 'block.TryPickThinking(out ThinkingBlock? t)']);
    const stops = p.view.responseUses.filter((u) => u.kind === 'stop-reason');
    expect(stops).toHaveLength(1);
    expect(stops[0].values).toEqual(['end_turn', 'max_tokens']);
  });

  it('beta streaming on Bedrock Mantle with Betas and a collection-expression prefill; switch-expression stop reasons', async () => {
    const text = read('BetaStreaming.cs');
    const p = await parse(text);
    expect(p.view.clients[0]).toMatchObject({ platform: 'bedrock', constructor: 'AnthropicBedrockMantleClient' });
    const [req] = p.view.requests;
    expect(req).toMatchObject({ method: 'stream', beta: true, platform: 'bedrock', streaming: true });
    expect(slice(text, req.callee)).toBe('client.Beta.Messages.CreateStreaming');
    expect(p.contextAt(text.indexOf('anthropic.claude-opus-4-6')).requestModel).toBe(true);
    expect(field(req.params, 'betas')!.value.elements!.map((e) => e.literal)).toEqual(['effort-2025-11-24', 'interleaved-thinking-2025-05-14']);
    const last = field(req.params, 'messages')!.value.elements!.at(-1)!;
    expect(slice(text, last.range)).toBe('new() { Role = Role.Assistant, Content = "{" }');
    expect(field(last, 'role')!.value.literal).toBe('assistant');
    expect(p.view.responseUses.find((u) => u.kind === 'stop-reason')!.values).toEqual(['refusal']);
  });

  it('batch Params through an interface-typed field, an HttpClient anonymous body; OpenAI options are ignored', async () => {
    const text = read('BatchHttp.cs');
    const p = await parse(text);
    expect(p.view.requests.map((r) => [r.kind, r.method, r.platform])).toEqual([['sdk-call', 'batch', 'unknown'], ['http', 'create', 'first-party']]);
    const [batch, http] = p.view.requests;
    expect(field(batch.params, 'model')!.value).toMatchObject({ kind: 'reference', literal: 'claude-3-5-sonnet-20241022' });
    expect(slice(text, field(batch.params, 'top_k')!.range)).toBe('TopK = 5');
    expect(slice(text, field(http.params, 'model')!.range)).toBe('model = "claude-opus-4-1"');
    expect(http.headers.map((h) => [h.name, h.value.literal])).toEqual([['anthropic-version', '2023-06-01'], ['anthropic-beta', 'output-128k-2025-02-19']]);
    expect(JSON.stringify(p.view.requests.map((r) => r.params.fields?.map((f) => f.key)))).not.toContain('temperature');
  });

  it('ignores look-alikes in files without the SDK', async () => {
    const p = await parse(`class X { async Task Run(Svc svc) { await svc.Messages.Create(new Req { Model = "claude-3-opus-20240229", Temperature = 0.5 }); } }`);
    expect(p.view.requests).toHaveLength(0);
  });
});

describe('C# rewrites', () => {
  it('set-value thinking, remove-field, add-field output_config (typed), insert-comment, remove-definition', async () => {
    const text = read('Basic.cs');
    const p = await parse(text);
    const [req] = p.view.requests;
    const out = await rewrite(p, text, [
      { kind: 'set-value', value: field(req.params, 'thinking')!.value, path: ['thinking'], to: { type: 'adaptive', display: 'summarized' } },
      { kind: 'remove-field', container: req.params, field: field(req.params, 'temperature')! },
      { kind: 'remove-field', container: req.params, field: field(req.params, 'top_p')! },
      { kind: 'add-field', container: req.params, path: ['output_config'], key: 'output_config', to: { effort: 'high' } },
      { kind: 'insert-comment', at: text.indexOf('var response'), text: 'claude-migrate: check the effort level' },
    ]);
    expect(out).toContain(`        var parameters = new MessageCreateParams
        {
            Model = ModelId,
            MaxTokens = 16000,
            Thinking = new ThinkingConfigAdaptive { Display = Display.Summarized },
            Messages = [new() { Role = Role.User, Content = prompt }],
            OutputConfig = new OutputConfig { Effort = Effort.High },
        };
        // claude-migrate: check the effort level
        var response = await _client.Messages.Create(parameters);`);

    const p2 = await parse(text);
    const r2 = p2.view.requests[0];
    const display = await rewrite(p2, text, [{ kind: 'add-field', container: field(r2.params, 'thinking')!.value, path: ['thinking', 'display'], key: 'display', to: 'summarized' }]);
    expect(display).toContain('Thinking = new ThinkingConfigEnabled { BudgetTokens = 2048, Display = ThinkingConfigEnabledDisplay.Summarized },');
    const gone = await rewrite(p2, text, [{ kind: 'remove-definition', value: field(r2.params, 'model')!.value }]);
    expect(gone).not.toContain('ModelId =');
  });

  it('remove-element / set-value of a prefill turn, remove-field Betas, then rename-call moves the using', async () => {
    const text = read('BetaStreaming.cs');
    const p = await parse(text);
    const [req] = p.view.requests;
    expect(p.render({ kind: 'rename-call', request: req })).toEqual({ refused: 'beta flags are still set on the request' });
    const msgs = field(req.params, 'messages')!.value;
    const turned = await rewrite(p, text, [{ kind: 'set-value', value: msgs.elements![1], path: ['messages', '*'], to: { role: 'user', content: 'Continue' } }]);
    expect(turned).toContain('        new() { Role = Role.User, Content = "Continue" },\n    ],');
    const out = await rewrite(p, text, [
      { kind: 'remove-field', container: req.params, field: field(req.params, 'betas')! },
      { kind: 'remove-element', array: msgs, element: msgs.elements![1] },
    ]);
    expect(out).toContain('    MaxTokens = 8192,\n    Messages =\n    [\n        new() { Role = Role.User, Content = "Give me JSON" },\n    ],\n};');
    const p2 = await parse(out);
    const renamed = await rewrite(p2, out, [{ kind: 'rename-call', request: p2.view.requests[0] }]);
    expect(renamed).toContain('using Anthropic.Models.Messages;\n');
    expect(renamed).toContain('await foreach (var ev in client.Messages.CreateStreaming(betaParams))');
  });

  it('removes an HttpClient header statement and refuses classes whose namespace is not visible', async () => {
    const text = read('BatchHttp.cs');
    const p = await parse(text);
    const http = p.view.requests[1];
    const beta = http.headers.find((h) => h.name === 'anthropic-beta')!;
    const out = await rewrite(p, text, [{ kind: 'remove-field', container: beta.container!, field: beta.field! }]);
    expect(out).toContain('        request.Headers.Add("anthropic-version", "2023-06-01");\n        request.Content = ');
    const bare = await parse(`using Anthropic;\nclass X { async Task Run(AnthropicClient c) { await c.Messages.Create(new() { MaxTokens = 10, Messages = [] }); } }`);
    const r = bare.render({ kind: 'add-field', container: bare.view.requests[0].params, path: ['thinking'], key: 'thinking', to: { type: 'adaptive' } });
    expect(r).toHaveProperty('refused');
  });

  it('add-alongside: enum member with attribute, dictionary entry, collection item, gate, case label, assert', async () => {
    const text = read('Registry.cs');
    const at = (s: string, from: string) => text.indexOf(s) + s.indexOf(from);
    const cases: [string, string, string, string][] = [
      ['"claude-opus-4-6")]', 'claude-opus-4-6', 'claude-opus-4-8', '    [EnumMember(Value = "claude-opus-4-6")]\n    ClaudeOpus4_6,\n    [EnumMember(Value = "claude-opus-4-8")]\n    ClaudeOpus4_8,\n'],
      ['"claude-sonnet-4-5"] =', 'claude-sonnet-4-5', 'claude-sonnet-4-6', '        ["claude-sonnet-4-5"] = 3m,\n        ["claude-sonnet-4-6"] = 3m,\n'],
      ['"claude-haiku-4-5"]', 'claude-haiku-4-5', 'claude-haiku-5', '["claude-opus-4-6", "claude-haiku-4-5", "claude-haiku-5"]'],
      ['"claude-opus-4-6") ||', 'claude-opus-4-6', 'claude-opus-4-8', 'model.StartsWith("claude-opus-4-6") || model.StartsWith("claude-opus-4-8") || model == "claude-sonnet-4-6"'],
      ['case "claude-opus-4-6":', 'claude-opus-4-6', 'claude-opus-4-8', '            case "claude-opus-4-8":\n            case "claude-opus-4-6":\n'],
      ['Contains("claude-opus-4-6"', 'claude-opus-4-6', 'claude-opus-4-8', '        Assert.Contains("claude-opus-4-6", Models.Supported);\n        Assert.Contains("claude-opus-4-8", Models.Supported);\n'],
    ];
    for (const [anchor, from, to, expected] of cases) {
      const p = await parse(text);
      const out = await rewrite(p, text, [{ kind: 'add-alongside', at: at(anchor, from), from, to }]);
      expect(out).toContain(expected);
    }
  });
});

describe('C# contextAt', () => {
  it('classifies enum members, dictionary keys, gates, switch labels, asserts, comments and request models', async () => {
    const text = read('Registry.cs');
    const p = await parse(text);
    expect(p.contextAt(text.indexOf('claude-opus-4-6')).collection).toMatchObject({ kind: 'enum', entries: 2 });
    const map = p.contextAt(text.indexOf('"claude-sonnet-4-5"] =') + 1);
    expect(map.collection).toMatchObject({ kind: 'map', entries: 2, inKey: true });
    expect(slice(text, map.collection!.entry)).toBe('["claude-sonnet-4-5"] = 3m');
    expect(p.contextAt(text.indexOf('"claude-haiku-4-5"') + 1).collection).toMatchObject({ kind: 'list', entries: 2 });
    expect(slice(text, p.contextAt(text.indexOf('"claude-sonnet-4-6"') + 1).gate)).toBe('model == "claude-sonnet-4-6"');
    expect(p.contextAt(text.indexOf('case "claude-opus-4-6"') + 6).collection).toMatchObject({ kind: 'switch' });
    expect(slice(text, p.contextAt(text.lastIndexOf('claude-opus-4-6')).assert)).toBe('Assert.Contains("claude-opus-4-6", Models.Supported);');

    const basic = read('Basic.cs');
    const b = await parse(basic);
    expect(b.contextAt(basic.indexOf('claude-sonnet-4-5'))).toMatchObject({ inString: true, requestModel: true });
    expect(b.contextAt(basic.indexOf('nucleus'))).toMatchObject({ inComment: true });
  });
});

describe('csharp: initialiser-less objects, tool classes, moved code', () => {
  const head = 'using Anthropic;\nusing Anthropic.Models.Messages;\n\nAnthropicClient client = new();\n';
  it('adds a field to `new ThinkingConfigAdaptive()` by writing an initialiser; `new()` keeps its parentheses', async () => {
    const text = `${head}await client.Messages.Create(new MessageCreateParams\n{\n    Model = Model.ClaudeOpus4_8,\n    MaxTokens = 1024,\n    Thinking = new ThinkingConfigAdaptive(),\n    Messages = [],\n});\n`;
    const p = await parse(text);
    const thinking = field(p.view.requests[0].params, 'thinking')!;
    const out = await rewrite(p, text, [{ kind: 'add-field', container: thinking.value, path: ['thinking', 'display'], key: 'display', to: 'summarized' }]);
    expect(out).toContain('Thinking = new ThinkingConfigAdaptive { Display = Display.Summarized },');
  });

  it('a tool type implied by its class changes the class; an unknown target type is refused', async () => {
    const text = `${head}await client.Messages.Create(new MessageCreateParams\n{\n    Model = Model.ClaudeOpus4_8,\n    MaxTokens = 1024,\n    Tools = [new ToolTextEditor20250124()],\n    Messages = [],\n});\n`;
    const p = await parse(text);
    const type = field(p.view.tools[0], 'type')!;
    expect(await rewrite(p, text, [{ kind: 'set-value', value: type.value, path: ['tools', '*', 'type'], to: 'text_editor_20250728' }])).toContain('Tools = [new ToolTextEditor20250728()],');
    expect(p.render({ kind: 'set-value', value: type.value, path: ['tools', '*', 'type'], to: 'text_editor_29990101' })).toHaveProperty('refused');
  });

  it('moved multi-line code is re-indented inside an Allman-style initialiser; the last member of a one-line object leaves `{ }`', async () => {
    const text = `using System.Net.Http.Json;\n\nclass P\n{\n    void F(HttpClient http) =>\n        http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new\n        {\n            model = "claude-opus-4-8",\n            max_tokens = 10,\n            output_config = new { effort = "low" },\n            output_format = new\n            {\n                type = "json_schema",\n            },\n        });\n}\n`;
    const p = await parse(text);
    const params = p.view.requests[0].params;
    const of = field(params, 'output_format')!;
    const out = await rewrite(p, text, [{ kind: 'add-field', container: params, path: ['extra'], key: 'extra', to: { format: { $code: of.value.text } } }]);
    expect(out).toContain('            extra = new\n            {\n                format = new\n                {\n                    type = "json_schema",\n                },\n            },\n');
    const oc = field(params, 'output_config')!;
    const q = await parse(text);
    const oc2 = field(q.view.requests[0].params, 'output_config')!;
    expect(oc2.value.range).toEqual(oc.value.range);
    expect(await rewrite(q, text, [{ kind: 'remove-field', container: oc2.value, field: field(oc2.value, 'effort')! }])).toContain('output_config = new { },');
  });
});

describe('C# preprocessor conditionals', () => {
  it('parses a file the grammar rejects through its first branches, offsets unchanged', async () => {
    const { getParser } = await import('../../src/languages/tree-sitter/loader.js');
    const { countSyntaxErrors } = await import('../../src/languages/tree-sitter/common.js');
    const { firstBranchOfConditionals } = await import('../../src/languages/csharp/adapter.js');
    const text = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'csharp', 'sampling-params', 'preprocessor-attributes.input.cs'), 'utf8');
    const parser = await getParser('c_sharp');
    const raw = parser.parse(text)!;
    // The grammar itself fails on attributes split by #if/#endif: the fallback is what makes the file editable.
    expect(countSyntaxErrors(raw.rootNode)).toBeGreaterThan(0);
    raw.delete();
    expect(await adapter.countSyntaxErrors(text, 'a.cs')).toBe(0);
    const stand = firstBranchOfConditionals('a\n#if X\nb\n#else\nc\n#endif\nd')!;
    expect(stand).toBe('a\n     \nb\n     \n \n      \nd');
    expect(firstBranchOfConditionals('class A {}')).toBeUndefined();
  });
});
