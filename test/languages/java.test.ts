// Java adapter tests. No javac check: the SDK jars are not available offline, so a rewrite is
// verified by a clean tree-sitter re-parse (and the exact expected text) only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adapter } from '../../src/languages/java/adapter.js';
import { constantForModelId, enumValue, modelIdFromConstant } from '../../src/languages/java/sdk.js';
import { applyTextEdits } from '../../src/languages/edit-helpers.js';
import type { EditIntent, FieldView, ParsedFile, Range, TextEdit, ValueView } from '../../src/languages/types.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'java', '_requests');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

const open: ParsedFile[] = [];
afterEach(() => {
  while (open.length) open.pop()!.dispose();
});
async function parse(text: string): Promise<ParsedFile> {
  const p = await adapter.parse(text, 'X.java');
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
  expect(await adapter.countSyntaxErrors(out, 'X.java')).toBe(0);
  return out;
}

describe('Java SDK names', () => {
  it('maps Model constants and enum constants to wire values', () => {
    expect(modelIdFromConstant('CLAUDE_3_5_SONNET_20241022')).toBe('claude-3-5-sonnet-20241022');
    expect(modelIdFromConstant('CLAUDE_OPUS_4_6')).toBe('claude-opus-4-6');
    expect(constantForModelId('claude-opus-4-8')).toBe('CLAUDE_OPUS_4_8');
    expect(constantForModelId('claude-3-5-sonnet-20241022')).toBeUndefined();
    expect(enumValue('StopReason', 'MODEL_CONTEXT_WINDOW_EXCEEDED')).toBe('model_context_window_exceeded');
    expect(enumValue('AnthropicBeta', 'INTERLEAVED_THINKING_2025_05_14')).toBe('interleaved-thinking-2025-05-14');
    expect(enumValue('Role', 'ASSISTANT')).toBe('assistant');
  });
  it('is registered for .java only: Kotlin is report-only (no grammar)', () => {
    expect(adapter.extensions).toEqual(['.java']);
  });
});

