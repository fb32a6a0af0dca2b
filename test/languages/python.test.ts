import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adapter } from '../../src/languages/python/adapter.js';
import { applyTextEdits } from '../../src/languages/edit-helpers.js';
import type { EditIntent, FieldView, ParsedFile, Range, RequestView, TextEdit, ValueView } from '../../src/languages/types.js';
import { toolchainError } from '../support/toolchains.js';
import { decodePyEscapes } from '../../src/languages/python/strings.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'python', '_requests');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

const open: ParsedFile[] = [];
afterEach(() => {
  while (open.length) open.pop()!.dispose();
});
async function parse(text: string, path = 'x.py'): Promise<ParsedFile> {
  const p = await adapter.parse(text, path);
  open.push(p);
  return p;
}

const slice = (text: string, r: Range | undefined) => (r ? text.slice(r.start, r.end) : undefined);
const field = (v: ValueView | undefined, key: string): FieldView | undefined => v?.fields?.find((f) => f.key === key);
const keys = (r: RequestView) => r.params.fields!.map((f) => f.key);

/**
 * Render intents, apply them, and check the result: bytes outside the edits unchanged, re-parse
 * clean, and `python3 -m py_compile` accepts it (toolchainError skips when python3 is missing).
 */
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
  expect(await adapter.countSyntaxErrors(out, 'x.py')).toBe(0);
  expect(pyCompileError(out)).toBeUndefined();
  return out;
}


