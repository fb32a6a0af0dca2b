// PHP adapter tests: request views with exact ranges, negatives, an edit round-trip per intent kind
// (checked with tree-sitter and `php -l`), and contextAt.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adapter } from '../../src/languages/php/adapter.js';
import { applyTextEdits } from '../../src/languages/edit-helpers.js';
import type { EditIntent, FieldView, ParsedFile, Range, TextEdit, ValueView } from '../../src/languages/types.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'php', '_requests');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

const open: ParsedFile[] = [];
afterEach(() => {
  while (open.length) open.pop()!.dispose();
});
async function parse(text: string): Promise<ParsedFile> {
  const p = await adapter.parse(text, 'x.php');
  open.push(p);
  return p;
}
const slice = (text: string, r: Range | undefined) => (r ? text.slice(r.start, r.end) : undefined);
const field = (v: ValueView | undefined, key: string): FieldView | undefined => v?.fields?.find((f) => f.key === key);

let phpAvailable: boolean | undefined;
function phpLint(source: string): void {
  if (phpAvailable === undefined) {
    try {
      execFileSync('php', ['--version'], { stdio: 'ignore' });
      phpAvailable = true;
    } catch {
      phpAvailable = false;
      console.log('php not on PATH: skipping `php -l` checks');
    }
  }
  if (!phpAvailable) return;
  expect(execFileSync('php', ['-l'], { input: source, encoding: 'utf8' })).toContain('No syntax errors');
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
  expect(await adapter.countSyntaxErrors(out, 'x.php')).toBe(0);
  phpLint(out);
  return out;
}

describe('PHP request views', () => {
  it('named arguments (camelCase → snake_case), class constant model, client headers, match stop reasons', async () => {
    const text = read('basic.php');
    const p = await parse(text);
    expect(p.view.syntaxErrors).toBe(0);
    expect(p.view.clients).toHaveLength(1);
    expect(p.view.clients[0]).toMatchObject({ platform: 'first-party', constructor: 'Client' });
    const [req] = p.view.requests;
    expect(req).toMatchObject({ language: 'php', kind: 'sdk-call', method: 'create', beta: false, platform: 'first-party', streaming: false });
    expect(slice(text, req.callee)).toBe('$this->client->messages->create');
    expect(req.params.fields!.map((f) => f.key)).toEqual(['model', 'max_tokens', 'thinking', 'temperature', 'top_p', 'messages']);
    const model = field(req.params, 'model')!;
    expect(slice(text, model.range)).toBe('model: self::MODEL');
    expect(model.value).toMatchObject({ kind: 'string', literal: 'claude-sonnet-4-5', via: { name: 'self::MODEL', references: 1 } });
    expect(slice(text, model.value.via!.definitionRange)).toBe("private const MODEL = 'claude-sonnet-4-5';");
    expect(field(req.params, 'max_tokens')!.sourceKey).toBe('maxTokens');
    expect(slice(text, field(req.params, 'top_p')!.range)).toBe('topP: 0.9');
    const thinking = field(req.params, 'thinking')!.value;
    expect(slice(text, thinking.range)).toBe("['type' => 'enabled', 'budget_tokens' => 2048]");
    expect(field(thinking, 'budget_tokens')!.value.literal).toBe(2048);
    expect(req.headers).toHaveLength(1);
    expect(req.headers[0]).toMatchObject({ name: 'anthropic-beta', scope: 'client', value: { literal: 'output-128k-2025-02-19' } });
    expect(slice(text, req.headers[0].range)).toBe("'anthropic-beta' => 'output-128k-2025-02-19'");
    expect(p.view.responseUses.filter((u) => u.kind === 'thinking-text').map((u) => slice(text, u.range))).toEqual(['$block->thinking']);
    const stops = p.view.responseUses.filter((u) => u.kind === 'stop-reason');
    expect(stops).toHaveLength(1);
    expect(stops[0].values).toEqual(['end_turn', 'stop_sequence', 'max_tokens']);
  });

  it('...$params spread of an array on a Bedrock client: beta createStream, getenv ?: default', async () => {
    const text = read('spread.php');
    const p = await parse(text);
    expect(p.view.clients[0]).toMatchObject({ platform: 'bedrock', constructor: 'Bedrock\\Client::fromEnvironment' });
    expect(p.view.requests).toHaveLength(1);
    const [req] = p.view.requests;
    expect(req).toMatchObject({ method: 'stream', beta: true, platform: 'bedrock', streaming: true });
    expect(req.params.fields!.map((f) => f.key)).toEqual(['model', 'max_tokens', 'system', 'betas', 'messages', 'top_k']);
    expect(field(req.params, 'model')!.value).toMatchObject({ literal: 'anthropic.claude-opus-4-6', via: { name: '$model' } });
    expect(p.contextAt(text.indexOf('anthropic.claude-opus-4-6')).requestModel).toBe(true);
    expect(slice(text, field(req.params, 'betas')!.range)).toBe("'betas' => ['effort-2025-11-24', 'interleaved-thinking-2025-05-14']");
    expect(JSON.stringify(p.view.requests)).not.toContain('gpt-4o');
  });

  it('v0.4 params array, batch params, Guzzle body with headers; mocks are ignored; HTML around the code parses', async () => {
    const text = read('legacy_http.php');
    const p = await parse(text);
    expect(p.view.syntaxErrors).toBe(0);
    expect(p.view.requests.map((r) => [r.kind, r.method])).toEqual([['sdk-call', 'create'], ['sdk-call', 'batch'], ['http', 'create']]);
    const [legacy, batch, http] = p.view.requests;
    expect(slice(text, field(legacy.params, 'max_tokens')!.range)).toBe("'max_tokens' => 1024");
    expect(field(batch.params, 'model')!.value.literal).toBe('claude-3-7-sonnet-latest');
    expect(field(batch.params, 'max_tokens')!.sourceKey).toBe("'maxTokens'");
    expect(field(http.params, 'model')!.value.literal).toBe('claude-opus-4-1');
    expect(http.headers.map((h) => h.name)).toEqual(['x-api-key', 'anthropic-version', 'anthropic-beta']);
    expect(p.view.tools.map((t) => slice(text, t.range))).toEqual(["['type' => 'text_editor_20250124', 'name' => 'str_replace_editor']"]);
    expect(p.view.responseUses.find((u) => u.kind === 'stop-reason')!.values).toEqual(['refusal', 'max_tokens']);
    expect(JSON.stringify(p.view.requests.map((r) => r.params.fields?.map((f) => f.key)))).not.toContain('temperature');
  });

  it('ignores files that do not use the SDK', async () => {
    const p = await parse(`<?php\n$svc->messages->create(model: 'claude-3-opus-20240229', temperature: 0.5);\n`);
    expect(p.view.requests).toHaveLength(0);
  });
});