describe('Java request views', () => {
  it('builder-chain params: each segment a field, client headers, thinking reads, if/else-if stop reasons', async () => {
    const text = read('Basic.java');
    const p = await parse(text);
    expect(p.view.syntaxErrors).toBe(0);
    expect(p.view.clients).toHaveLength(1);
    expect(p.view.clients[0]).toMatchObject({ platform: 'first-party', constructor: 'AnthropicOkHttpClient' });
    const [req] = p.view.requests;
    expect(req).toMatchObject({ language: 'java', method: 'create', beta: false, platform: 'first-party', streaming: false });
    expect(slice(text, req.callee)).toBe('client.messages().create');
    expect(req.params.via).toMatchObject({ name: 'params', references: 1 });
    expect(slice(text, req.params.range)).toMatch(/^MessageCreateParams\.builder\(\)[\s\S]*\.build\(\)$/);
    const model = field(req.params, 'model')!;
    expect(slice(text, model.range)).toBe('.model(Model.CLAUDE_SONNET_4_5)');
    expect(model.value).toMatchObject({ kind: 'reference', literal: 'claude-sonnet-4-5' });
    expect(slice(text, field(req.params, 'top_p')!.range)).toBe('.topP(0.9)');
    expect(field(req.params, 'max_tokens')!.value.literal).toBe(16000);
    const thinking = field(req.params, 'thinking')!.value;
    expect(thinking.typeName).toBe('ThinkingConfigEnabled');
    expect(field(thinking, 'type')).toMatchObject({ implicit: true, value: { literal: 'enabled' } });
    expect(slice(text, field(thinking, 'budget_tokens')!.range)).toBe('.budgetTokens(2048)');
    const msgs = field(req.params, 'messages')!.value;
    expect(msgs.elements!.map((e) => slice(text, e.range))).toEqual(['.addUserMessage("Tell me a story")']);
    expect(field(msgs.elements![0], 'role')!.value.literal).toBe('user');
    expect(req.headers).toHaveLength(1);
    expect(req.headers[0]).toMatchObject({ name: 'anthropic-beta', scope: 'client', value: { literal: 'interleaved-thinking-2025-05-14' } });
    expect(slice(text, req.headers[0].range)).toBe('.putHeader("anthropic-beta", "interleaved-thinking-2025-05-14")');
    const uses = p.view.responseUses;
    expect(uses.filter((u) => u.kind === 'thinking-text').map((u) => slice(text, u.range))).toContain('block.asThinking().thinking()');
    const stops = uses.filter((u) => u.kind === 'stop-reason');
    expect(stops).toHaveLength(1);
    expect(stops[0].values).toEqual(['end_turn', 'max_tokens']);
  });

  it('beta streaming on Bedrock: constant model via a field, gathered addBeta list, enabledThinking, assistant prefill', async () => {
    const text = read('BetaStreaming.java');
    const p = await parse(text);
    expect(p.view.clients[0].platform).toBe('bedrock');
    const [req] = p.view.requests;
    expect(req).toMatchObject({ method: 'stream', beta: true, platform: 'bedrock', streaming: true });
    expect(slice(text, req.callee)).toBe('client.beta().messages().createStreaming');
    const model = field(req.params, 'model')!.value;
    expect(model).toMatchObject({ kind: 'string', literal: 'anthropic.claude-opus-4-6', via: { name: 'MODEL', references: 1 } });
    expect(p.contextAt(text.indexOf('anthropic.claude-opus-4-6')).requestModel).toBe(true);
    const betas = field(req.params, 'betas')!;
    expect(betas.value.elements!.map((e) => e.literal)).toEqual(['effort-2025-11-24', 'interleaved-thinking-2025-05-14']);
    expect(betas.value.elements!.map((e) => slice(text, e.range))).toEqual(['.addBeta("effort-2025-11-24")', '.addBeta("interleaved-thinking-2025-05-14")']);
    const thinking = field(req.params, 'thinking')!;
    expect(slice(text, thinking.range)).toBe('.enabledThinking(4096L)');
    expect(field(thinking.value, 'budget_tokens')!.value.literal).toBe(4096);
    const last = field(req.params, 'messages')!.value.elements!.at(-1)!;
    expect(field(last, 'role')!.value.literal).toBe('assistant');
    expect(field(last, 'content')!.value.literal).toBe('{');
  });

  it('batch Request.Params builders are requests; tools carry their implied type; OpenAI calls are ignored', async () => {
    const text = read('Batch.java');
    const p = await parse(text);
    expect(p.view.requests).toHaveLength(1);
    const [req] = p.view.requests;
    expect(req).toMatchObject({ method: 'batch', platform: 'unknown' });
    expect(slice(text, req.range)).toMatch(/^BatchCreateParams\.Request\.Params\.builder\(\)/);
    expect(field(req.params, 'model')!.value.literal).toBe('claude-3-5-sonnet-20241022');
    expect(field(req.params, 'top_k')!.value.literal).toBe(5);
    expect(field(field(req.params, 'tools')!.value.elements![0], 'type')!.value.literal).toBe('text_editor_20250124');
    expect(p.view.tools.map((t) => slice(text, t.range))).toEqual(['ToolTextEditor20250124.builder().build()']);
    expect(JSON.stringify(p.view.requests.map((r) => r.params.fields?.map((f) => f.key)))).not.toContain('temperature');
  });

  it('a builder kept in a variable (create(builder.build()), used from a lambda) is the params object', async () => {
    const text = `import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Model;

class Chat {
    void run(AnthropicClient client) {
        MessageCreateParams.Builder builder = MessageCreateParams.builder()
                .model(Model.CLAUDE_OPUS_4_1)
                .maxTokens(1024);
        Runnable r = () -> client.messages().create(builder.build());
    }
}
`;
    const p = await parse(text);
    const [req] = p.view.requests;
    expect(req.opaqueSpread).toBeUndefined();
    expect(req.params.via?.name).toBe('builder');
    expect(field(req.params, 'model')!.value.literal).toBe('claude-opus-4-1');
    const out = await rewrite(p, text, [{ kind: 'add-field', container: req.params, path: ['output_config'], key: 'output_config', to: { effort: 'high' } }]);
    expect(out).toContain('.maxTokens(1024)\n                .outputConfig(OutputConfig.builder().effort(OutputConfig.Effort.HIGH).build());');
    expect(out).toContain('import com.anthropic.models.messages.Model;\nimport com.anthropic.models.messages.OutputConfig;\n');
  });

  it('ignores look-alikes outside the SDK', async () => {
    const text = `import com.example.mail.Mailbox;
class M {
    void f(Mailbox box) {
        box.messages().create(Params.builder().model("claude-opus-4-6").temperature(1.0).build());
        if (box.isThinking()) {}
    }
}
`;
    const p = await parse(text);
    expect(p.view.requests).toHaveLength(0);
    expect(p.view.responseUses).toHaveLength(0);
    expect(p.view.strings.map((s) => s.value)).toContain('claude-opus-4-6');
  });
});

