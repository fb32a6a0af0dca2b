// Step 1 buckets per language: fixtures/buckets/<lang>/<bucket>--<case>.<ext>. Definers, variants and
// comment-only or prose mentions must come through a default run unchanged.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planFile } from '../../src/engine/plan-file.js';
import { detectLanguage } from '../../src/scanner/language.js';
import { FIXTURES } from '../support/fixtures.js';

const ROOT = join(FIXTURES, 'buckets');

describe('buckets', () => {
  for (const lang of readdirSync(ROOT).sort()) {
    for (const file of readdirSync(join(ROOT, lang)).sort()) {
      const [bucket, name] = file.split('--');
      it(`${lang}/${file}`, async () => {
        const text = readFileSync(join(ROOT, lang, file), 'utf8');
        const language = detectLanguage(file, text.split('\n')[0]);
        expect(language, 'language').toBeDefined();
        const { result } = await planFile(`src/${file}`, text, language!, { target: 'auto', today: '2026-11-22' });
        expect(result.bucket).toBe(bucket);
        const unchanged = bucket === 'definer' || /comment-only|prose-only|registry-assert|capability-gate/.test(name);
        if (unchanged) expect(result.planned ?? text).toBe(text);
        // Variant IDs are never rewritten (fast-mode may add its one-line comment above).
        if (bucket === 'variant') for (const id of text.match(/claude-[a-z0-9-]+(-fast|\[1m\])/g) ?? []) expect(result.planned ?? text).toContain(id);
        if (bucket === 'caller' || /ui-fallback|app-config/.test(name)) expect(result.planned, 'the old ID is swapped').toBeDefined();
      });
    }
  }
});

describe('frozen recordings', () => {
  it('an httprr record/replay file is flagged for re-recording, never edited', async () => {
    const text = 'httprr trace v1\n312 497\nPOST https://api.anthropic.com/v1/messages HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{"model":"claude-3-7-sonnet-20250219","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}HTTP/2.0 200 OK\r\n\r\n{"type":"message","model":"claude-3-7-sonnet-20250219"}\n';
    const path = 'llms/anthropic/testdata/TestClient_CreateMessage.httprr';
    const { result } = await planFile(path, text, detectLanguage(path, text.split('\n')[0]) ?? 'text', { target: 'auto', today: '2026-11-22' });
    expect(result.planned).toBeUndefined();
    expect(result.findings.map((f) => f.rule)).toContain('generated-snapshot');
  });

  it("another API's response kept as test data is frozen; a request body next to it is not", async () => {
    const response = '{\n  "pages": [{"index": 0, "markdown": "Use claude-3-5-sonnet-20241022 here."}],\n  "model": "mistral-ocr-latest",\n  "usage_info": {"pages_processed": 1}\n}\n';
    const frozen = await planFile('tests/Fixtures/mistral/ocr-response-1.json', response, 'json', { target: 'auto', today: '2026-11-22' });
    expect(frozen.result.planned).toBeUndefined();
    expect(frozen.result.findings.map((f) => f.rule)).toContain('generated-snapshot');
    const request = '{"model": "claude-3-5-sonnet-20241022", "max_tokens": 64, "messages": [{"role": "user", "content": "hi"}]}\n';
    const body = await planFile('tests/Fixtures/anthropic/request.json', request, 'json', { target: 'auto', today: '2026-11-22' });
    expect(body.result.planned).toContain('claude-sonnet-4-6');
  });

  it('the versioned docs of a past release (Docusaurus) are frozen; the current docs are not', async () => {
    const text = '# Anthropic\n\n```python\ngenerator = AnthropicChatGenerator(model="claude-3-5-sonnet-20241022")\n```\n';
    const frozen = await planFile('docs-website/reference_versioned_docs/version-2.18/integrations-api/anthropic.md', text, 'markdown', { target: 'auto', today: '2026-11-22' });
    expect(frozen.result.planned).toBeUndefined();
    expect(frozen.result.findings.map((f) => f.rule)).toContain('generated-snapshot');
    const current = await planFile('docs-website/reference/integrations-api/anthropic.md', text, 'markdown', { target: 'auto', today: '2026-11-22' });
    expect(current.result.planned).toContain('claude-sonnet-4-6');
  });
});

describe('documentation pages without an adapter (AsciiDoc, reStructuredText)', () => {
  it('are prose outside their code blocks, never registries, however many models they list', async () => {
    for (const name of ['options-table.input.adoc', 'code-block.input.rst']) {
      const text = readFileSync(join(FIXTURES, 'docs', 'model-id', name), 'utf8');
      const { result } = await planFile(`docs/${name}`, text, 'text', { target: 'auto', today: '2026-11-22' });
      expect(result.bucket, name).toBe('string-reference');
      expect(result.findings.every((f) => f.rule === 'model-id'), name).toBe(true);
      const codeLine = text.split('\n').findIndex((l) => /model[=(]"claude/.test(l)) + 1;
      for (const f of result.findings) {
        if (f.line === codeLine) expect(f.message, `${name}:${f.line}`).toMatch(/returns 404; use claude-/);
        else expect(f.message, `${name}:${f.line}`).toMatch(/documentation prose/);
      }
    }
  });
});

describe('messages name the model as the code writes it', () => {
  it('effort-explicit quotes the dated ID of the request, not the catalogue alias', async () => {
    const text = 'import anthropic\n\nanthropic.Anthropic().messages.create(model="claude-sonnet-4-20250514", max_tokens=64, messages=[{"role": "user", "content": "hi"}])\n';
    const { result } = await planFile('app/ask.py', text, 'python', { target: 'auto', today: '2026-11-22' });
    const finding = result.findings.find((f) => f.rule === 'effort-explicit');
    expect(finding?.message).toMatch(/^claude-sonnet-4-20250514 had no effort parameter/);
  });
});
