// Property tests (issue 7): generated variations of request shapes in every language adapter go through
// planFile, and the output must (1) parse with no more syntax errors than the input, (2) be a fixed point
// of a second run, and (3) differ from the input only where an applied edit is (FileResult.editSpans), with
// every applied edit on its findings' lines except for layout (a neighbour's separator, whole new lines).
// Fixed seed; the run count per property is printed. PROP_RUNS=<n> runs more for a deeper local search.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFootprint, measure } from './measure.js';
import type { LanguageId } from '../../src/languages/types.js';

const SEED = 20261122;
// 500 per language keeps the file near 25 s on 2 cores (1000 passes too, in ~45 s).
const RUNS = Number(process.env.PROP_RUNS ?? 500);
const OPTS = { target: 'auto', today: '2026-11-22' } as const;
const MODELS = ['claude-3-opus-20240229', 'claude-3-5-sonnet-20241022', 'claude-3-haiku-20240307', 'claude-3-7-sonnet-20250219', 'claude-sonnet-4-5', 'claude-opus-4-1'];

/** One request shape, rendered by each language below. */
interface Shape {
  model: string;
  /** Which optional arguments appear, in this order (the required ones are shuffled in too). */
  order: Arg[];
  quote: 'double' | 'single' | 'raw';
  multiline: boolean;
  trailingComma: boolean;
  comments: boolean;
  spaces: '' | ' ' | '   ';
  depth: number;
  maxTokens: number;
  budget: number;
}
type Arg = 'model' | 'max_tokens' | 'messages' | 'temperature' | 'thinking' | 'metadata' | 'stop_sequences' | 'system';

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  model: fc.constantFrom(...MODELS),
  order: fc
    .tuple(fc.shuffledSubarray<Arg>(['temperature', 'thinking', 'metadata', 'stop_sequences', 'system']), fc.nat())
    .chain(([extras]) => fc.shuffledSubarray<Arg>(['model', 'max_tokens', 'messages', ...extras], { minLength: 3 + extras.length, maxLength: 3 + extras.length })),
  quote: fc.constantFrom('double', 'single', 'raw'),
  multiline: fc.boolean(),
  trailingComma: fc.boolean(),
  comments: fc.boolean(),
  spaces: fc.constantFrom('', ' ', '   '),
  depth: fc.integer({ min: 0, max: 4 }),
  maxTokens: fc.constantFrom(256, 1024, 8192, 64000),
  budget: fc.constantFrom(1024, 2048, 16000),
});

/** Joins rendered arguments with the shape's separators, comments and trailing comma. */
function joinArgs(s: Shape, parts: string[], indent: string, opts: { comment: string; trailingAllowed: boolean; sep?: string }): string {
  const sep = opts.sep ?? ',';
  const inner = indent + '    ';
  const items = parts.map((p, i) => (s.comments && i % 2 === 1 ? `${opts.comment} note ${i}\n${s.multiline ? inner : ''}${p}` : p));
  if (!s.multiline) {
    // A line comment cannot sit inside a one-line call: comments only in the multi-line form.
    const flat = parts.join(`${sep}${s.spaces || ' '}`);
    return `${s.spaces}${flat}${s.trailingComma && opts.trailingAllowed ? sep : ''}${s.spaces}`;
  }
  return `\n${items.map((p) => inner + p).join(`${sep}\n`)}${s.trailingComma && opts.trailingAllowed ? sep : ''}\n${indent}`;
}

const q = (s: Shape, text: string, lang: 'py' | 'js' | 'rb' | 'php') => {
  if (s.quote === 'single') return `'${text}'`;
  if (s.quote === 'raw') return lang === 'js' ? `\`${text}\`` : lang === 'py' ? `r"${text}"` : lang === 'rb' ? `%q(${text})` : `"${text}"`;
  return `"${text}"`;
};

type Render = (s: Shape) => string;