describe('Java contextAt', () => {
  it('classifies enums, List.of, Map.of, arrays, gates, switch labels and asserts', async () => {
    const text = read('Registry.java');
    const p = await parse(text);
    const nth = (needle: string, n: number) => {
      let i = -1;
      for (let k = 0; k <= n; k++) i = text.indexOf(needle, i + 1);
      return i;
    };
    const e = p.contextAt(nth('claude-opus-4-6', 0));
    expect(e.collection).toMatchObject({ kind: 'enum', entries: 2 });
    expect(slice(text, e.collection!.entry)).toBe('CLAUDE_OPUS_4_6("claude-opus-4-6")');
    expect(p.contextAt(nth('claude-opus-4-6', 1)).collection).toMatchObject({ kind: 'list', entries: 2 });
    expect(p.contextAt(nth('claude-opus-4-6', 2)).collection).toMatchObject({ kind: 'map', entries: 2, inKey: true });
    expect(p.contextAt(nth('claude-opus-4-6', 3)).collection).toMatchObject({ kind: 'list', entries: 2 });
    expect(slice(text, p.contextAt(nth('claude-opus-4-6', 4)).gate)).toBe('model.startsWith("claude-opus-4-6")');
    expect(slice(text, p.contextAt(nth('claude-sonnet-4-6', 0)).gate)).toBe('"claude-sonnet-4-6".equals(model)');
    expect(p.contextAt(nth('claude-opus-4-6', 5)).collection).toMatchObject({ kind: 'switch' });
    expect(slice(text, p.contextAt(nth('claude-opus-4-6', 6)).assert)).toBe('assertTrue(SUPPORTED.contains("claude-opus-4-6"));');
    expect(p.contextAt(text.indexOf('package'))).toMatchObject({ inString: false, inComment: false });
  });
});

