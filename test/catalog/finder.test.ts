import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODELS, MODEL_ID_REGEX_SOURCE, findModelIds, getModel } from '../../src/catalog/index.js';
import type { ModelIdMatch } from '../../src/catalog/types.js';

/** Matches as compact tuples: [text, form, model id, variant]. */
function found(text: string): Array<[string, string, string | undefined, string | undefined]> {
  return findModelIds(text).map((m) => [m.text, m.form, m.model?.id, m.variant]);
}

function one(text: string): ModelIdMatch {
  const matches = findModelIds(text);
  expect(matches, text).toHaveLength(1);
  return matches[0];
}

function core(text: string, m: ModelIdMatch): string {
  return text.slice(m.core.start, m.core.end);
}

const ALL_IDS = MODELS.flatMap((m) => m.ids);

describe('findModelIds: every catalogue ID, in every kind of surrounding text', () => {
  it('finds each first-party ID with exact offsets in code, config and prose', () => {
    const contexts = [
      (id: string) => `model="${id}"`,
      (id: string) => `model: '${id}',`,
      (id: string) => `{"model": "${id}", "max_tokens": 1024}`,
      (id: string) => `  model: ${id}\n`,
      (id: string) => `| Opus | \`${id}\` |`,
      (id: string) => `curl https://api.anthropic.com/v1/models/${id}?beta=true`,
      (id: string) => `ANTHROPIC_MODEL=${id}`,
      (id: string) => `claude --model ${id} -p hi`,
      (id: string) => `Model: ${anthropicConst(id)} // ${id}.`,
      (id: string) => `[${id}](https://docs.example.com)`,
      (id: string) => `const m = \`${id}\`;`,
      (id: string) => `"prompt\\n${id}"`,
      (id: string) => `(${id})`,
      (id: string) => id,
    ];
    for (const id of ALL_IDS) {
      for (const wrap of contexts) {
        const text = wrap(id);
        const matches = findModelIds(text).filter((m) => m.text === id);
        expect(matches.length, text).toBeGreaterThanOrEqual(1);
        const m = matches[0];
        expect(text.slice(m.start, m.end)).toBe(id);
        expect(m.start).toBe(text.indexOf(id));
        expect(m.model).toBe(getModel(id));
        expect(m.variant).toBeUndefined();
        expect(core(text, m)).toBe(id);
      }
    }
  });

  it('forms: alias (including 3.x -latest and claude-2.x) vs dated', () => {
    expect(one('claude-opus-4-6').form).toBe('alias');
    expect(one('claude-3-5-sonnet-latest').form).toBe('alias');
    expect(one('claude-2.0').form).toBe('alias');
    expect(one('claude-sonnet-4-5-20250929').form).toBe('dated');
    expect(one('claude-3-opus-20240229').form).toBe('dated');
  });

  it('property: any catalogue ID between boundary characters is found exactly once, at its offsets', () => {
    const boundary = fc.constantFrom(' ', '"', "'", '`', '(', ')', '[', ']', '{', '}', ',', ';', ':', '=', '/', '\n', '\t', '|', '<', '>', '#', '!', '?', '*', '');
    const filler = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '1', '_', '-', '.', 'x', '\n', 'é', '😀') });
    fc.assert(
      fc.property(fc.constantFrom(...ALL_IDS), filler, boundary, boundary, filler, (id, pre, left, right, post) => {
        const head = `${pre} ${left}`;
        const tail = `${right} ${post}`;
        const text = head + id + tail;
        const matches = findModelIds(text);
        expect(matches).toHaveLength(1);
        expect(matches[0]).toMatchObject({ start: head.length, end: head.length + id.length, text: id });
        expect(matches[0].model).toBe(getModel(id));
      }),
      { numRuns: 400 },
    );
  });

  it('property: an ID glued to a word character on either side is never found', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_IDS), fc.constantFrom('a', 'Z', '0', '9', '_'), fc.boolean(), (id, ch, before) => {
        const text = before ? ` ${ch}${id} ` : ` ${id}${ch} `;
        expect(findModelIds(text)).toEqual([]);
      }),
    );
  });

  it('offsets are UTF-16 code units and several IDs on a line come back in order', () => {
    const text = '😀 é "claude-opus-4-6", 🚀 claude-sonnet-4-5-20250929 and anthropic.claude-haiku-4-5';
    const matches = findModelIds(text);
    expect(matches.map((m) => text.slice(m.start, m.end))).toEqual(['claude-opus-4-6', 'claude-sonnet-4-5-20250929', 'anthropic.claude-haiku-4-5']);
    expect(matches.map((m) => m.start)).toEqual([6, 27, 58]);
    for (const m of matches) expect(m.text).toBe(text.slice(m.start, m.end));
  });
});

