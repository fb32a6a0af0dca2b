// Overlapping edits (issue 7): two rules that want to edit the same span never garble the code. Either the
// intents merge into one edit, or one yields (applied later or refused) and is reported.
import { describe, expect, it } from 'vitest';
import { measure } from './measure.js';
import { planFile } from '../../src/engine/plan-file.js';

const OPTS = { target: 'auto', today: '2026-11-22' } as const;

const CASES: { name: string; lang: 'python' | 'typescript'; path: string; src: string }[] = [
  {
    name: 'thinking + beta header on the same Python call',
    lang: 'python',
    path: 'beta.py',
    src: `import anthropic\n\nclient = anthropic.Anthropic()\nresponse = client.beta.messages.create(\n    model="claude-3-7-sonnet-20250219",\n    max_tokens=20000,\n    thinking={"type": "enabled", "budget_tokens": 16000},\n    betas=["output-128k-2025-02-19", "interleaved-thinking-2025-05-14"],\n    extra_headers={"anthropic-beta": "token-efficient-tools-2025-02-19"},\n    messages=[{"role": "user", "content": "hi"}],\n)\n`,
  },
  {
    name: 'thinking + beta header on the same TypeScript call',
    lang: 'typescript',
    path: 'beta.ts',
    src: `import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\nconst msg = await client.beta.messages.create({\n  model: 'claude-3-7-sonnet-20250219',\n  max_tokens: 20000,\n  thinking: { type: 'enabled', budget_tokens: 16000 },\n  betas: ['output-128k-2025-02-19', 'interleaved-thinking-2025-05-14'],\n  messages: [{ role: 'user', content: 'hi' }],\n}, { headers: { 'anthropic-beta': 'token-efficient-tools-2025-02-19' } });\n`,
  },
  {
    name: 'model swap + thinking on a dict-splat Python request',
    lang: 'python',
    path: 'splat.py',
    src: `import anthropic\n\nclient = anthropic.Anthropic()\nparams = {"model": "claude-3-7-sonnet-20250219", "max_tokens": 8000, "thinking": {"type": "enabled", "budget_tokens": 4000}}\nresponse = client.messages.create(**params, messages=[{"role": "user", "content": "hi"}])\n`,
  },
  {
    name: 'model swap + thinking on an object-spread TypeScript request',
    lang: 'typescript',
    path: 'spread.ts',
    src: `import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\nconst base = { model: 'claude-3-7-sonnet-20250219', max_tokens: 8000, thinking: { type: 'enabled' as const, budget_tokens: 4000 } };\nconst msg = await client.messages.create({ ...base, messages: [{ role: 'user', content: 'hi' }] });\n`,
  },
];

describe('overlapping edits', () => {
  for (const c of CASES) {
    it(`${c.name}: parses, converges, only finding lines change, every finding reported`, async () => {
      const r = await measure(c.lang, c.path, c.src);
      expect(r.errorsIn).toBe(0);
      expect(r.errorsOut).toBe(0);
      expect(r.secondOutput).toBe(r.output);
      expect(r.outsideLines).toEqual([]);
      expect(r.strayEdits).toEqual([]);
      const fp = await planFile(c.path, c.src, c.lang, OPTS);
      expect(fp.problem?.reason).not.toBe('no-convergence');
      expect(fp.result.planned).toBeDefined();
      // Each finding that did not land is reported with a fix kind a person acts on, or as refused/deferred.
      const rules = fp.result.findings.map((f) => `${f.rule}:${f.fix}:${f.applied ? 'applied' : 'not-applied'}`);
      expect(rules.length).toBeGreaterThan(1);
      // The model ID in the request is swapped exactly once: no duplicated or half-replaced key.
      expect(fp.result.planned!.match(/claude-3-7-sonnet-20250219/g)).toBeNull();
      expect((fp.result.planned!.match(/\bmodel["']?\s*[:=]/g) ?? []).length).toBe((c.src.match(/\bmodel["']?\s*[:=]/g) ?? []).length);
      expect((fp.result.planned!.match(/\bthinking["']?\s*[:=]/g) ?? []).length).toBeLessThanOrEqual(1);
      console.log(`${c.name}: ${rules.join(', ')}\n--- planned ---\n${fp.result.planned}`);
    });
  }
});