describe('Java rendering', () => {
  it('thinking → ThinkingConfigAdaptive, outputConfig effort, sampling removal, model constant, imports added in order', async () => {
    const text = read('Basic.java');
    const p = await parse(text);
    const req = p.view.requests[0];
    const out = await rewrite(p, text, [
      { kind: 'set-value', value: field(req.params, 'thinking')!.value, path: ['thinking'], to: { type: 'adaptive' } },
      { kind: 'add-field', container: req.params, path: ['output_config'], key: 'output_config', to: { effort: 'high' } },
      { kind: 'remove-field', container: req.params, field: field(req.params, 'temperature')! },
      { kind: 'remove-field', container: req.params, field: field(req.params, 'top_p')! },
      { kind: 'set-value', value: field(req.params, 'model')!.value, path: ['model'], to: 'claude-opus-4-8' },
    ]);
    expect(out).toContain(`        MessageCreateParams params = MessageCreateParams.builder()
                .model(Model.CLAUDE_OPUS_4_8)
                .maxTokens(16000L)
                .thinking(ThinkingConfigAdaptive.builder().build())
                .addUserMessage("Tell me a story")
                .outputConfig(OutputConfig.builder().effort(OutputConfig.Effort.HIGH).build())
                .build();`);
    expect(out).toContain('import com.anthropic.models.messages.Model;\nimport com.anthropic.models.messages.OutputConfig;\nimport com.anthropic.models.messages.StopReason;\nimport com.anthropic.models.messages.ThinkingConfigAdaptive;\nimport com.anthropic.models.messages.ThinkingConfigEnabled;\n');
  });

  it('adds display inside an adaptive builder; removes the client header segment', async () => {
    const text = read('Basic.java').replace('ThinkingConfigEnabled.builder().budgetTokens(2048).build()', 'ThinkingConfigAdaptive.builder().build()').replace('ThinkingConfigEnabled;', 'ThinkingConfigAdaptive;');
    const p = await parse(text);
    const req = p.view.requests[0];
    const thinking = field(req.params, 'thinking')!.value;
    expect(field(thinking, 'type')!.value.literal).toBe('adaptive');
    const out = await rewrite(p, text, [
      { kind: 'add-field', container: thinking, path: ['thinking', 'display'], key: 'display', to: 'summarized' },
      { kind: 'remove-field', container: req.headers[0].container!, field: req.headers[0].field! },
    ]);
    expect(out).toContain('.thinking(ThinkingConfigAdaptive.builder().display(ThinkingConfigAdaptive.Display.SUMMARIZED).build())');
    expect(out).toContain('AnthropicOkHttpClient.builder()\n                .fromEnv()\n                .build();');
  });

  it('beta: enabledThinking → Beta adaptive builder with its import; addBeta segments removed; prefill segment replaced', async () => {
    const text = read('BetaStreaming.java');
    const p = await parse(text);
    const req = p.view.requests[0];
    const betas = field(req.params, 'betas')!;
    const out = await rewrite(p, text, [
      { kind: 'set-value', value: field(req.params, 'thinking')!.value, path: ['thinking'], to: { type: 'adaptive' } },
      { kind: 'remove-field', container: req.params, field: betas },
      { kind: 'set-value', value: field(req.params, 'messages')!.value.elements!.at(-1)!, path: ['messages', '*'], to: { role: 'user', content: 'Continue from `{`.' } },
    ]);
    expect(out).toContain(`                MessageCreateParams.builder()
                        .model(MODEL)
                        .maxTokens(64000L)
                        .thinking(BetaThinkingConfigAdaptive.builder().build())
                        .addUserMessage("Write a haiku")
                        .addUserMessage("Continue from \`{\`.")
                        .build())) {`);
    expect(out).toContain('import com.anthropic.models.beta.messages.BetaRawMessageStreamEvent;\nimport com.anthropic.models.beta.messages.BetaThinkingConfigAdaptive;\nimport com.anthropic.models.beta.messages.MessageCreateParams;\n');
    // One beta flag only.
    const q = await parse(text);
    const b = field(q.view.requests[0].params, 'betas')!.value;
    const one = await rewrite(q, text, [{ kind: 'remove-element', array: b, element: b.elements![0] }]);
    expect(one).not.toContain('effort-2025-11-24');
    expect(one).toContain('.maxTokens(64000L)\n                        .addBeta("interleaved-thinking-2025-05-14")\n');
    // Prefill removal.
    const m = field(q.view.requests[0].params, 'messages')!.value;
    const noPrefill = await rewrite(q, text, [{ kind: 'remove-element', array: m, element: m.elements![1] }]);
    expect(noPrefill).toContain('.addUserMessage("Write a haiku")\n                        .build())) {');
    // Still beta-typed (BetaRawMessageStreamEvent): leaving the beta namespace is refused.
    expect(q.render({ kind: 'rename-call', request: q.view.requests[0] })).toHaveProperty('refused');
  });

  it('rename-call drops .beta() and moves the MessageCreateParams import when nothing else is beta', async () => {
    const text = `import com.anthropic.client.AnthropicClient;
import com.anthropic.models.beta.messages.MessageCreateParams;

class C {
    void f(AnthropicClient client) {
        client.beta().messages().create(MessageCreateParams.builder().model("claude-opus-4-6").maxTokens(1024).build());
    }
}
`;
    const p = await parse(text);
    expect(p.view.requests[0].beta).toBe(true);
    const out = await rewrite(p, text, [{ kind: 'rename-call', request: p.view.requests[0] }]);
    expect(out).toBe(text.replace('client.beta().messages()', 'client.messages()').replace('models.beta.messages.MessageCreateParams', 'models.messages.MessageCreateParams'));
  });

  it('add-alongside (enum, List.of, Map.of, array, gate, switch, assert) and insert-comment', async () => {
    const text = read('Registry.java');
    const p = await parse(text);
    const nth = (needle: string, n: number) => {
      let i = -1;
      for (let k = 0; k <= n; k++) i = text.indexOf(needle, i + 1);
      return i;
    };
    const along = (at: number): EditIntent => ({ kind: 'add-alongside', at, from: 'claude-opus-4-6', to: 'claude-opus-4-8' });
    const out = await rewrite(p, text, [
      along(nth('claude-opus-4-6', 0)),
      along(nth('claude-opus-4-6', 1)),
      along(nth('claude-opus-4-6', 2)),
      along(nth('claude-opus-4-6', 3)),
      along(nth('claude-opus-4-6', 4)),
      along(nth('claude-opus-4-6', 5)),
      along(nth('claude-opus-4-6', 6)),
      { kind: 'insert-comment', at: nth('return 64000', 0), text: 'claude-migrate: check the limit' },
    ]);
    expect(out).toContain('        CLAUDE_OPUS_4_6("claude-opus-4-6"),\n        CLAUDE_OPUS_4_8("claude-opus-4-8"),\n        CLAUDE_SONNET_4_5("claude-sonnet-4-5");');
    expect(out).toContain('            "claude-opus-4-6",\n            "claude-opus-4-8",\n            "claude-sonnet-4-5");');
    expect(out).toContain('Map.of("claude-opus-4-6", 128000, "claude-opus-4-8", 128000, "claude-sonnet-4-5", 64000)');
    expect(out).toContain('{"claude-opus-4-6", "claude-opus-4-8", "claude-3-haiku-20240307"}');
    expect(out).toContain('return model.startsWith("claude-opus-4-6") || model.startsWith("claude-opus-4-8") || "claude-sonnet-4-6".equals(model);');
    expect(out).toContain('            case "claude-opus-4-6":\n            case "claude-opus-4-8":\n                return 128000;');
    expect(out).toContain('        assertTrue(SUPPORTED.contains("claude-opus-4-6"));\n        assertTrue(SUPPORTED.contains("claude-opus-4-8"));\n');
    expect(out).toContain('                // claude-migrate: check the limit\n                return 64000;');
  });

  it('tool-version: swaps the tool class, its ToolUnion factory, the variable type and the import', async () => {
    const text = read('Batch.java');
    const p = await parse(text);
    const tool = field(field(p.view.requests[0].params, 'tools')!.value.elements![0], 'type')!;
    expect(tool.value.literal).toBe('text_editor_20250124');
    const out = await rewrite(p, text, [{ kind: 'set-value', value: tool.value, path: ['tools', '*', 'type'], to: 'text_editor_20250728' }]);
    expect(out).toContain('import com.anthropic.models.messages.ToolTextEditor20250728;\n');
    expect(out).toContain('.addTool(ToolTextEditor20250728.builder().build())');
    expect(out).not.toContain('20250124');
    const held = `import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.ToolTextEditor20250124;
import com.anthropic.models.messages.ToolUnion;

class E {
    Object f(com.anthropic.client.AnthropicClient client) {
        ToolTextEditor20250124 editor = ToolTextEditor20250124.builder().build();
        return client.messages().create(MessageCreateParams.builder().model("claude-3-7-sonnet-latest").maxTokens(1024L).addTool(ToolUnion.ofTextEditor20250124(editor)).build());
    }
}
`;
    const q = await parse(held);
    const t = q.view.tools[0];
    const out2 = await rewrite(q, held, [{ kind: 'set-value', value: field(t, 'type')!.value, path: ['tools', '*', 'type'], to: 'text_editor_20250728' }]);
    expect(out2).toContain('ToolTextEditor20250728 editor = ToolTextEditor20250728.builder().build();');
    expect(out2).toContain('.addTool(ToolUnion.ofTextEditor20250728(editor))');
    expect(out2).toContain('import com.anthropic.models.messages.ToolTextEditor20250728;');
    // The class also used as a field type elsewhere: refused rather than half-renamed.
    const r = await parse(held.replace('class E {', 'class E {\n    private ToolTextEditor20250124 cached;'));
    expect(r.render({ kind: 'set-value', value: field(r.view.tools[0], 'type')!.value, path: ['tools', '*', 'type'], to: 'text_editor_20250728' })).toHaveProperty('refused');
  });

  it('refuses when the import style cannot be told or the value is implied by a class name', async () => {
    const text = `class C {
    void f(com.anthropic.client.AnthropicClient client) {
        client.messages().create(com.anthropic.models.messages.MessageCreateParams.builder().model("claude-opus-4-6").maxTokens(1024).build());
    }
}
`;
    const p = await parse(text);
    const req = p.view.requests[0];
    expect(req).toBeDefined();
    const r = p.render({ kind: 'add-field', container: req.params, path: ['thinking'], key: 'thinking', to: { type: 'adaptive' } });
    expect('refused' in r && r.refused).toMatch(/import/);
    const q = await parse(read('Batch.java'));
    const tool = field(field(q.view.requests[0].params, 'tools')!.value.elements![0], 'type')!;
    // The tool's type is its class: a family the SDK has no newer class for is refused.
    expect(q.render({ kind: 'set-value', value: tool.value, path: ['tools', '*', 'type'], to: 'bash_20250728' })).toHaveProperty('refused');
    expect(q.render({ kind: 'set-value', value: tool.value, path: ['tools', '*', 'type'], to: 'text_editor_20991231' })).toHaveProperty('refused');
    // Wildcard imports need no new import line.
    const w = await parse(read('Batch.java').replace('import com.anthropic.models.messages.Model;', 'import com.anthropic.models.messages.*;'));
    const wr = w.render({ kind: 'add-field', container: w.view.requests[0].params, path: ['thinking'], key: 'thinking', to: { type: 'adaptive' } });
    expect('edits' in wr && wr.edits).toHaveLength(1);
  });
});