const python: Render = (s) => {
  const ind = '    '.repeat(s.depth);
  const args = s.order.map((a) => ({
    model: `model=${q(s, s.model, 'py')}`,
    max_tokens: `max_tokens=${s.maxTokens}`,
    messages: `messages=[{"role": "user", "content": ${q(s, 'hi', 'py')}}]`,
    temperature: 'temperature=0.7',
    thinking: `thinking={"type": "enabled", "budget_tokens": ${s.budget}}`,
    metadata: 'metadata={"user_id": "u1"}',
    stop_sequences: 'stop_sequences=["END"]',
    system: `system=${q(s, 'Be brief.', 'py')}`,
  })[a]);
  const blocks = Array.from({ length: s.depth }, (_, i) => `${'    '.repeat(i)}${i % 2 ? 'for _ in range(1):' : `def f${i}():`}\n`).join('');
  return `import anthropic\n\nclient = anthropic.Anthropic()\n${blocks}${ind}response = client.messages.create(${joinArgs(s, args, ind, { comment: '#', trailingAllowed: true })})\n${ind}print(response.content)\n`;
};

const tsLike = (typed: boolean): Render => (s) => {
  const args = s.order.map((a) => ({
    model: `model: ${q(s, s.model, 'js')}`,
    max_tokens: `max_tokens: ${s.maxTokens}`,
    messages: `messages: [{ role: 'user', content: ${q(s, 'hi', 'js')} }]`,
    temperature: 'temperature: 0.7',
    thinking: `thinking: { type: 'enabled', budget_tokens: ${s.budget} }`,
    metadata: "metadata: { user_id: 'u1' }",
    stop_sequences: "stop_sequences: ['END']",
    system: `system: ${q(s, 'Be brief.', 'js')}`,
  })[a]);
  const ind = '  '.repeat(s.depth);
  const open = Array.from({ length: s.depth }, (_, i) => `${'  '.repeat(i)}${i % 2 ? 'if (ok) {' : `async function f${i}()${typed ? ': Promise<void>' : ''} {`}\n`).join('');
  const close = Array.from({ length: s.depth }, (_, i) => `${'  '.repeat(s.depth - 1 - i)}}\n`).join('');
  return `import Anthropic from '@anthropic-ai/sdk';\n\nconst client = new Anthropic();\nconst ok = true;\n${open}${ind}const message = await client.messages.create({${joinArgs(s, args, ind, { comment: '//', trailingAllowed: true })}});\n${ind}console.log(message.content);\n${close}`;
};

const go: Render = (s) => {
  const model = s.quote === 'raw' ? `\`${s.model}\`` : `"${s.model}"`;
  const args = s.order.map((a) => ({
    model: `Model: anthropic.Model(${model})`,
    max_tokens: `MaxTokens: ${s.maxTokens}`,
    messages: 'Messages: []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock("hi"))}',
    temperature: 'Temperature: anthropic.Float(0.7)',
    thinking: `Thinking: anthropic.ThinkingConfigParamOfEnabled(${s.budget})`,
    metadata: 'Metadata: anthropic.MetadataParam{UserID: anthropic.String("u1")}',
    stop_sequences: 'StopSequences: []string{"END"}',
    system: 'System: []anthropic.TextBlockParam{{Text: "Be brief."}}',
  })[a]);
  // gofmt style: one field per line needs a trailing comma; on one line it is optional.
  const multi = { ...s, trailingComma: s.multiline ? true : s.trailingComma };
  const ind = '\t'.repeat(s.depth + 1);
  const open = Array.from({ length: s.depth }, (_, i) => `${'\t'.repeat(i + 1)}if true {\n`).join('');
  const close = Array.from({ length: s.depth }, (_, i) => `${'\t'.repeat(s.depth - i)}}\n`).join('');
  return `package main\n\nimport (\n\t"context"\n\t"fmt"\n\n\t"github.com/anthropics/anthropic-sdk-go"\n)\n\nfunc main() {\n\tclient := anthropic.NewClient()\n${open}${ind}message, err := client.Messages.New(context.TODO(), anthropic.MessageNewParams{${joinArgs(multi, args, ind, { comment: '//', trailingAllowed: true })}})\n${ind}fmt.Println(message, err)\n${close}}\n`;
};

const java: Render = (s) => {
  const calls = s.order.map((a) => ({
    model: `.model("${s.model}")`,
    max_tokens: `.maxTokens(${s.maxTokens}L)`,
    messages: '.addUserMessage("hi")',
    temperature: '.temperature(0.7)',
    thinking: `.enabledThinking(${s.budget}L)`,
    metadata: '.metadata(Metadata.builder().userId("u1").build())',
    stop_sequences: '.addStopSequence("END")',
    system: '.system("Be brief.")',
  })[a]);
  const ind = '        ' + '    '.repeat(s.depth);
  const chain = s.multiline ? calls.map((c, i) => `\n${ind}    ${s.comments && i % 2 ? `// note ${i}\n${ind}    ` : ''}${c}`).join('') + `\n${ind}    .build()` : calls.join(s.spaces) + '.build()';
  const open = Array.from({ length: s.depth }, (_, i) => `${'        ' + '    '.repeat(i)}if (true) {\n`).join('');
  const close = Array.from({ length: s.depth }, (_, i) => `${'        ' + '    '.repeat(s.depth - 1 - i)}}\n`).join('');
  return `import com.anthropic.client.AnthropicClient;\nimport com.anthropic.client.okhttp.AnthropicOkHttpClient;\nimport com.anthropic.models.messages.*;\n\npublic class Main {\n    public static void main(String[] args) {\n        AnthropicClient client = AnthropicOkHttpClient.fromEnv();\n${open}${ind}MessageCreateParams params = MessageCreateParams.builder()${chain};\n${ind}Message message = client.messages().create(params);\n${close}    }\n}\n`;
};

const ruby: Render = (s) => {
  const args = s.order.map((a) => ({
    model: `model: ${q(s, s.model, 'rb')}`,
    max_tokens: `max_tokens: ${s.maxTokens}`,
    messages: `messages: [{role: "user", content: ${q(s, 'hi', 'rb')}}]`,
    temperature: 'temperature: 0.7',
    thinking: `thinking: {type: "enabled", budget_tokens: ${s.budget}}`,
    metadata: 'metadata: {user_id: "u1"}',
    stop_sequences: 'stop_sequences: ["END"]',
    system: `system: ${q(s, 'Be brief.', 'rb')}`,
  })[a]);
  const ind = '  '.repeat(s.depth);
  const open = Array.from({ length: s.depth }, (_, i) => `${'  '.repeat(i)}${i % 2 ? 'if true' : `def f${i}`}\n`).join('');
  const close = Array.from({ length: s.depth }, (_, i) => `${'  '.repeat(s.depth - 1 - i)}end\n`).join('');
  return `require "anthropic"\n\nclient = Anthropic::Client.new\n${open}${ind}message = client.messages.create(${joinArgs(s, args, ind, { comment: '#', trailingAllowed: true })})\n${ind}puts message.content\n${close}`;
};

const csharp: Render = (s) => {
  const args = s.order.map((a) => ({
    model: `Model = ${s.quote === 'raw' ? '@' : ''}"${s.model}"`,
    max_tokens: `MaxTokens = ${s.maxTokens}`,
    messages: 'Messages = [new() { Role = Role.User, Content = "hi" }]',
    temperature: 'Temperature = 0.7',
    thinking: `Thinking = new ThinkingConfigEnabled { BudgetTokens = ${s.budget} }`,
    metadata: 'Metadata = new() { UserID = "u1" }',
    stop_sequences: 'StopSequences = ["END"]',
    system: 'System = "Be brief."',
  })[a]);
  const ind = '        ' + '    '.repeat(s.depth);
  const open = Array.from({ length: s.depth }, (_, i) => `${'        ' + '    '.repeat(i)}if (true)\n${'        ' + '    '.repeat(i)}{\n`).join('');
  const close = Array.from({ length: s.depth }, (_, i) => `${'        ' + '    '.repeat(s.depth - 1 - i)}}\n`).join('');
  return `using Anthropic;\nusing Anthropic.Models.Messages;\n\nclass Program\n{\n    static async Task Main()\n    {\n        AnthropicClient client = new();\n${open}${ind}MessageCreateParams parameters = new()\n${ind}{${joinArgs(s, args, ind, { comment: '//', trailingAllowed: true })}};\n${ind}var message = await client.Messages.Create(parameters);\n${close}    }\n}\n`;
};

const php: Render = (s) => {
  const args = s.order.map((a) => ({
    model: `model: ${q(s, s.model, 'php')}`,
    max_tokens: `maxTokens: ${s.maxTokens}`,
    messages: `messages: [['role' => 'user', 'content' => ${q(s, 'hi', 'php')}]]`,
    temperature: 'temperature: 0.7',
    thinking: `thinking: ['type' => 'enabled', 'budget_tokens' => ${s.budget}]`,
    metadata: "metadata: ['user_id' => 'u1']",
    stop_sequences: "stopSequences: ['END']",
    system: "system: 'Be brief.'",
  })[a]);
  const ind = '    '.repeat(s.depth);
  const open = Array.from({ length: s.depth }, (_, i) => `${'    '.repeat(i)}if (true) {\n`).join('');
  const close = Array.from({ length: s.depth }, (_, i) => `${'    '.repeat(s.depth - 1 - i)}}\n`).join('');
  return `<?php\n\nuse Anthropic\\Client;\n\n$client = new Client();\n${open}${ind}$message = $client->messages->create(${joinArgs(s, args, ind, { comment: '//', trailingAllowed: true })});\n${ind}echo $message->content[0]->text;\n${close}`;
};

/** JSON body fields, shared by curl, JSON and YAML. */
function bodyFields(s: Shape): [string, unknown][] {
  return s.order.map((a): [string, unknown] => ({
    model: ['model', s.model] as [string, unknown],
    max_tokens: ['max_tokens', s.maxTokens] as [string, unknown],
    messages: ['messages', [{ role: 'user', content: 'hi' }]] as [string, unknown],
    temperature: ['temperature', 0.7] as [string, unknown],
    thinking: ['thinking', { type: 'enabled', budget_tokens: s.budget }] as [string, unknown],
    metadata: ['metadata', { user_id: 'u1' }] as [string, unknown],
    stop_sequences: ['stop_sequences', ['END']] as [string, unknown],
    system: ['system', 'Be brief.'] as [string, unknown],
  })[a]);
}

function jsonBody(s: Shape, indent: string): string {
  const parts = bodyFields(s).map(([k, v]) => `"${k}":${s.spaces || ' '}${JSON.stringify(v)}`);
  return `{${joinArgs({ ...s, comments: false }, parts, indent, { comment: '', trailingAllowed: false })}}`;
}

const shell: Render = (s) => {
  const body = jsonBody(s, '');
  const headers = ['-H "x-api-key: $ANTHROPIC_API_KEY"', '-H "anthropic-version: 2023-06-01"', '-H "content-type: application/json"'];
  const cont = s.multiline ? ' \\\n  ' : ' ';
  const open = Array.from({ length: s.depth }, (_, i) => `${'  '.repeat(i)}if true; then\n`).join('');
  const close = Array.from({ length: s.depth }, (_, i) => `${'  '.repeat(s.depth - 1 - i)}fi\n`).join('');
  return `#!/bin/sh\n${s.comments ? '# call the Messages API\n' : ''}${open}curl https://api.anthropic.com/v1/messages${cont}${headers.join(cont)}${cont}-d '${body}'\n${close}`;
};

const json: Render = (s) => `${jsonBody(s, '')}\n`;

const yaml: Render = (s) => {
  const lines = bodyFields(s).map(([k, v]) => {
    if (typeof v === 'string') return `${k}: ${s.quote === 'single' ? `'${v}'` : s.quote === 'double' ? `"${v}"` : v}`;
    return `${k}: ${JSON.stringify(v)}`;
  });
  const withComments = lines.map((l, i) => (s.comments && i % 2 ? `# note ${i}\n${l}` : l));
  // A top-level body is a stored request payload; under a key it is configuration (model-id only).
  return s.depth % 2 === 0 ? `${withComments.join('\n')}\n` : `request:\n${withComments.join('\n').replace(/^/gm, '  ')}\n`;
};

const LANGUAGES: { lang: LanguageId; path: string; render: Render }[] = [
  { lang: 'python', path: 'app.py', render: python },
  { lang: 'typescript', path: 'app.ts', render: tsLike(true) },
  { lang: 'javascript', path: 'app.mjs', render: tsLike(false) },
  { lang: 'go', path: 'main.go', render: go },
  { lang: 'java', path: 'Main.java', render: java },
  { lang: 'ruby', path: 'app.rb', render: ruby },
  { lang: 'csharp', path: 'Program.cs', render: csharp },
  { lang: 'php', path: 'app.php', render: php },
  { lang: 'shell', path: 'call.sh', render: shell },
  { lang: 'yaml', path: 'request.yaml', render: yaml },
  { lang: 'json', path: 'request.json', render: json },
];

const runCounts: string[] = [];
afterAll(() => console.log(`property runs (seed ${SEED}):\n  ${runCounts.join('\n  ')}`));

describe('planFile properties over generated request shapes', () => {
  for (const { lang, path, render } of LANGUAGES) {
    it(`${lang}: no new syntax errors, fixed point, edits only where findings are`, async () => {
      let runs = 0;
      let changed = 0;
      let clean = 0;
      let requestRuleRuns = 0;
      await fc.assert(
        fc.asyncProperty(shapeArb, async (shape) => {
          runs++;
          const src = render(shape);
          const r = await measure(lang, path, src);
          if (r.output !== src) changed++;
          if (r.requestRules > 0) requestRuleRuns++;
          if (r.errorsIn === 0) clean++;
          expect(r.errorsOut, 'syntax errors added').toBeLessThanOrEqual(r.errorsIn);
          expect(r.secondOutput, 'second run changed the output again').toBe(r.output);
          expect(r.outsideLines, 'lines changed outside every applied edit').toEqual([]);
          expect(r.strayEdits, 'edits outside every applied finding beyond layout').toEqual([]);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      runCounts.push(`${lang}: ${runs} runs, ${clean} inputs parsed cleanly, ${changed} changed the file, ${requestRuleRuns} applied a request rule beyond model-id`);
      // Guards against a generator that writes broken code or nothing the engine migrates.
      expect(clean).toBe(runs);
      expect(changed).toBeGreaterThan(0);
      // ...or requests the adapter does not see (then only the model-ID string swap is exercised).
      expect(requestRuleRuns).toBeGreaterThan(runs / 4);
    }, 120_000);
  }
});

describe('footprint checks (on hand-made plans)', () => {
  const src = 'call(\n  a=1,\n  b=2,\n  c=3\n)\nafter()\n';
  const at = (needle: string) => src.indexOf(needle);
  // One applied finding on line 3 (`b=2,`).
  const onB = [{ line: 3, endLine: 3 }];

  it('accepts removing a field with the separator on the line above, and adding a field on a new line', () => {
    // Remove "\n  b=2," (it starts at the end of line 2, a neighbour) and insert ",\n  d=4" at the end of
    // line 4 (a line boundary: `c=3` gains only its separator), as the adapters remove and add fields.
    const removeB = { start: at('\n  b=2,'), end: at('\n  b=2,') + '\n  b=2,'.length };
    const addD = { start: at('\n)'), end: at('\n)') };
    const output = 'call(\n  a=1,\n  c=3,\n  d=4\n)\nafter()\n';
    expect(checkFootprint(src, output, [removeB, addD], onB)).toEqual({ outsideLines: [], strayEdits: [] });
  });

  it('flags a changed line that no applied edit covers', () => {
    const output = src.replace('after()', 'later()');
    const editB = { start: at('b=2'), end: at('b=2') + 3 };
    expect(checkFootprint(src, output.replace('b=2', 'b=9'), [editB], onB).outsideLines).toEqual([6]);
    expect(checkFootprint(src, src.replace('after()\n', 'after()\nmore()\n'), [editB], onB).outsideLines).toEqual([7]);
  });

  it('flags an edit that removes code, or splices into a line, outside every applied finding', () => {
    const eatsC = { start: at('b=2'), end: at('c=3') + 3 };
    expect(checkFootprint(src, src.slice(0, eatsC.start) + src.slice(eatsC.end), [eatsC], onB).strayEdits).toEqual([
      'removes "b=2,\\n  c=3" at line 4, outside every applied finding',
    ]);
    const midA = { start: at('a=1') + 1, end: at('a=1') + 1 };
    expect(checkFootprint(src, src.replace('a=1', 'a =1'), [midA], onB).strayEdits).toEqual(['inserts mid-line at line 2, outside every applied finding']);
  });
});

describe('regressions found by the properties', () => {
  // RUNS=150 counterexample: thinking-budget adds `output_config` after the last argument, two lines below
  // the `thinking` field it reports; the old check (finding lines only) called that line an outside change.
  it('python: output_config added after the last argument is inside the finding\'s edit footprint', async () => {
    const src = [
      'import anthropic',
      '',
      'client = anthropic.Anthropic()',
      'def f0():',
      '    response = client.messages.create(',
      "        model='claude-opus-4-1',",
      '        max_tokens=64000,',
      '        thinking={"type": "enabled", "budget_tokens": 16000},',
      '        temperature=0.7,',
      "        system='Be brief.',",
      '        messages=[{"role": "user", "content": \'hi\'}],',
      '        stop_sequences=["END"],',
      '    )',
      '    print(response.content)',
      '',
    ].join('\n');
    const r = await measure('python', 'app.py', src);
    expect(r.output).toBe(
      [
        'import anthropic',
        '',
        'client = anthropic.Anthropic()',
        'def f0():',
        '    response = client.messages.create(',
        "        model='claude-opus-4-8',",
        '        max_tokens=64000,',
        '        thinking={"type": "adaptive"},',
        "        system='Be brief.',",
        '        messages=[{"role": "user", "content": \'hi\'}],',
        '        stop_sequences=["END"],',
        "        output_config={'effort': 'high'},",
        '    )',
        '    print(response.content)',
        '',
      ].join('\n'),
    );
    // The insertion sits at the end of line 12 (`stop_sequences`), which no finding reports.
    expect(r.editSpans.map((e) => src.slice(e.start, e.end))).toEqual(['claude-opus-4-1', '{"type": "enabled", "budget_tokens": 16000}', '', '\n        temperature=0.7,']);
    expect(r.outsideLines).toEqual([]);
    expect(r.strayEdits).toEqual([]);
    expect(r.secondOutput).toBe(r.output);
  });

  // The Go generator writes `Model: anthropic.Model("…")`, a conversion to the SDK's string type. The adapter
  // saw a call, not the model, so no request rule ran on Go (the property passed without testing anything).
  it('go: a model written as anthropic.Model("…") is the request\'s model, so request rules run', async () => {
    const src = `package main\n\nimport (\n\t"context"\n\n\t"github.com/anthropics/anthropic-sdk-go"\n)\n\nfunc main() {\n\tclient := anthropic.NewClient()\n\tclient.Messages.New(context.TODO(), anthropic.MessageNewParams{\n\t\tModel:       anthropic.Model("claude-opus-4-1"),\n\t\tMaxTokens:   1024,\n\t\tTemperature: anthropic.Float(0.7),\n\t\tThinking:    anthropic.ThinkingConfigParamOfEnabled(2048),\n\t\tMessages:    []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock("hi"))},\n\t})\n}\n`;
    const r = await measure('go', 'main.go', src);
    expect(r.output).toBe(
      `package main\n\nimport (\n\t"context"\n\n\t"github.com/anthropics/anthropic-sdk-go"\n)\n\nfunc main() {\n\tclient := anthropic.NewClient()\n\tclient.Messages.New(context.TODO(), anthropic.MessageNewParams{\n\t\tModel:     anthropic.Model("claude-opus-4-8"),\n\t\tMaxTokens: 1024,\n\t\tThinking:  anthropic.ThinkingConfigParamUnion{OfAdaptive: &anthropic.ThinkingConfigAdaptiveParam{}},\n\t\tMessages:  []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock("hi"))},\n\t\tOutputConfig: anthropic.OutputConfigParam{Effort: anthropic.OutputConfigEffortHigh},\n\t})\n}\n`,
    );
    expect(r.outsideLines).toEqual([]);
    expect(r.strayEdits).toEqual([]);
    expect(r.secondOutput).toBe(r.output);
  });
});
