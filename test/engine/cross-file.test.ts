// Cross-file rules on mini repositories: fixtures/repos/<rule-id>/<case>/repo + expected.json
// (the findings of that rule; keep-* cases expect none).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/engine/plan.js';
import { listRepoCases } from '../support/fixtures.js';

describe('cross-file rules', () => {
  for (const c of listRepoCases()) {
    it(`${c.rule}/${c.name}`, async () => {
      const expected = JSON.parse(readFileSync(join(c.dir, 'expected.json'), 'utf8')) as { findings: { path: string; rule: string; line: number }[]; options?: { applySuggestions?: boolean } };
      const run = await plan({ root: join(c.dir, 'repo'), target: 'auto', today: '2026-11-22', applySuggestions: expected.options?.applySuggestions });
      const got = run.files.flatMap((f) => f.findings.filter((x) => x.rule === c.rule).map((x) => ({ path: f.path, rule: x.rule, line: x.line })));
      expect(got).toEqual(expected.findings);
      if (c.keep) expect(got).toEqual([]);
      else expect(got.length).toBeGreaterThan(0);
    });
  }
});
