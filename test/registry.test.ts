// The rule registry agrees with spec/rules.md (the vendored shared/spec/rules.md), and every rule has docs and fixtures.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/registry.js';
import { PACKS, packRuleIds } from '../transforms/index.js';
import { listFixtureCases, listRepoCases } from './support/fixtures.js';

const SPEC = join(import.meta.dirname, '..', 'spec', 'rules.md');
const RULES_DIR = join(import.meta.dirname, '..', 'src', 'rules');

/** Rows of the `| id | detects | severity | fix |` table: id -> { severity, fix (first word) }. */
function specRules(): Map<string, { severity: string; fix: string }> {
  const rows = new Map<string, { severity: string; fix: string }>();
  for (const line of readFileSync(SPEC, 'utf8').split('\n')) {
    const m = /^\| `([a-z0-9-]+)` \|.*\| (blocks|tune|info)[^|]*\| (auto|suggest|manual)/.exec(line);
    if (m) rows.set(m[1], { severity: m[2], fix: m[3] });
  }
  return rows;
}

describe.skipIf(!existsSync(SPEC))('rule registry vs rules.md', () => {
  const spec = specRules();
  it('reads the spec table', () => expect(spec.size).toBeGreaterThanOrEqual(30));
  it('has every rule of the spec, with the same severity and fix kind', () => {
    const mine = new Map(RULES.map((r) => [r.id, { severity: r.severity, fix: r.fix }]));
    for (const [id, row] of spec) expect(mine.get(id), id).toEqual(row);
  });
});

describe('rules', () => {
  const cases: { rule: string; name: string; keep: boolean; output?: string }[] = [...listFixtureCases(), ...listRepoCases()];
  it('have unique ids matching their file names', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && f !== 'types.ts' && f !== 'registry.ts').map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual(RULES.map((r) => r.id).sort());
  });
  for (const rule of RULES) {
    describe(rule.id, () => {
      it('has complete docs citing the guide', () => {
        for (const k of ['what', 'why', 'source', 'fixSafety', 'example'] as const) expect(rule.docs[k], k).toBeTruthy();
        expect(rule.docs.limits.length).toBeGreaterThan(0);
        expect(rule.docs.source).toMatch(/^(model-migration|models)\.md#/);
      });
      it('is in at least one pack', () => {
        expect(PACKS.some((p) => packRuleIds(p.target).includes(rule.id))).toBe(true);
      });
      const own = cases.filter((c) => c.rule === rule.id);
      it('has fixtures with a docs example and a keep- case', () => {
        expect(own.length, 'fixtures').toBeGreaterThan(0);
        expect(own.some((c) => c.name === rule.docs.example), `a "${rule.docs.example}" case`).toBe(true);
        expect(own.some((c) => c.keep), 'a keep- case').toBe(true);
      });
      if (rule.fix === 'auto') it('has an expected output (auto rule)', () => expect(own.some((c) => c.output !== undefined)).toBe(true));
    });
  }
});