describe('PHP rewrites', () => {
  it('set-value / remove-field / add-field / insert-comment / remove-definition on named arguments', async () => {
    const text = read('basic.php');
    const p = await parse(text);
    const [req] = p.view.requests;
    const out = await rewrite(p, text, [
      { kind: 'set-value', value: field(req.params, 'thinking')!.value, path: ['thinking'], to: { type: 'adaptive', display: 'summarized' } },
      { kind: 'remove-field', container: req.params, field: field(req.params, 'temperature')! },
      { kind: 'remove-field', container: req.params, field: field(req.params, 'top_p')! },
      { kind: 'add-field', container: req.params, path: ['output_config'], key: 'output_config', to: { effort: 'high' } },
      { kind: 'remove-field', container: req.headers[0].container!, field: req.headers[0].field! },
      { kind: 'insert-comment', at: text.indexOf('$message = '), text: 'claude-migrate: check the effort level' },
    ]);
    expect(out).toContain(`        // claude-migrate: check the effort level
        $message = $this->client->messages->create(
            model: self::MODEL,
            maxTokens: 16000,
            thinking: ['type' => 'adaptive', 'display' => 'summarized'],
            messages: [
                ['role' => 'user', 'content' => $prompt],
            ],
            outputConfig: ['effort' => 'high'],
        );`);
    // The emptied client option goes whole, not as `requestOptions: ['extraHeaders' => []]`.
    expect(out).toContain("new Client(\n            apiKey: getenv('ANTHROPIC_API_KEY'),\n        );");

    const p2 = await parse(text);
    const gone = await rewrite(p2, text, [{ kind: 'remove-definition', value: field(p2.view.requests[0].params, 'model')!.value }]);
    expect(gone).not.toContain('MODEL = ');
  });

  it('remove-element, remove-field in a spread array, rename-call, set-value of a tool type, array-style add-field', async () => {
    const text = read('spread.php');
    const p = await parse(text);
    const [req] = p.view.requests;
    expect(p.render({ kind: 'rename-call', request: req })).toEqual({ refused: 'beta flags are still set on the request' });
    const msgs = field(req.params, 'messages')!.value;
    const out = await rewrite(p, text, [
      { kind: 'remove-field', container: req.params, field: field(req.params, 'betas')! },
      { kind: 'remove-element', array: msgs, element: msgs.elements![1] },
    ]);
    expect(out).toContain("    'system' => 'You are terse.',\n    'messages' => [\n        ['role' => 'user', 'content' => 'Give me JSON'],\n    ],\n];");
    const p2 = await parse(out);
    const renamed = await rewrite(p2, out, [{ kind: 'rename-call', request: p2.view.requests[0] }]);
    expect(renamed).toContain('$stream = $client->messages->createStream(...$params, topK: 40);');

    const legacy = read('legacy_http.php');
    const l = await parse(legacy);
    const [v04, , http] = l.view.requests;
    const tool = field(http.params, 'tools')!.value.elements![0];
    const edited = await rewrite(l, legacy, [
      { kind: 'add-field', container: v04.params, path: ['thinking'], key: 'thinking', to: { type: 'adaptive' } },
      { kind: 'set-value', value: field(tool, 'type')!.value, path: ['tools', '*', 'type'], to: 'text_editor_20250728' },
      { kind: 'remove-field', container: http.headers[2].container!, field: http.headers[2].field! },
    ]);
    expect(edited).toContain("    'messages' => [['role' => 'user', 'content' => 'Hi']],\n    'thinking' => ['type' => 'adaptive'],\n]);");
    expect(edited).toContain("'tools' => [['type' => 'text_editor_20250728', 'name' => 'str_replace_editor']]");
    expect(edited).toContain("        'anthropic-version' => '2023-06-01',\n    ],");
    expect(edited).toContain('<p>Done: <?= htmlspecialchars($data[\'id\']) ?></p>');
  });

  it('add-alongside: enum case, array key, gate, switch case, assert', async () => {
    const text = read('registry.php');
    const at = (s: string, from: string) => text.indexOf(s) + s.indexOf(from);
    const cases: [string, string, string, string][] = [
      ["'claude-opus-4-6';", 'claude-opus-4-6', 'claude-opus-4-8', "    case Opus46 = 'claude-opus-4-6';\n    case Opus48 = 'claude-opus-4-8';\n"],
      ["'claude-sonnet-4-5' =>", 'claude-sonnet-4-5', 'claude-sonnet-4-6', "    'claude-sonnet-4-5' => ['input' => 3, 'output' => 15],\n    'claude-sonnet-4-6' => ['input' => 3, 'output' => 15],\n"],
      ["'claude-opus-4-6') ||", 'claude-opus-4-6', 'claude-opus-4-8', "str_starts_with($model, 'claude-opus-4-6') || str_starts_with($model, 'claude-opus-4-8') || $model"],
      ["'claude-sonnet-4-6';\n}", 'claude-sonnet-4-6', 'claude-sonnet-5', "$model === 'claude-sonnet-4-6' || $model === 'claude-sonnet-5';"],
      ["case 'claude-opus-4-6':", 'claude-opus-4-6', 'claude-opus-4-8', "        case 'claude-opus-4-8':\n        case 'claude-opus-4-6':\n            return 'opus';"],
      ["'claude-haiku-4-5']", 'claude-haiku-4-5', 'claude-haiku-5', "['claude-opus-4-6', 'claude-haiku-4-5', 'claude-haiku-5']"],
    ];
    for (const [anchor, from, to, expected] of cases) {
      const p = await parse(text);
      const out = await rewrite(p, text, [{ kind: 'add-alongside', at: at(anchor, from), from, to }]);
      expect(out).toContain(expected);
    }
    const p = await parse(text);
    const assertAt = text.indexOf("assertContains('claude-opus-4-6'") + "assertContains('".length;
    const out = await rewrite(p, text, [{ kind: 'add-alongside', at: assertAt, from: 'claude-opus-4-6', to: 'claude-opus-4-8' }]);
    expect(out).toContain("        $this->assertContains('claude-opus-4-6', ['claude-opus-4-6', 'claude-haiku-4-5']);\n        $this->assertContains('claude-opus-4-8', ['claude-opus-4-8', 'claude-haiku-4-5']);\n");
  });
});

