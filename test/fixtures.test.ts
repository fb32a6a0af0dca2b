// Rule fixtures, checked as ruff's harness does: exact output, fixed point on a second run, no new
// syntax errors (and the real toolchain accepts the result), negatives byte-identical.
import { describe, expect, it } from 'vitest';
import { planFile } from '../src/engine/plan-file.js';
import { adapterFor } from '../src/languages/registry.js';
import { listFixtureCases, type FixtureCase } from './support/fixtures.js';
import { toolchainError } from './support/toolchains.js';
import { RULES } from '../src/rules/registry.js';
import { packRuleIds } from '../transforms/index.js';

const cases = listFixtureCases();

async function run(c: FixtureCase, text: string, suggestions: boolean) {
  return planFile(`${c.rule}/${c.name}.${c.ext}`, text, c.language, { ...c.options, applySuggestions: suggestions });
}

describe.each(cases.map((c) => [`${c.lang}/${c.rule}/${c.name}`, c] as const))('%s', (_label, c) => {
  it('produces the expected output', async () => {
    const { result, problem } = await run(c, c.input, false);
    expect(problem).toBeUndefined();
    const expected = c.keep ? c.input : c.output ?? c.input;
    expect(result.planned ?? c.input).toBe(expected);
    const { transitions } = await run(c, c.input, false);
    // Run-level rules (reported once per run) are checked on this file's transitions.
    const runLevel = RULES.filter((r) => r.id === c.rule && r.checkRun).flatMap((r) => r.checkRun!(transitions.filter((t) => packRuleIds(t.target.id).includes(r.id) && r.appliesTo(t))).map((f) => ({ rule: r.id, line: 0, message: f.message })));
    const own = [...result.findings.filter((f) => f.rule === c.rule), ...runLevel];
    if (c.keep) expect(own.map((f) => `${f.rule}@${f.line}: ${f.message}`)).toEqual([]);
    else expect(own.length, `no ${c.rule} finding for a non-keep case`).toBeGreaterThan(0);
  });

  it('is a fixed point on a second run', async () => {
    const first = (await run(c, c.input, false)).result.planned ?? c.input;
    const second = await run(c, first, false);
    expect(second.result.planned ?? first).toBe(first);
  });

  if (c.suggest !== undefined) {
    it('applies suggestions as expected', async () => {
      const { result } = await run(c, c.input, true);
      expect(result.planned ?? c.input).toBe(c.suggest);
      const again = await run(c, c.suggest!, true);
      expect(again.result.planned ?? c.suggest).toBe(c.suggest);
    });
  }

  for (const [kind, text] of [['output', c.output], ['suggest', c.suggest]] as const) {
    if (text === undefined) continue;
    it(`${kind} parses and passes the real toolchain`, async () => {
      const adapter = await adapterFor(c.language);
      if (adapter) expect(await adapter.countSyntaxErrors(text, c.inputPath)).toBeLessThanOrEqual(await adapter.countSyntaxErrors(c.input, c.inputPath));
      expect(toolchainError(c.ext, text)).toBeUndefined();
    });
  }
});

it('has fixtures', () => {
  expect(cases.length).toBeGreaterThan(0);
});