const hasPython = spawnSync('sh', ['-c', 'command -v python3']).status === 0;
if (!hasPython) console.warn('python3 not on PATH: Python toolchain checks skipped');
/** `python3 -m py_compile` on the text (written to a temp file); undefined when it compiles. */
function pyCompileError(text: string): string | undefined {
  if (!hasPython) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'cm-py-'));
  const file = join(dir, 'check.py');
  try {
    writeFileSync(file, text);
    execFileSync('python3', ['-m', 'py_compile', file], { stdio: 'pipe' });
    return toolchainError('py', text);
  } catch (err) {
    return String((err as { stderr?: Buffer }).stderr ?? err);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function rendered(p: ParsedFile, intent: EditIntent): TextEdit[] {
  const r = p.render(intent);
  if ('refused' in r) throw new Error(`refused: ${r.refused}`);
  return r.edits;
}

describe('Python request views', () => {
  it('keyword arguments, module constants with via, client default headers, extra_headers, response uses', async () => {
    const text = read('basic.py');
    const p = await parse(text);
    expect(p.view.syntaxErrors).toBe(0);
    expect(p.view.clients).toEqual([{ platform: 'first-party', constructor: 'anthropic.Anthropic', range: expect.any(Object) }]);
    expect(slice(text, p.view.clients[0].range)).toMatch(/^anthropic\.Anthropic\(\n    default_headers=/);
    expect(p.view.requests).toHaveLength(1);
    const [req] = p.view.requests;
    expect(req).toMatchObject({ language: 'python', kind: 'sdk-call', method: 'create', beta: false, platform: 'first-party', streaming: false });
    expect(req.opaqueSpread).toBeUndefined();
    expect(slice(text, req.callee)).toBe('client.messages.create');
    expect(slice(text, req.range)).toMatch(/^client\.messages\.create\(\n[\s\S]*\n    \)$/);
    // Request options are not API params.
    expect(keys(req)).toEqual(['model', 'max_tokens', 'temperature', 'top_p', 'thinking', 'messages']);
    const model = field(req.params, 'model')!;
    expect(slice(text, model.range)).toBe('model=MODEL');
    expect(model.value).toMatchObject({ kind: 'string', literal: 'claude-sonnet-4-5', via: { name: 'MODEL', references: 1 } });
    expect(slice(text, model.value.range)).toBe('"claude-sonnet-4-5"');
    expect(slice(text, model.value.contentRange)).toBe('claude-sonnet-4-5');
    expect(slice(text, model.value.via!.useRange)).toBe('MODEL');
    expect(slice(text, field(req.params, 'temperature')!.range)).toBe('temperature=0.7');
    const thinking = field(req.params, 'thinking')!.value;
    expect(slice(text, thinking.range)).toBe('{"type": "enabled", "budget_tokens": BUDGET}');
    expect(field(thinking, 'type')!.value.literal).toBe('enabled');
    const budget = field(thinking, 'budget_tokens')!;
    expect(slice(text, budget.range)).toBe('"budget_tokens": BUDGET');
    expect(budget.value).toMatchObject({ kind: 'number', literal: 8000, via: { name: 'BUDGET', references: 1 } });
    expect(field(field(req.params, 'messages')!.value.elements![0], 'role')!.value.literal).toBe('user');
    expect(req.headers.map((h) => [h.name, h.scope, h.value.literal])).toEqual([
      ['anthropic-beta', 'request', 'interleaved-thinking-2025-05-14,effort-2025-11-24'],
      ['anthropic-beta', 'client', 'output-128k-2025-02-19'],
    ]);
    expect(slice(text, req.headers[0].range)).toBe('"anthropic-beta": "interleaved-thinking-2025-05-14,effort-2025-11-24"');
    expect(slice(text, req.headers[0].container!.range)).toBe('{"anthropic-beta": "interleaved-thinking-2025-05-14,effort-2025-11-24"}');
    expect(p.view.responseUses.map((u) => [u.kind, slice(text, u.range), u.values])).toEqual([
      ['thinking-text', 'block.thinking', undefined],
      ['stop-reason', 'response.stop_reason == "end_turn"', ['end_turn', 'max_tokens', 'stop_sequence']],
    ]);
    expect(p.view.comments.map((c) => slice(text, c))).toEqual(['# creative']);
    const s = p.view.strings.find((x) => x.value === 'claude-sonnet-4-5')!;
    expect(slice(text, s.contentRange)).toBe('claude-sonnet-4-5');
    expect(p.contextAt(text.indexOf('claude-sonnet-4-5')).requestModel).toBe(true);
    expect(p.contextAt(text.indexOf('claude-sonnet-4-5')).collection).toBeUndefined();
  });

  it('a dict built then splatted (subscript update), env default, opaque **kwargs, f-string model', async () => {
    const text = read('splat_params.py');
    const p = await parse(text);
    const [dictReq, fwd, fstr] = p.view.requests;
    expect(p.view.requests).toHaveLength(3);
    expect(dictReq.params.kind).toBe('object');
    expect(slice(text, dictReq.params.range)).toMatch(/^\{\n        "model": DEFAULT_MODEL,[\s\S]*\n    \}$/);
    expect(dictReq.params.via).toMatchObject({ name: 'params' });
    expect(slice(text, dictReq.params.via!.useRange)).toBe('params');
    expect(keys(dictReq)).toEqual(['model', 'max_tokens', 'system', 'messages', 'temperature']);
    const model = field(dictReq.params, 'model')!.value;
    expect(model).toMatchObject({ kind: 'string', literal: 'claude-3-5-sonnet-20241022', via: { name: 'DEFAULT_MODEL' } });
    expect(slice(text, model.range)).toBe('"claude-3-5-sonnet-20241022"');
    expect(slice(text, field(dictReq.params, 'temperature')!.range)).toBe('params["temperature"] = 0.2');
    const msgs = field(dictReq.params, 'messages')!.value;
    expect(msgs.elements!.map((e) => field(e, 'role')!.value.literal)).toEqual(['user', 'assistant']);
    // The env default literal is the model's definition: contextAt reports it as the request model.
    expect(p.contextAt(text.indexOf('claude-3-5-sonnet-20241022')).requestModel).toBe(true);
    expect(fwd.opaqueSpread).toBe(true);
    expect(keys(fwd)).toEqual(['model']);
    expect(field(fstr.params, 'model')!.value).toMatchObject({ kind: 'template', text: 'f"claude-3-5-sonnet-{version}"' });
    // The module docstring is documentation: classified as a comment, still listed as a string.
    expect(p.view.comments.map((c) => slice(text, c))).toEqual(['"""Request params assembled as a dict, then unpacked into the call."""', '# Everything comes from the caller: nothing to see here.']);
    expect(p.contextAt(text.indexOf('Request params')).inComment).toBe(true);
    expect(p.contextAt(text.indexOf('Request params')).inString).toBe(true);
  });

  it('async client on self, self.model set in __init__, streaming context manager, match on stop_reason', async () => {
    const text = read('async_stream.py');
    const p = await parse(text);
    expect(p.view.clients.map((c) => c.constructor)).toEqual(['AsyncAnthropic']);
    const [create, stream] = p.view.requests;
    // The client is a parameter annotated AsyncAnthropic, stored on self.
    expect(create).toMatchObject({ method: 'create', platform: 'first-party', streaming: false });
    expect(slice(text, create.callee)).toBe('self.client.messages.create');
    expect(field(create.params, 'model')!.value).toMatchObject({ kind: 'string', literal: 'claude-opus-4-1', via: { name: 'self.model' } });
    expect(slice(text, field(create.params, 'stream')!.range)).toBe('stream=False');
    expect(stream).toMatchObject({ method: 'stream', streaming: true });
    expect(field(field(stream.params, 'thinking')!.value, 'budget_tokens')!.value.literal).toBe(32000);
    expect(p.view.responseUses.map((u) => [u.kind, slice(text, u.range), u.values])).toEqual([
      ['stop-reason', 'message.stop_reason', ['end_turn', 'max_tokens', 'pause_turn']],
      ['thinking-text', 'event.delta.thinking', undefined],
    ]);
    expect(p.contextAt(text.indexOf('claude-opus-4-1')).requestModel).toBe(true);
  });

  it('batches: Request(params=MessageCreateParamsNonStreaming(...)), dict requests, appended requests', async () => {
    const text = read('batches.py');
    const p = await parse(text);
    expect(p.view.requests).toHaveLength(3);
    expect(p.view.requests.every((r) => r.method === 'batch' && r.platform === 'first-party')).toBe(true);
    const [typed, dict, appended] = p.view.requests;
    expect(typed.params.typeName).toBe('MessageCreateParamsNonStreaming');
    expect(slice(text, typed.range)).toMatch(/^MessageCreateParamsNonStreaming\(\n/);
    expect(slice(text, typed.callee)).toBe('client.messages.batches.create');
    expect(slice(text, field(typed.params, 'top_k')!.range)).toBe('top_k=40');
    expect(field(dict.params, 'model')!.value.literal).toBe('claude-3-7-sonnet-20250219');
    expect(slice(text, dict.range)).toMatch(/^\{\n                "model"/);
    expect(field(appended.params, 'model')!.value.literal).toBe('claude-3-haiku-20240307');
  });

  it('beta namespace on Bedrock Mantle, Vertex count_tokens, AWS parse, with_options + with_raw_response; tools', async () => {
    const text = read('beta_platforms.py');
    const p = await parse(text);
    expect(p.view.clients.map((c) => [c.platform, c.constructor])).toEqual([
      ['bedrock', 'AnthropicBedrockMantle'],
      ['vertex', 'AnthropicVertex'],
      ['aws', 'AnthropicAWS'],
      ['first-party', 'anthropic.Anthropic'],
    ]);
    expect(p.view.requests.map((r) => [r.method, r.beta, r.platform, slice(text, r.callee)])).toEqual([
      ['create', true, 'bedrock', 'bedrock.beta.messages.create'],
      ['count_tokens', false, 'vertex', 'vertex.messages.count_tokens'],
      ['parse', false, 'aws', 'aws.messages.parse'],
      ['create', false, 'first-party', 'client.with_options(timeout=5.0).messages.with_raw_response.create'],
    ]);
    const betas = field(p.view.requests[0].params, 'betas')!.value;
    expect(betas.elements!.map((e) => e.literal)).toEqual(['interleaved-thinking-2025-05-14', 'files-api-2025-04-14']);
    const tools = field(p.view.requests[0].params, 'tools')!.value;
    expect(tools.via?.name).toBe('TOOLS');
    expect(field(tools.elements![0], 'type')!.value.literal).toBe('text_editor_20250124');
    expect(p.view.tools.map((t) => field(t, 'name')!.value.literal)).toEqual(['str_replace_editor', 'get_weather']);
  });

  it('raw HTTP: requests.post with json= and a headers constant; httpx with data=json.dumps(payload)', async () => {
    const text = read('raw_http.py');
    const p = await parse(text);
    expect(p.view.requests).toHaveLength(2);
    const [post, count] = p.view.requests;
    expect(post).toMatchObject({ kind: 'http', method: 'create', platform: 'first-party', beta: false });
    expect(slice(text, post.range)).toMatch(/^requests\.post\(\n        API_URL,/);
    expect(slice(text, field(post.params, 'temperature')!.range)).toBe('"temperature": 0');
    expect(post.headers.find((h) => h.name === 'anthropic-beta')!.value.literal).toBe('token-efficient-tools-2025-02-19');
    expect(count).toMatchObject({ kind: 'http', method: 'count_tokens' });
    expect(count.params.via?.name).toBe('payload');
    expect(p.view.responseUses).toEqual([{ kind: 'stop-reason', range: expect.any(Object), values: ['refusal'] }]);
    // The non-Anthropic endpoint's temperature is in no request.
    expect(JSON.stringify(p.view.requests.map((r) => r.params.fields?.map((f) => f.value.literal)))).not.toContain('gpt-4o');
  });

  it('follows `from .config import MODEL` to the sibling module (via.external, ranges on the use site)', async () => {
    const path = join(DIR, 'pkg', 'service.py');
    const text = readFileSync(path, 'utf8');
    const p = await parse(text, path);
    const [req] = p.view.requests;
    const model = field(req.params, 'model')!.value;
    expect(model).toMatchObject({ kind: 'string', literal: 'claude-3-5-haiku-20241022', text: '"claude-3-5-haiku-20241022"', via: { name: 'MODEL', external: '.config' } });
    expect(slice(text, model.range)).toBe('MODEL');
    expect(model.contentRange).toBeUndefined();
    expect(field(req.params, 'max_tokens')!.value.literal).toBe(2048);
    // `from . import config` + `config.MAX_TOKENS`; an `or` default; extra_body entries are params.
    const second = p.view.requests[1];
    expect(field(second.params, 'max_tokens')!.value).toMatchObject({ literal: 2048, via: { name: 'config.MAX_TOKENS', external: '.config' } });
    const orDefault = field(second.params, 'model')!.value;
    expect(orDefault).toMatchObject({ kind: 'string', literal: 'claude-3-5-sonnet-latest', via: { name: 'os.getenv("SERVICE_MODEL")' } });
    expect(slice(text, orDefault.range)).toBe('"claude-3-5-sonnet-latest"');
    expect(p.contextAt(text.indexOf('claude-3-5-sonnet-latest')).requestModel).toBe(true);
    const topK = field(second.params, 'top_k')!;
    expect(slice(text, topK.range)).toBe('"top_k": 10');
    expect(keys(second)).toEqual(['model', 'max_tokens', 'messages', 'top_k']);
    const out = await rewrite(p, text, [{ kind: 'remove-field', container: second.params, field: topK }]);
    expect(out).toContain('        extra_body={},\n');
    // Not resolvable without the file on disk: a plain reference.
    const q = await parse(text, 'nowhere/service.py');
    expect(field(q.view.requests[0].params, 'model')!.value.kind).toBe('reference');
  });
});

describe('Python client resolution', () => {
  it('factory functions, `client or Anthropic()`, aliased stop reasons and TypedDict tool definitions', async () => {
    const text = read('factory.py');
    const p = await parse(text);
    const [step, count] = p.view.requests;
    expect(step).toMatchObject({ method: 'create', platform: 'first-party' });
    expect(slice(text, step.callee)).toBe('self._client.messages.create');
    // get_client() returns a Bedrock or a first-party client: not determinable.
    expect(count).toMatchObject({ method: 'count_tokens', platform: 'unknown' });
    expect(p.view.responseUses.map((u) => [slice(text, u.range), u.values])).toEqual([
      ['reason in STOP_REASONS', ['end_turn', 'stop_sequence']],
      ['reason == "tool_use"', ['tool_use']],
    ]);
    expect(p.view.tools).toHaveLength(1);
    expect(p.view.tools[0]).toMatchObject({ kind: 'object', typeName: 'ToolParam' });
    expect(field(p.view.tools[0], 'name')!.value.literal).toBe('get_weather');
  });

  it('`async with AsyncAnthropicVertex() as client` and a CRLF file keep their line endings on add-field', async () => {
    const text = [
      'from anthropic import AsyncAnthropicVertex',
      '',
      'async def main():',
      '    async with AsyncAnthropicVertex(region="us-east5", project_id="p") as client:',
      '        await client.messages.create(',
      '            model="claude-sonnet-4@20250514",',
      '            max_tokens=1024,',
      '            messages=[],',
      '        )',
      '',
    ].join('\r\n');
    const p = await parse(text);
    const [req] = p.view.requests;
    expect(req).toMatchObject({ platform: 'vertex', method: 'create' });
    const out = await rewrite(p, text, [{ kind: 'add-field', container: req.params, path: ['thinking'], key: 'thinking', to: { type: 'adaptive' } }]);
    expect(out).toContain('            messages=[],\r\n            thinking={"type": "adaptive"},\r\n        )');
  });
});

describe('Python negatives', () => {
  it('OpenAI, Gemini, OpenAI Assistants threads, Twilio SMS and a MagicMock in the same file are not requests', async () => {
    const text = read('multi_provider.py');
    const p = await parse(text);
    expect(p.view.requests).toHaveLength(1);
    expect(slice(text, p.view.requests[0].callee)).toBe('claude.messages.create');
    expect(keys(p.view.requests[0])).not.toContain('temperature');
    expect(p.view.clients.map((c) => c.constructor)).toEqual(['anthropic.Anthropic']);
  });

  it('a file that does not use the SDK: look-alike calls and model strings are not requests', async () => {
    const text = [
      'import db',
      '',
      'def save(inbox, text):',
      '    inbox.messages.create(body=text, temperature=3)',
      '    label = "claude-3-haiku-20240307"',
      '    return {"model": label, "temperature": 0.1}',
      '',
    ].join('\n');
    const p = await parse(text);
    expect(p.view.requests).toEqual([]);
    expect(p.view.clients).toEqual([]);
    expect(p.contextAt(text.indexOf('claude-3')).requestModel).toBeUndefined();
    expect(p.contextAt(text.indexOf('claude-3')).inString).toBe(true);
  });

  it('an unknown receiver counts when the model is a Claude ID, even without the SDK import', async () => {
    const text = 'def run(llm):\n    return llm.messages.create(model="claude-3-opus-20240229", max_tokens=10, messages=[])\n';
    const p = await parse(text);
    expect(p.view.requests).toHaveLength(1);
    expect(p.view.requests[0].platform).toBe('unknown');
  });

  it('decodes Python escapes (unknown escapes keep their backslash) and counts syntax errors', async () => {
    expect(decodePyEscapes('a\\n\\x41\\u00e9\\d\\\\')).toBe('a\nAé\\d\\');
    expect(await adapter.countSyntaxErrors('def f(:\n  pass\n', 'x.py')).toBeGreaterThan(0);
    expect(await adapter.countSyntaxErrors('x = 1\n', 'x.py')).toBe(0);
  });
});

describe('Python render round-trips', () => {
  it('set-value thinking → adaptive (double quotes), remove-field with comment, remove-definition, add-field, header replace', async () => {
    const text = read('basic.py');
    const p = await parse(text);
    const [req] = p.view.requests;
    const thinking = field(req.params, 'thinking')!;
    const out = await rewrite(p, text, [
      { kind: 'set-value', value: thinking.value, path: ['thinking'], to: { type: 'adaptive' } },
      { kind: 'remove-definition', value: field(thinking.value, 'budget_tokens')!.value },
      { kind: 'remove-field', container: req.params, field: field(req.params, 'temperature')! },
      { kind: 'remove-field', container: req.params, field: field(req.params, 'top_p')! },
      { kind: 'add-field', container: req.params, path: ['output_config'], key: 'output_config', to: { effort: 'high' } },
      { kind: 'replace', range: req.headers[0].value.contentRange!, text: 'interleaved-thinking-2025-05-14' },
    ]);
    expect(out).toBe(text
      .replace('BUDGET = 8000\n', '')
      .replace('        temperature=0.7,  # creative\n        top_p=0.9,\n', '')
      .replace('{"type": "enabled", "budget_tokens": BUDGET}', '{"type": "adaptive"}')
      .replace('"interleaved-thinking-2025-05-14,effort-2025-11-24"},\n', '"interleaved-thinking-2025-05-14"},\n        output_config={"effort": "high"},\n'));
  });

  it('single-quoted file: set-value renders single quotes; add-field into a nested dict; thinking display', async () => {
    const text = read('async_stream.py');
    const p = await parse(text);
    const stream = p.view.requests[1];
    const out = await rewrite(p, text, [
      { kind: 'set-value', value: field(stream.params, 'thinking')!.value, path: ['thinking'], to: { type: 'adaptive', display: 'summarized' } },
    ]);
    expect(out).toContain("thinking={'type': 'adaptive', 'display': 'summarized'},");
    const withOc = "x = client.messages.create(\n    model='claude-opus-4-6',\n    output_config={'format': {'type': 'json_schema'}},\n)\n";
    const q = await parse(`import anthropic\nclient = anthropic.Anthropic()\n${withOc}`);
    const oc = field(q.view.requests[0].params, 'output_config')!.value;
    const text2 = `import anthropic\nclient = anthropic.Anthropic()\n${withOc}`;
    const out2 = await rewrite(q, text2, [{ kind: 'add-field', container: oc, path: ['output_config', 'effort'], key: 'effort', to: 'high' }]);
    expect(out2).toContain("output_config={'format': {'type': 'json_schema'}, 'effort': 'high'},");
  });

  it('splatted dict: remove the subscript update statement, remove the prefill element, add a field to the dict', async () => {
    const text = read('splat_params.py');
    const p = await parse(text);
    const [req] = p.view.requests;
    const msgs = field(req.params, 'messages')!.value;
    const out = await rewrite(p, text, [
      { kind: 'remove-field', container: req.params, field: field(req.params, 'temperature')! },
      { kind: 'remove-element', array: msgs, element: msgs.elements![1] },
      { kind: 'add-field', container: req.params, path: ['output_config'], key: 'output_config', to: { format: { type: 'json_schema', schema: { $code: 'SCHEMA' } } } },
    ]);
    expect(out).toContain([
      '            {"role": "user", "content": text},',
      '        ],',
      '        "output_config": {"format": {"type": "json_schema", "schema": SCHEMA}},',
      '    }',
      '    response = client.messages.create(**params)',
    ].join('\n'));
    expect(out).not.toContain('params["temperature"]');
    expect(out).not.toContain('"assistant"');
    // add-field where a **kwargs spread may already hold the key: refused.
    const fwd = p.view.requests[1];
    expect(p.render({ kind: 'add-field', container: fwd.params, path: ['thinking'], key: 'thinking', to: { type: 'adaptive' } })).toHaveProperty('refused');
  });

  it('remove-element of a beta and rename-call drop `.beta`; insert-comment above the call', async () => {
    const text = read('beta_platforms.py');
    const p = await parse(text);
    const [req] = p.view.requests;
    const betas = field(req.params, 'betas')!;
    const out = await rewrite(p, text, [
      { kind: 'remove-element', array: betas.value, element: betas.value.elements![0] },
      { kind: 'rename-call', request: req },
      { kind: 'insert-comment', at: text.indexOf('    max_tokens=8192'), text: 'claude-migrate: check max_tokens' },
    ]);
    expect(out).toContain([
      'response = bedrock.messages.create(',
      '    model="anthropic.claude-sonnet-4-5",',
      '    # claude-migrate: check max_tokens',
      '    max_tokens=8192,',
      '    betas=["files-api-2025-04-14"],',
    ].join('\n'));
    // remove the whole betas field (last-but-not-only keyword).
    const out2 = await rewrite(p, text, [{ kind: 'remove-field', container: req.params, field: betas }]);
    expect(out2).not.toContain('betas=');
    expect(p.render({ kind: 'rename-call', request: p.view.requests[1] })).toHaveProperty('refused');
  });

  it('raw HTTP body: remove a dict entry and add thinking in the JSON body', async () => {
    const text = read('raw_http.py');
    const p = await parse(text);
    const [post] = p.view.requests;
    const out = await rewrite(p, text, [
      { kind: 'remove-field', container: post.params, field: field(post.params, 'temperature')! },
      { kind: 'add-field', container: post.params, path: ['thinking'], key: 'thinking', to: { type: 'adaptive' } },
    ]);
    expect(out).toContain([
      '            "max_tokens": 1024,',
      '            "messages": [{"role": "user", "content": prompt}],',
      '            "thinking": {"type": "adaptive"},',
      '        },',
    ].join('\n'));
  });

  it('batch params built with a TypedDict call: set-value and remove-field in its keyword arguments', async () => {
    const text = read('batches.py');
    const p = await parse(text);
    const typed = p.view.requests[0];
    const out = await rewrite(p, text, [
      { kind: 'remove-field', container: typed.params, field: field(typed.params, 'top_k')! },
      { kind: 'set-value', value: field(typed.params, 'max_tokens')!.value, path: ['max_tokens'], to: 64000 },
    ]);
    expect(out).toContain('                max_tokens=64000,\n                messages=[{"role": "user", "content": "Hello, world"}],');
    expect(out).not.toContain('top_k');
  });
});

describe('Python render edge cases', () => {
  const src = [
    'import anthropic',
    'client = anthropic.Anthropic()',
    'r = client.messages.create(',
    '    model="claude-3-opus-20240229",',
    '    thinking=dict(type="enabled", budget_tokens=2048),',
    '    betas=("a", "b"),',
    '    top_k=5  # keep me here',
    ')',
    'one = client.messages.create(model="claude-3-opus-20240229", max_tokens=1, messages=[], temperature=0.5)',
    '',
  ].join('\n');

  it('tuple removals keep a tuple; add-field after a comment-trailed last argument leaves the comment in place', async () => {
    const p = await parse(src);
    const [r, one] = p.view.requests;
    const betas = field(r.params, 'betas')!.value;
    expect(await rewrite(p, src, [{ kind: 'remove-element', array: betas, element: betas.elements![0] }])).toContain('betas=("b",),');
    expect(await rewrite(p, src, [{ kind: 'remove-element', array: betas, element: betas.elements![1] }])).toContain('betas=("a",),');
    const out = await rewrite(p, src, [
      { kind: 'set-value', value: field(r.params, 'thinking')!.value, path: ['thinking'], to: { type: 'adaptive' } },
      { kind: 'add-field', container: r.params, path: ['output_config'], key: 'output_config', to: { effort: 'high' } },
    ]);
    expect(out).toContain('    thinking={"type": "adaptive"},\n    betas=("a", "b"),\n    top_k=5,  # keep me here\n    output_config={"effort": "high"}\n)');
    const inline = await rewrite(p, src, [
      { kind: 'remove-field', container: one.params, field: field(one.params, 'temperature')! },
      { kind: 'add-field', container: one.params, path: ['stream'], key: 'stream', to: true },
    ]);
    expect(inline).toContain('one = client.messages.create(model="claude-3-opus-20240229", max_tokens=1, messages=[], stream=True)');
  });

  it('refuses what it cannot do safely', async () => {
    const p = await parse(src);
    const [r] = p.view.requests;
    expect(p.render({ kind: 'add-field', container: r.params, path: ['model'], key: 'model', to: 'x' })).toHaveProperty('refused');
    expect(p.render({ kind: 'add-field', container: r.params, path: ['x'], key: 'not-an-identifier', to: 1 })).toHaveProperty('refused');
    expect(p.render({ kind: 'remove-definition', value: field(r.params, 'model')!.value })).toHaveProperty('refused');
    expect(p.render({ kind: 'remove-field', container: r.params, field: { ...field(r.params, 'model')!, range: { start: 0, end: 3 } } })).toHaveProperty('refused');
  });
});

describe('Python contextAt and add-alongside', () => {
  const text = read('registry.py');
  const at = (needle: string, nth = 0) => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`no ${needle}`);
    return i;
  };
  const OLD = 'claude-opus-4-6';
  const NEW = 'claude-opus-4-8';

  it('classifies dict keys, list items, tuple, Literal, Enum members, gates, match cases, asserts and comments', async () => {
    const p = await parse(text);
    const dictKey = p.contextAt(at(OLD) + 1);
    expect(dictKey).toMatchObject({ inString: true, inComment: false, collection: { kind: 'map', entries: 2, inKey: true } });
    expect(slice(text, dictKey.collection!.entry)).toBe('"claude-opus-4-6": 128000');
    const list = p.contextAt(at(OLD, 1));
    expect(list.collection).toMatchObject({ kind: 'list', entries: 2 });
    expect(slice(text, list.collection!.entry)).toBe('"claude-opus-4-6"');
    expect(p.contextAt(at(OLD, 2)).collection).toMatchObject({ kind: 'list', entries: 1 });
    expect(p.contextAt(at(OLD, 3)).collection).toMatchObject({ kind: 'union', entries: 2 });
    const member = p.contextAt(at(OLD, 4));
    expect(member.collection).toMatchObject({ kind: 'enum', entries: 2 });
    expect(slice(text, member.collection!.entry)).toBe('CLAUDE_OPUS_4_6 = "claude-opus-4-6"');
    const catalog = p.contextAt(at(OLD, 5));
    expect(catalog.collection).toMatchObject({ kind: 'map', inKey: false });
    const gate = p.contextAt(at('"opus-4-6"'));
    expect(slice(text, gate.gate)).toBe('"opus-4-6" in model_id');
    expect(slice(text, p.contextAt(at(OLD, 6)).gate)).toBe('model_id.startswith("claude-opus-4-6")');
    const kase = p.contextAt(at(OLD, 7));
    expect(kase.collection).toMatchObject({ kind: 'switch', entries: 1 });
    const asserted = p.contextAt(at(OLD, 8));
    expect(slice(text, asserted.assert)).toBe('assert "claude-opus-4-6" in SUPPORTED');
    expect(p.contextAt(at('model list')).inComment).toBe(true);
    expect(p.contextAt(at('newest')).inComment).toBe(true);
  });

  it('adds the new model alongside in every construct, and the result compiles', async () => {
    const p = await parse(text);
    const alongside = (offset: number) => ({ kind: 'add-alongside' as const, at: offset, from: OLD, to: NEW });
    const out = await rewrite(p, text, [
      alongside(at(OLD)),
      alongside(at(OLD, 1)),
      alongside(at(OLD, 2)),
      alongside(at(OLD, 3)),
      alongside(at(OLD, 4)),
      alongside(at(OLD, 5)),
      { kind: 'add-alongside', at: at('"opus-4-6"') + 1, from: 'opus-4-6', to: 'opus-4-8' },
      alongside(at(OLD, 6)),
      alongside(at(OLD, 7)),
      alongside(at(OLD, 8)),
      alongside(at(OLD, 9)),
    ]);
    expect(out).toBe(text
      .replace('    "claude-opus-4-6": 128000,  # newest\n', '    "claude-opus-4-6": 128000,  # newest\n    "claude-opus-4-8": 128000,\n')
      .replace('SUPPORTED = ["claude-opus-4-6", ', 'SUPPORTED = ["claude-opus-4-6", "claude-opus-4-8", ')
      .replace('("claude-opus-4-6",)', '("claude-opus-4-6", "claude-opus-4-8",)')
      .replace('Literal["claude-opus-4-6", ', 'Literal["claude-opus-4-6", "claude-opus-4-8", ')
      .replace('    CLAUDE_OPUS_4_6 = "claude-opus-4-6"\n', '    CLAUDE_OPUS_4_6 = "claude-opus-4-6"\n    CLAUDE_OPUS_4_8 = "claude-opus-4-8"\n')
      .replace('    {"id": "claude-opus-4-6", "context": 1000000},\n', '    {"id": "claude-opus-4-6", "context": 1000000},\n    {"id": "claude-opus-4-8", "context": 1000000},\n')
      .replace('if "opus-4-6" in model_id and', 'if ("opus-4-6" in model_id or "opus-4-8" in model_id) and')
      .replace('return model_id.startswith("claude-opus-4-6")', 'return model_id.startswith("claude-opus-4-6") or model_id.startswith("claude-opus-4-8")')
      .replace('case "claude-opus-4-6":', 'case "claude-opus-4-6" | "claude-opus-4-8":')
      .replace('    assert "claude-opus-4-6" in SUPPORTED\n', '    assert "claude-opus-4-6" in SUPPORTED\n    assert "claude-opus-4-8" in SUPPORTED\n')
      .replace('    assert MODEL_LIMITS["claude-opus-4-6"] == 128000\n', '    assert MODEL_LIMITS["claude-opus-4-6"] == 128000\n    assert MODEL_LIMITS["claude-opus-4-8"] == 128000\n'));
  });

  it('refuses add-alongside outside any construct and when the ID is not at the offset', async () => {
    const src = 'MODEL = "claude-opus-4-6"\n';
    const p = await parse(src);
    expect(p.render({ kind: 'add-alongside', at: src.indexOf(OLD), from: OLD, to: NEW })).toHaveProperty('refused');
    expect(p.render({ kind: 'add-alongside', at: 0, from: OLD, to: NEW })).toHaveProperty('refused');
    expect(rendered(p, { kind: 'insert-comment', at: 3, text: 'note' })).toEqual([{ start: 0, end: 0, text: '# note\n' }]);
  });
});