describe('findModelIds: provider forms', () => {
  it('Claude in Amazon Bedrock: anthropic.<id>, core after the prefix', () => {
    const text = 'model="anthropic.claude-opus-4-7"';
    const m = one(text);
    expect(m).toMatchObject({ form: 'bedrock', text: 'anthropic.claude-opus-4-7', start: 7, end: 32 });
    expect(m.model?.id).toBe('claude-opus-4-7');
    expect(core(text, m)).toBe('claude-opus-4-7');
    expect(one('anthropic.claude-sonnet-4-5-20250929').form).toBe('bedrock');
  });

  it('legacy Bedrock: ARN-versioned IDs and cross-region inference profiles', () => {
    const cases: Array<[string, string, string]> = [
      ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet-20241022'],
      ['modelId: "us.anthropic.claude-3-7-sonnet-20250219-v1:0"', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', 'claude-3-7-sonnet-20250219'],
      ['eu.anthropic.claude-sonnet-4-20250514-v1:0', 'eu.anthropic.claude-sonnet-4-20250514-v1:0', 'claude-sonnet-4-0'],
      ['apac.anthropic.claude-3-haiku-20240307-v1:0', 'apac.anthropic.claude-3-haiku-20240307-v1:0', 'claude-3-haiku-20240307'],
      ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
      ['us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0', 'us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0', 'claude-3-5-sonnet-20240620'],
      ['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-opus-20240229-v1:0', 'anthropic.claude-3-opus-20240229-v1:0', 'claude-3-opus-20240229'],
      ['anthropic.claude-3-sonnet-20240229-v1:0:200k', 'anthropic.claude-3-sonnet-20240229-v1:0:200k', 'claude-3-sonnet-20240229'],
      ['anthropic.claude-opus-4-1-20250805-v1', 'anthropic.claude-opus-4-1-20250805-v1', 'claude-opus-4-1'],
      ['us.anthropic.claude-opus-4-6', 'us.anthropic.claude-opus-4-6', 'claude-opus-4-6'],
    ];
    for (const [text, id, model] of cases) {
      const m = one(text);
      expect(m.text, text).toBe(id);
      expect(m.form, text).toBe('bedrock-legacy');
      expect(m.model?.id, text).toBe(model);
      expect(m.variant, text).toBeUndefined();
      expect(core(text, m), text).toMatch(/^claude-[a-z0-9-]+$/);
    }
  });

  it('Vertex AI: name@date, core is the whole name@date', () => {
    const cases: Array<[string, string]> = [
      ['claude-3-5-sonnet-v2@20241022', 'claude-3-5-sonnet-20241022'],
      ['claude-3-5-sonnet@20240620', 'claude-3-5-sonnet-20240620'],
      ['claude-opus-4-1@20250805', 'claude-opus-4-1'],
      ['claude-sonnet-4@20250514', 'claude-sonnet-4-0'],
      ['claude-opus-4@20250514', 'claude-opus-4-0'],
      ['claude-3-7-sonnet@20250219', 'claude-3-7-sonnet-20250219'],
      ['claude-3-haiku@20240307', 'claude-3-haiku-20240307'],
      ['claude-haiku-4-5@20251001', 'claude-haiku-4-5'],
      ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5'],
    ];
    for (const [id, model] of cases) {
      const text = `model = "${id}"`;
      const m = one(text);
      expect(m).toMatchObject({ form: 'vertex', text: id, start: 9 });
      expect(m.model?.id, id).toBe(model);
      expect(m.variant, id).toBeUndefined();
      expect(core(text, m)).toBe(id);
    }
    expect(one('vertex_ai/claude-3-5-sonnet-v2@20241022').text).toBe('claude-3-5-sonnet-v2@20241022');
  });

  it('Vertex AI: an unknown date of a known name is a variant', () => {
    const m = one('claude-opus-4-1@20990101');
    expect(m).toMatchObject({ form: 'vertex', variant: '@20990101' });
    expect(m.model?.id).toBe('claude-opus-4-1');
    expect(one('claude-sonnet-4@20250929').variant).toBe('@20250929');
  });

  it('LiteLLM: anthropic/<id>, core after the prefix', () => {
    const text = 'completion(model="anthropic/claude-3-opus-20240229")';
    const m = one(text);
    expect(m).toMatchObject({ form: 'litellm', text: 'anthropic/claude-3-opus-20240229', start: 18 });
    expect(core(text, m)).toBe('claude-3-opus-20240229');
    expect(one('openrouter/anthropic/claude-sonnet-4-5').form).toBe('litellm');
    expect(one('bedrock/anthropic.claude-3-haiku-20240307-v1:0').form).toBe('bedrock-legacy');
  });
});

describe('findModelIds: variants', () => {
  const cases: Array<[string, string, string, string]> = [
    // text, variant, base model, form
    ['claude-opus-4-6-fast', '-fast', 'claude-opus-4-6', 'alias'],
    ['claude-sonnet-4-5[1m]', '[1m]', 'claude-sonnet-4-5', 'alias'],
    ['claude-sonnet-4-5-20250929[1m]', '[1m]', 'claude-sonnet-4-5', 'dated'],
    ['claude-opus-4-6-200k', '-200k', 'claude-opus-4-6', 'alias'],
    ['claude-sonnet-4-6-1024k', '-1024k', 'claude-sonnet-4-6', 'alias'],
    ['claude-haiku-4-5-500k', '-500k', 'claude-haiku-4-5', 'alias'],
    ['claude-opus-4-5-20990101', '-20990101', 'claude-opus-4-5', 'dated'],
    ['claude-opus-4-6-20251101', '-20251101', 'claude-opus-4-6', 'dated'],
    ['claude-opus-4-20990101', '-20990101', 'claude-opus-4-0', 'dated'],
    ['claude-3-5-sonnet-20990101', '-20990101', 'claude-3-5-sonnet-20241022', 'dated'],
    ['claude-opus-4-0-20250514', '-20250514', 'claude-opus-4-0', 'dated'],
    ['claude-opus-4-6-fast[1m]', '-fast[1m]', 'claude-opus-4-6', 'alias'],
    ['claude-opus-4-6-preview', '-preview', 'claude-opus-4-6', 'alias'],
    ['anthropic.claude-opus-4-6-fast', '-fast', 'claude-opus-4-6', 'bedrock'],
    ['anthropic/claude-sonnet-4-5[1m]', '[1m]', 'claude-sonnet-4-5', 'litellm'],
  ];
  for (const [text, variant, model, form] of cases) {
    it(`${text} is a ${variant} variant of ${model}`, () => {
      const quoted = `"${text}"`;
      const m = one(quoted);
      expect(m).toMatchObject({ text, variant, form, start: 1, end: text.length + 1 });
      expect(m.model?.id).toBe(model);
    });
  }

  it('a real dated snapshot is not a variant', () => {
    expect(one('claude-opus-4-20250514').variant).toBeUndefined();
    expect(one('claude-haiku-4-5-20251001').variant).toBeUndefined();
  });
});

describe('findModelIds: negatives (documented decisions)', () => {
  const negatives: Array<[string, string]> = [
    ['claude-opus-4-80', 'a longer version number is a different model'],
    ['claude-sonnet-4-50', 'same'],
    ['claude-opus-4-9', 'an unknown model of a known family: only catalogue models are reported'],
    ['claude-opus-5-2', 'an unknown model'],
    ['claude-opus-4', 'a dated ID\'s stem alone is not an ID'],
    ['claude-sonnet-4', 'same'],
    ['claude-3-5-sonnet-v3', 'a stem with a non-date suffix'],
    ['xclaude-3-opus-20240229', 'glued to a word on the left'],
    ['my-claude-3-opus-20240229-thing', 'part of a larger hyphenated identifier (a deployment or file name)'],
    ['foo.claude-opus-4-6', 'part of a dotted name'],
    ['claude-opus-4-6.json', 'a file name: rewriting would break the reference'],
    ['claude-opus-4-6_fast', 'glued with an underscore'],
    ['claude-2.10', 'a version string, not claude-2.1'],
    ['claude-2.1.3', 'a version string'],
    ['claude-2', 'not in the catalogue'],
    ['claude-instant-1.2', 'not in the catalogue'],
    ['claude', 'the word alone'],
    ['Claude Opus 4.6 is great', 'prose names are not IDs'],
    ['CLAUDE-OPUS-4-6', 'IDs are case-sensitive'],
    ['claude_opus_4_6', 'an identifier, not an ID'],
    ['claude-code claude-api claude-migrate', 'other claude- words'],
    ['anthropic.claude-opus-4-80', 'prefixed, still a longer version'],
    ['claude-opus-4-6@anthropic.com', 'an e-mail-like token'],
    ['claude-opus-4-5-1', 'a three-part version number'],
    ['claude-opus-4-5-20251101a', 'a date glued to a word'],
  ];
  for (const [text, why] of negatives) {
    it(`no match in "${text}" (${why})`, () => {
      expect(found(text)).toEqual([]);
      expect(found(` "${text}" `)).toEqual([]);
    });
  }

  it('an ID at the end of a sentence, or followed by a lone hyphen, is still found', () => {
    expect(found('Use claude-opus-4-6.')).toEqual([['claude-opus-4-6', 'alias', 'claude-opus-4-6', undefined]]);
    expect(found('claude-opus-4-6- ')).toEqual([['claude-opus-4-6', 'alias', 'claude-opus-4-6', undefined]]);
    expect(found('claude-2.1, claude-2.0.')).toEqual([
      ['claude-2.1', 'alias', 'claude-2.1', undefined],
      ['claude-2.0', 'alias', 'claude-2.0', undefined],
    ]);
  });
});

describe('findModelIds: realistic files', () => {
  it('YAML, JSON, Markdown and Python with comments', () => {
    const yaml = 'defaults:\n  model: claude-3-5-sonnet-20241022 # legacy\n  fallback: "claude-3-5-haiku-latest"\n';
    expect(found(yaml).map((f) => f[0])).toEqual(['claude-3-5-sonnet-20241022', 'claude-3-5-haiku-latest']);
    const json = '{"models":["claude-opus-4-1","anthropic.claude-opus-4-7","claude-opus-4-6-fast"]}';
    expect(found(json)).toEqual([
      ['claude-opus-4-1', 'alias', 'claude-opus-4-1', undefined],
      ['anthropic.claude-opus-4-7', 'bedrock', 'claude-opus-4-7', undefined],
      ['claude-opus-4-6-fast', 'alias', 'claude-opus-4-6', '-fast'],
    ]);
    const md = 'We moved from `claude-sonnet-4-0` to **claude-sonnet-4-6** (see [docs](https://x.dev/claude-sonnet-4-6)).';
    expect(found(md).map((f) => f[0])).toEqual(['claude-sonnet-4-0', 'claude-sonnet-4-6', 'claude-sonnet-4-6']);
    const py = 'MODEL = os.environ.get("MODEL", "claude-opus-4-5")  # was claude-3-opus-latest\nclient.messages.create(model=MODEL)\n';
    const matches = findModelIds(py);
    expect(matches.map((m) => [m.start, m.end])).toEqual([[33, 48], [58, 78]]);
  });

  it('current targets are returned too (callers filter with needsMigration)', () => {
    expect(found('claude-opus-4-8 claude-fable-5 claude-mythos-5').map((f) => f[2])).toEqual(['claude-opus-4-8', 'claude-fable-5', 'claude-mythos-5']);
  });
});

describe('MODEL_ID_REGEX_SOURCE', () => {
  const samples = [
    ...ALL_IDS,
    'anthropic.claude-opus-4-7',
    'us.anthropic.claude-3-5-sonnet-20241022-v2:0',
    'claude-3-5-sonnet-v2@20241022',
    'claude-sonnet-4@20250514',
    'anthropic/claude-3-opus-20240229',
    'claude-opus-4-6-fast',
    'claude-sonnet-4-5[1m]',
    'claude-opus-4-20990101',
  ];

  it('is plain regex syntax (no lookaround, no backreferences)', () => {
    expect(MODEL_ID_REGEX_SOURCE).not.toMatch(/\(\?<?[=!]|\\[1-9]|\\k</);
    expect(() => new RegExp(MODEL_ID_REGEX_SOURCE)).not.toThrow();
  });

  it('matches inside every ID the finder reports', () => {
    const re = new RegExp(MODEL_ID_REGEX_SOURCE);
    for (const s of samples) {
      const [m] = findModelIds(s);
      expect(m?.text, s).toBe(s);
      expect(re.test(m.text), s).toBe(true);
    }
  });

  it('works in ripgrep (Rust regex syntax) and selects the same lines', () => {
    let rg = true;
    try {
      execFileSync('rg', ['--version'], { stdio: 'ignore' });
    } catch {
      rg = false;
    }
    if (!rg) {
      console.warn('rg not on PATH: ripgrep syntax check skipped');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'catalog-rg-'));
    try {
      const file = join(dir, 'ids.txt');
      writeFileSync(file, [...samples, 'no model here', 'claude alone', 'Claude-Opus'].join('\n') + '\n');
      const out = execFileSync('rg', ['--count', '-e', MODEL_ID_REGEX_SOURCE, file], { encoding: 'utf8' });
      expect(Number(out.trim())).toBe(samples.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A Go-SDK-style constant name, to put a non-ID mention of the model next to it. */
function anthropicConst(id: string): string {
  return 'anthropic.Model' + id.replace(/[^a-z0-9]/g, '_');
}