describe('PHP contextAt', () => {
  it('classifies enum cases, array entries, gates, switch labels, asserts, comments and request models', async () => {
    const text = read('registry.php');
    const p = await parse(text);
    expect(p.contextAt(text.indexOf('claude-opus-4-6'))).toMatchObject({ inString: true, collection: { kind: 'enum', entries: 2 } });
    const map = p.contextAt(text.indexOf("'claude-sonnet-4-5' =>") + 1);
    expect(map.collection).toMatchObject({ kind: 'map', entries: 2, inKey: true });
    expect(slice(text, map.collection!.entry)).toBe("'claude-sonnet-4-5' => ['input' => 3, 'output' => 15]");
    expect(slice(text, p.contextAt(text.indexOf("'claude-sonnet-4-6'") + 1).gate)).toBe("$model === 'claude-sonnet-4-6'");
    expect(p.contextAt(text.indexOf("case 'claude-opus-4-6'") + 6).collection).toMatchObject({ kind: 'switch' });
    const asserted = p.contextAt(text.indexOf("assertContains('claude-opus-4-6'") + 16);
    expect(slice(text, asserted.assert)).toBe("$this->assertContains('claude-opus-4-6', ['claude-opus-4-6', 'claude-haiku-4-5']);");

    const basic = read('basic.php');
    const b = await parse(basic);
    expect(b.contextAt(basic.indexOf('claude-sonnet-4-5'))).toMatchObject({ inString: true, requestModel: true });
    expect(b.contextAt(basic.indexOf('nucleus'))).toMatchObject({ inComment: true });
  });
});
