import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adapter } from '../../src/languages/markdown/adapter.js';
import { applyTextEdits } from '../../src/languages/edit-helpers.js';
import type { EditIntent, FieldView, ParsedFile, Range, RequestView, TextEdit } from '../../src/languages/types.js';
import { toolchainError } from '../support/toolchains.js';

const text = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'markdown', '_requests', 'guide.md'), 'utf8');
const open: ParsedFile[] = [];
afterEach(() => {
  while (open.length) open.pop()!.dispose();
});
async function parse(t = text): Promise<ParsedFile> {
  const p = await adapter.parse(t, 'docs/guide.md');
  open.push(p);
  return p;
}
const slice = (r: Range | undefined, t = text) => (r ? t.slice(r.start, r.end) : undefined);
const param = (r: RequestView, key: string): FieldView => r.params.fields!.find((f) => f.key === key)!;

function apply(p: ParsedFile, intents: EditIntent[]): string {
  const edits: TextEdit[] = [];
  for (const i of intents) {
    const r = p.render(i);
    if ('refused' in r) throw new Error(`refused ${i.kind}: ${r.refused}`);
    edits.push(...r.edits);
  }
  return applyTextEdits(text, edits);
}

/** The content of the n-th fence (0-based) of a Markdown text. */
function fence(md: string, n: number): string {
  const blocks = [...md.matchAll(/^[ \t]*```[^\n]*\n([\s\S]*?)^[ \t]*```/gm)];
  return blocks[n][1];
}

describe('Markdown: embedded code blocks', () => {
  it('finds python / ts (indented in a list item) / bash blocks; plain fences and indented code are prose', async () => {
    const p = await parse();
    expect(p.view.embedded!.map((e) => e.language)).toEqual(['python', 'typescript', 'shell']);
    expect(slice(p.view.embedded![0].range)).toMatch(/^import anthropic\n[\s\S]*\)\n$/);
    expect(slice(p.view.embedded![1].range)).toMatch(/^   import Anthropic from '@anthropic-ai\/sdk';\n[\s\S]*   }\);\n$/);
    expect(p.view.syntaxErrors).toBe(0);
    // Prose: the heading paragraph (inline code too), the plain ``` block, the indented code block.
    for (const s of ['claude-3-opus-20240229', 'moved to claude-sonnet-4-5', '"stop_reason": "end_turn"', 'indented code mentioning']) {
      expect(p.contextAt(text.indexOf(s))).toEqual({ inString: false, inComment: true });
    }
  });

  it('requests come from the embedded adapters with ranges shifted into the Markdown file', async () => {
    const p = await parse();
    const [py, ts, sh] = p.view.requests;
    expect([py.language, ts.language, sh.language]).toEqual(['python', 'typescript', 'shell']);
    expect(slice(param(py, 'model').value.contentRange)).toBe('claude-sonnet-4-5');
    expect(slice(param(py, 'temperature').range)).toBe('temperature=0.3');
    expect(slice(param(ts, 'thinking').value.range)).toBe("{ type: 'enabled', budget_tokens: 4000 }");
    expect(slice(ts.range)).toMatch(/^client\.messages\.create\(\{\n     model: 'claude-opus-4-5',[\s\S]*\n   \}\)$/);
    expect(slice(sh.headers[2].range)).toBe('-H "anthropic-beta: token-efficient-tools-2025-02-19"');
    expect(slice(param(sh, 'model').value.contentRange)).toBe('claude-opus-4-1');
    expect(p.view.clients.map((c) => [c.platform, slice(c.range)])).toEqual([['first-party', 'anthropic.Anthropic()'], ['first-party', 'new Anthropic()']]);
    const ctx = p.contextAt(text.indexOf('claude-opus-4-5'));
    expect(ctx).toMatchObject({ inString: true, inComment: false, requestModel: true });
  });

  it('renders through the embedded adapter and shifts edits back (re-indenting new lines in a list item)', async () => {
    const p = await parse();
    const [py, ts, sh] = p.view.requests;
    const out = apply(p, [
      { kind: 'remove-field', container: py.params, field: param(py, 'temperature') },
      { kind: 'set-value', value: param(ts, 'thinking').value, path: ['thinking'], to: { type: 'adaptive' } },
      { kind: 'add-field', container: ts.params, path: ['output_config'], key: 'output_config', to: { effort: 'high' } },
      { kind: 'insert-comment', at: param(ts, 'model').range.start, text: 'pinned' },
      { kind: 'remove-field', container: sh.headers[2].container!, field: sh.headers[2].field! },
    ]);
    expect(out).toContain(`    model="claude-sonnet-4-5",\n    max_tokens=1024,\n    messages=`);
    expect(out).toContain(`   const msg = await client.messages.create({
     // pinned
     model: 'claude-opus-4-5',
     max_tokens: 2048,
     thinking: { type: 'adaptive' },
     messages: [{ role: 'user', content: 'Hi' }],
     output_config: { effort: 'high' },
   });
   \`\`\``);
    expect(out).toContain(`  -H "anthropic-version: 2023-06-01" \\\n  -d '{"model"`);
    // Everything outside the blocks is untouched, and the blocks still parse.
    expect(out.slice(0, text.indexOf('```python'))).toBe(text.slice(0, text.indexOf('```python')));
    expect(await adapter.countSyntaxErrors(out, 'docs/guide.md')).toBe(0);
    expect(toolchainError('py', fence(out, 0))).toBeUndefined();
    expect(toolchainError('sh', fence(out, 2))).toBeUndefined();
  });

  it('prose is never rendered into; replace is raw', async () => {
    const p = await parse();
    const at = text.indexOf('claude-sonnet-4-5');
    expect(p.render({ kind: 'insert-comment', at, text: 'x' })).toEqual({ refused: expect.stringMatching(/prose/) });
    expect(p.render({ kind: 'replace', range: { start: at, end: at + 17 }, text: 'y' })).toEqual({ edits: [{ start: at, end: at + 17, text: 'y' }] });
  });

  it('front matter is YAML; console prompts are stripped; unknown-language blocks are neither prose nor parsed', async () => {
    const md = `---\nname: reviewer\nmodel: claude-opus-4-5\n---\n\n\`\`\`console\n$ curl https://api.anthropic.com/v1/messages -H "anthropic-version: 2023-06-01" -d '{"model": "claude-opus-4-5", "max_tokens": 10, "messages": []}'\n\`\`\`\n\n\`\`\`kotlin\nval model = "claude-opus-4-5"\n\`\`\`\n`;
    const p = await parse(md);
    expect(p.view.embedded!.map((e) => e.language)).toEqual(['yaml', 'shell']);
    expect(p.contextAt(md.indexOf('claude-opus-4-5'))).toMatchObject({ inString: true, inComment: false, collection: { kind: 'map', entries: 2 } });
    expect(p.view.requests).toHaveLength(1);
    expect(slice(param(p.view.requests[0], 'model').value.contentRange, md)).toBe('claude-opus-4-5');
    expect(slice(p.view.requests[0].range, md)).toMatch(/^curl https/);
    expect(p.contextAt(md.indexOf('claude-opus-4-5', md.indexOf('kotlin')))).toEqual({ inString: false, inComment: false });
  });
});
