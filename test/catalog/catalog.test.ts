import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MODELS,
  TARGETS,
  UnknownTargetError,
  defaultTarget,
  findModelIds,
  getModel,
  lifecycle,
  needsMigration,
  resolveTarget,
  rewriteCore,
} from '../../src/catalog/index.js';
import type { ModelInfo } from '../../src/catalog/types.js';
import { SPEC_DIR, familyVersions, isoDate, readSpec, tableAfter, ticks, tokenCount } from './spec-tables.js';

const modelsMd = readSpec('models.md');
const guideMd = readSpec('model-migration.md');
const specMissing = !modelsMd || !guideMd;
if (specMissing) console.warn(`catalogue spec tests skipped: ${SPEC_DIR}models.md / model-migration.md not found`);

function must(id: string): ModelInfo {
  const model = getModel(id);
  if (!model) throw new Error(`catalogue has no model for ${id}`);
  return model;
}

function modelsOf(family: string, generation: number): ModelInfo[] {
  return MODELS.filter((m) => m.family === family && m.generation === generation);
}

describe.skipIf(specMissing)(`catalogue against models.md (${SPEC_DIR})`, () => {
  it('Current Models: alias, full ID, context, max output, status', () => {
    for (const row of tableAfter(modelsMd!, 'Current Models')) {
      const [alias] = ticks(row['Alias (use this)']);
      const model = must(alias);
      expect(model.id).toBe(alias);
      expect(model.displayName).toBe(row['Friendly Name']);
      const [full] = ticks(row['Full ID']);
      if (full) {
        expect(model.dated).toContain(full);
        expect(getModel(full)).toBe(model);
      } else {
        expect(model.dated).toEqual([]);
      }
      expect(model.contextWindow).toBe(tokenCount(row['Context']));
      expect(model.capabilities.maxOutput).toBe(tokenCount(row['Max Output']));
      expect(model.status).toBe('active');
      if (row['Status'].includes('Glasswing')) expect(model.restricted).toMatch(/Glasswing/);
      else expect(model.restricted).toBeUndefined();
    }
  });

  it('Legacy Models: still-active ones are legacy; the deprecated one has its date and replacement', () => {
    for (const row of tableAfter(modelsMd!, 'Legacy Models')) {
      const [alias] = ticks(row['Alias (use this)']);
      const [full] = ticks(row['Full ID']);
      const model = must(alias);
      expect(model.displayName).toBe(row['Friendly Name']);
      expect(getModel(full)).toBe(model);
      if (row['Status'].startsWith('Deprecated')) {
        expect(model.status).toBe('deprecated');
        expect(model.retiresOn).toBe(isoDate(row['Status']));
        expect(model.replacement).toBe(ticks(row['Status'])[0]);
      } else {
        expect(row['Status']).toBe('Active');
        expect(model.status).toBe('legacy');
      }
    }
  });

  it('Deprecated Models: status and retirement date (TBD in models.md falls back to the guide, the documented conflict)', () => {
    const guideDates = new Map(tableAfter(guideMd!, 'Deprecated Models').map((r) => [ticks(r['Model'])[0], isoDate(r['Retires'])]));
    for (const row of tableAfter(modelsMd!, 'Deprecated Models')) {
      const [full] = ticks(row['Full ID']);
      const [alias] = ticks(row['Alias (use this)']);
      const model = must(full);
      expect(model.id).toBe(alias ?? full);
      if (alias) expect(getModel(alias)).toBe(model);
      expect(model.displayName).toBe(row['Friendly Name']);
      expect(model.status).toBe('deprecated');
      const date = isoDate(row['Retires']);
      if (date) {
        expect(model.retiresOn).toBe(date);
      } else {
        expect(row['Retires']).toBe('TBD');
        expect(guideDates.get(full)).toBeDefined();
        expect(model.retiresOn).toBe(guideDates.get(full));
      }
    }
  });

  it('Retired Models: status, retirement date, name', () => {
    for (const row of tableAfter(modelsMd!, 'Retired Models')) {
      const [full] = ticks(row['Full ID']);
      const model = must(full);
      expect(model.displayName).toBe(row['Friendly Name']);
      expect(model.status).toBe('retired');
      expect(model.retiredOn).toBe(isoDate(row['Retired']));
    }
  });

  it('Resolving User Requests: every named ID exists, versions map to the right model, suggestions match replacements', () => {
    for (const row of tableAfter(modelsMd!, 'Resolving User Requests')) {
      const use = row['Use this model ID'];
      const ids = ticks(use);
      const phrases = [...row['User says...'].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
      const versioned = phrases.map((p) => /^(opus|sonnet|haiku) (\d(?:\.\d)?)$/.exec(p)).filter((m) => m !== null);
      if (/^(Retired|Deprecated) — suggest/.test(use)) {
        const status = use.startsWith('Retired') ? 'retired' : 'deprecated';
        expect(versioned.length).toBeGreaterThan(0);
        for (const [, family, version] of versioned) {
          const models = modelsOf(family, Number(version));
          expect(models.length, `${family} ${version}`).toBeGreaterThan(0);
          for (const m of models) {
            expect(m.status).toBe(status);
            expect(m.replacement).toBe(ids[0]);
          }
        }
        continue;
      }
      const model = must(ids[0]);
      expect(model.id).toBe(ids[0]);
      for (const [, family, version] of versioned) expect(modelsOf(family, Number(version)).map((m) => m.id)).toEqual([model.id]);
      if (/deprecated/.test(use)) {
        expect(model.status).toBe('deprecated');
        expect(model.replacement).toBe(ids[ids.length - 1]);
      } else {
        expect(['active', 'legacy']).toContain(model.status);
      }
    }
  });
});

describe.skipIf(specMissing)(`catalogue against model-migration.md (${SPEC_DIR})`, () => {
  it('Destination Models: every source row maps to the listed destination', () => {
    for (const row of tableAfter(guideMd!, 'Destination Models')) {
      const source = row['If you\'re on…'];
      const destinations = ticks(row['Migrate to']);
      const named = ticks(source);
      const models = named.length > 0 ? named.map(must) : familyVersions(source).flatMap(([f, v]) => modelsOf(f, v));
      expect(models.length, source).toBeGreaterThan(0);
      for (const m of models) {
        expect(destinations).toContain(m.replacement);
        expect(defaultTarget(m).id).toBe(m.replacement);
        if (destinations.length > 1) {
          // Mythos Preview: Fable 5 by default, Mythos 5 for Project Glasswing.
          expect(m.replacement).toBe('claude-fable-5');
          expect(m.alternativeReplacement?.id).toBe(destinations.find((d) => d !== m.replacement));
        }
      }
    }
  });

  it('Retired Model Replacements: retired, dated, replaced', () => {
    for (const row of tableAfter(guideMd!, 'Retired Model Replacements')) {
      for (const id of ticks(row['Retired model'])) {
        const model = must(id);
        expect(model.status).toBe('retired');
        expect(model.retiredOn).toBe(isoDate(row['Retired']));
        expect(model.replacement).toBe(ticks(row['Drop-in replacement'])[0]);
        expect(resolveTarget(model, 'auto')?.id).toBe(model.replacement);
      }
    }
  });

  it('Deprecated Models: deprecated, retirement date, replacement', () => {
    for (const row of tableAfter(guideMd!, 'Deprecated Models')) {
      const model = must(ticks(row['Model'])[0]);
      expect(model.status).toBe('deprecated');
      expect(model.retiresOn).toBe(isoDate(row['Retires']));
      expect(model.replacement).toBe(ticks(row['Replacement'])[0]);
    }
  });

  it('Model-ID Rename Quick Reference: auto target of every old string', () => {
    for (const row of tableAfter(guideMd!, 'Model-ID Rename Quick Reference')) {
      const [old] = ticks(row['Old string (migration source)']);
      const options = ticks(row['New string']);
      const target = resolveTarget(must(old), 'auto');
      expect(target, old).toBeDefined();
      expect(options).toContain(target!.id);
      if (options.length === 1) expect(target!.id).toBe(options[0]);
    }
  });

  it('Amazon Bedrock model IDs: found as the bedrock form of the first-party model, prefix kept on rewrite', () => {
    for (const row of tableAfter(guideMd!, 'Amazon Bedrock model IDs')) {
      const [firstParty] = ticks(row['First-party ID']);
      const [bedrock] = ticks(row['Bedrock ID']);
      const [match] = findModelIds(bedrock);
      expect(match).toMatchObject({ form: 'bedrock', text: bedrock, start: 0, end: bedrock.length });
      expect(match.model).toBe(must(firstParty));
      expect(bedrock.slice(match.core.start, match.core.end)).toBe(firstParty);
      expect(rewriteCore(match, must('claude-opus-4-8'))).toBe('claude-opus-4-8');
    }
  });

  it('every model ID the spec writes in backticks is a catalogue ID or a variant of one', () => {
    // Inline code spans, line by line (fence lines would pair backticks across lines).
    const lines = (modelsMd! + '\n' + guideMd!).split('\n').filter((l) => !l.trimStart().startsWith('```'));
    const spans = lines.flatMap((l) => ticks(l)).map((s) => s.replace(/^model\s*[=:]\s*"(.*)"$/, '$1'));
    const ids = [...new Set(spans.filter((s) => /^(?:anthropic[./])?claude-[a-z0-9]+(?:[-.][a-z0-9]+)+(?:-v\d+:\d+)?$/.test(s)))];
    const notIds = ids.filter((s) => /^claude-(api|platform)/.test(s));
    expect(ids.length).toBeGreaterThan(30);
    for (const id of ids.filter((s) => !notIds.includes(s))) {
      const matches = findModelIds(id);
      expect(matches, id).toHaveLength(1);
      expect(matches[0].text).toBe(id);
      expect(matches[0].model, id).toBeDefined();
      // The two variant examples: the Fast Mode string, and a date wrongly appended to an alias.
      if (id === 'claude-opus-4-6-fast' || id === 'claude-opus-4-6-20251101') expect(matches[0].variant).toBeDefined();
      else if (!id.includes('-v2:0')) {
        expect(matches[0].variant, id).toBeUndefined();
        expect(getModel(id.replace(/^anthropic\./, ''))).toBeDefined();
      }
    }
  });

  it('Fable 5 breaking changes are reflected in Fable 5 and Mythos 5', () => {
    for (const id of ['claude-fable-5', 'claude-mythos-5']) {
      const c = must(id).capabilities;
      expect(c.thinking).toEqual({ enabled: false, adaptive: true, disabled: false, omitOnly: true });
      expect(c.prefill).toBe(false);
      expect(c.requiresRetention).toBe(true);
      expect(c.newTokenizer).toBe(true);
      expect(c.effort).toEqual(['low', 'medium', 'high', 'xhigh', 'max']);
    }
  });
});

describe('capabilities', () => {
  const caps = (id: string) => must(id).capabilities;

  it('thinking modes by generation', () => {
    for (const id of ['claude-3-opus-20240229', 'claude-3-5-sonnet-20241022', 'claude-3-5-haiku-20241022', 'claude-3-haiku-20240307', 'claude-2.1']) {
      expect(caps(id).thinking.enabled, id).toBe(false);
      expect(caps(id).thinking.adaptive, id).toBe(false);
    }
    expect(caps('claude-3-7-sonnet-20250219').thinking).toMatchObject({ enabled: true, adaptive: false });
    for (const id of ['claude-opus-4-0', 'claude-sonnet-4-0', 'claude-opus-4-1', 'claude-opus-4-5', 'claude-sonnet-4-5', 'claude-haiku-4-5']) {
      expect(caps(id).thinking, id).toMatchObject({ enabled: true, adaptive: false, omitOnly: false });
      expect(caps(id).thinkingEnabledDeprecated, id).toBe(false);
    }
    for (const id of ['claude-opus-4-6', 'claude-sonnet-4-6']) {
      expect(caps(id).thinking, id).toMatchObject({ enabled: true, adaptive: true, disabled: true });
      expect(caps(id).thinkingEnabledDeprecated, id).toBe(true);
    }
    for (const id of ['claude-opus-4-7', 'claude-opus-4-8']) {
      expect(caps(id).thinking, id).toEqual({ enabled: false, adaptive: true, disabled: true, omitOnly: false });
    }
  });

  it('effort levels', () => {
    expect(caps('claude-opus-4-5').effort).toEqual(['low', 'medium', 'high']);
    expect(caps('claude-opus-4-6').effort).toEqual(['low', 'medium', 'high', 'max']);
    expect(caps('claude-sonnet-4-6').effort).toEqual(['low', 'medium', 'high']);
    for (const id of ['claude-opus-4-7', 'claude-opus-4-8', 'claude-fable-5', 'claude-mythos-5']) {
      expect(caps(id).effort, id).toEqual(['low', 'medium', 'high', 'xhigh', 'max']);
    }
    for (const id of ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1', 'claude-3-opus-20240229']) expect(caps(id).effort, id).toEqual([]);
  });

  it('sampling, prefill, thinking display, fast mode', () => {
    for (const m of MODELS) {
      const c = m.capabilities;
      if (m.generation < 4) expect(c.sampling, m.id).toBe('all');
      else if ((m.family === 'opus' && m.generation >= 4.7) || m.generation === 5) expect(c.sampling, m.id).toBe('none');
      else expect(c.sampling, m.id).toBe('one-of');
      const noPrefill = (['opus', 'sonnet'].includes(m.family) && m.generation >= 4.6) || m.generation === 5;
      expect(c.prefill, m.id).toBe(!noPrefill);
      const omitted = (m.family === 'opus' && m.generation >= 4.7) || m.generation === 5;
      expect(c.thinkingDisplayDefault, m.id).toBe(omitted ? 'omitted' : 'summarized');
      expect(c.fastMode, m.id).toBe(m.id === 'claude-opus-4-6');
      expect(c.refusalStopReason, m.id).toBe(m.generation >= 4);
      expect(c.legacyToolsRejected, m.id).toBe(m.generation >= 4);
      expect(c.contextWindowStopReason, m.id).toBe(m.generation >= 4.5);
      expect(c.requiresRetention, m.id).toBe(m.generation === 5);
    }
  });

  it('max output: the guide\'s streaming ceilings', () => {
    expect(caps('claude-opus-4-6').maxOutput).toBe(128_000);
    expect(caps('claude-sonnet-4-6').maxOutput).toBe(64_000);
    expect(caps('claude-haiku-4-5').maxOutput).toBe(64_000);
    expect(caps('claude-fable-5').maxOutput).toBe(128_000);
    for (const m of MODELS) expect(m.capabilities.maxOutput, m.id).toBeGreaterThanOrEqual(4096);
  });
});

describe('catalogue integrity', () => {
  it('IDs are unique across models and the canonical ID is listed', () => {
    const seen = new Map<string, string>();
    for (const m of MODELS) {
      expect(m.ids).toContain(m.id);
      for (const d of m.dated) expect(m.ids).toContain(d);
      for (const id of m.ids) {
        expect(seen.get(id), `${id} in ${m.id} and ${seen.get(id)}`).toBeUndefined();
        seen.set(id, m.id);
        expect(getModel(id)).toBe(m);
      }
    }
  });

  it('the 3.x -latest aliases map to their model', () => {
    expect(must('claude-3-5-sonnet-latest').id).toBe('claude-3-5-sonnet-20241022');
    expect(must('claude-3-7-sonnet-latest').id).toBe('claude-3-7-sonnet-20250219');
    expect(must('claude-3-5-haiku-latest').id).toBe('claude-3-5-haiku-20241022');
    expect(must('claude-3-opus-latest').id).toBe('claude-3-opus-20240229');
  });

  it('lookups are exact and case-sensitive', () => {
    expect(getModel('Claude-Opus-4-6')).toBeUndefined();
    expect(getModel('claude-opus-4-6 ')).toBeUndefined();
    expect(getModel('anthropic.claude-opus-4-6')).toBeUndefined();
    expect(getModel('claude-opus-4')).toBeUndefined();
    expect(getModel('claude-opus-4-20250514')?.id).toBe('claude-opus-4-0');
  });

  it('every replacement is a pack target, and every pack target is an active model with a pack', () => {
    for (const m of MODELS) {
      if (m.replacement) expect(TARGETS, m.id).toContain(m.replacement);
      if (m.alternativeReplacement) expect(TARGETS).toContain(m.alternativeReplacement.id);
    }
    expect(TARGETS).toHaveLength(7);
    for (const t of TARGETS) {
      expect(must(t).status).toBe('active');
      expect(existsSync(new URL(`../../transforms/${t}.ts`, import.meta.url)), t).toBe(true);
    }
  });

  it('replacements never go back in generation', () => {
    for (const m of MODELS) if (m.replacement) expect(must(m.replacement).generation, m.id).toBeGreaterThan(m.generation);
  });
});

describe('resolveTarget', () => {
  it('auto follows the destination table and stays in the family', () => {
    expect(resolveTarget(must('claude-opus-4-5'), 'auto')?.id).toBe('claude-opus-4-8');
    expect(resolveTarget(must('claude-opus-4-7'), 'auto')?.id).toBe('claude-opus-4-8');
    expect(resolveTarget(must('claude-sonnet-4-20250514'), 'auto')?.id).toBe('claude-sonnet-4-6');
    expect(resolveTarget(must('claude-3-haiku-20240307'), 'auto')?.id).toBe('claude-haiku-4-5');
    expect(resolveTarget(must('claude-2.0'), 'auto')?.id).toBe('claude-sonnet-4-6');
    expect(resolveTarget(must('claude-mythos-preview'), 'auto')?.id).toBe('claude-fable-5');
    for (const m of MODELS) {
      const t = resolveTarget(m, 'auto');
      if (t && m.family !== 'claude' && m.id !== 'claude-mythos-preview') expect(t.family, m.id).toBe(m.family);
    }
  });

  it('auto: nothing to migrate for current models', () => {
    for (const id of ['claude-opus-4-8', 'claude-sonnet-4-6', 'claude-haiku-4-5', 'claude-fable-5', 'claude-mythos-5']) {
      expect(resolveTarget(must(id), 'auto'), id).toBeUndefined();
    }
    expect(resolveTarget(undefined, 'auto')).toBeUndefined();
  });

  it('explicit target: older models move, the target itself and newer models stay', () => {
    expect(resolveTarget(must('claude-opus-4-6'), 'claude-opus-4-7')?.id).toBe('claude-opus-4-7');
    expect(resolveTarget(must('claude-opus-4-7'), 'claude-opus-4-7')).toBeUndefined();
    expect(resolveTarget(must('claude-opus-4-8'), 'claude-opus-4-7')).toBeUndefined();
    expect(resolveTarget(must('claude-opus-4-6'), 'claude-fable-5')?.id).toBe('claude-fable-5');
    expect(resolveTarget(must('claude-mythos-preview'), 'claude-mythos-5')?.id).toBe('claude-mythos-5');
    expect(resolveTarget(must('claude-mythos-preview'), 'claude-opus-4-8')).toBeUndefined();
    expect(resolveTarget(must('claude-fable-5'), 'claude-mythos-5')).toBeUndefined();
    expect(resolveTarget(must('claude-sonnet-4-5'), 'claude-opus-4-8')?.id).toBe('claude-opus-4-8');
    expect(resolveTarget(must('claude-opus-4-8'), 'claude-sonnet-4-6')).toBeUndefined();
    expect(resolveTarget(undefined, 'claude-opus-4-7')?.id).toBe('claude-opus-4-7');
  });

  it('unknown or non-target explicit targets throw UnknownTargetError', () => {
    for (const bad of ['claude-opus-5', 'opus', 'claude-sonnet-4-5', 'claude-3-opus-20240229', '']) {
      expect(() => resolveTarget(undefined, bad), bad).toThrow(UnknownTargetError);
    }
    try {
      resolveTarget(must('claude-opus-4-5'), 'claude-opus-9');
    } catch (err) {
      expect(err).toBeInstanceOf(UnknownTargetError);
      expect((err as UnknownTargetError).name).toBe('UnknownTargetError');
      expect((err as UnknownTargetError).target).toBe('claude-opus-9');
      expect((err as Error).message).toContain('claude-opus-4-8');
    }
  });

  it('needsMigration agrees with resolveTarget for every model and target', () => {
    for (const m of MODELS) {
      for (const t of TARGETS) expect(resolveTarget(m, t) !== undefined, `${m.id} -> ${t}`).toBe(needsMigration(m, must(t)));
    }
  });
});

describe('rewriteCore', () => {
  const opus48 = must('claude-opus-4-8');
  const rewrite = (text: string, target = opus48) => {
    const [m] = findModelIds(text);
    const core = rewriteCore(m, target);
    return core === undefined ? undefined : text.slice(0, m.core.start) + core + text.slice(m.core.end);
  };

  it('writes the target alias in the same form', () => {
    expect(rewrite('"claude-opus-4-5-20251101"')).toBe('"claude-opus-4-8"');
    expect(rewrite('anthropic.claude-opus-4-6')).toBe('anthropic.claude-opus-4-8');
    expect(rewrite('anthropic/claude-3-opus-20240229')).toBe('anthropic/claude-opus-4-8');
    expect(rewrite('claude-opus-4-1@20250805')).toBe('claude-opus-4-8');
    expect(rewrite('claude-3-5-sonnet-v2@20241022', must('claude-sonnet-4-6'))).toBe('claude-sonnet-4-6');
  });

  it('never rewrites variants or legacy Bedrock IDs', () => {
    expect(rewrite('claude-opus-4-6-fast')).toBeUndefined();
    expect(rewrite('claude-sonnet-4-5[1m]', must('claude-sonnet-4-6'))).toBeUndefined();
    expect(rewrite('claude-opus-4-5-20990101')).toBeUndefined();
    expect(rewrite('anthropic.claude-3-5-sonnet-20241022-v2:0', must('claude-sonnet-4-6'))).toBeUndefined();
    expect(rewrite('us.anthropic.claude-opus-4-1-20250805-v1:0')).toBeUndefined();
  });
});

describe('lifecycle', () => {
  it('retired models are retired', () => {
    expect(lifecycle(must('claude-3-opus-20240229'), '2026-06-01')).toEqual({ status: 'retired', retired: true });
  });

  it('a deprecated model counts down to its retirement, then is retired from that day', () => {
    const haiku3 = must('claude-3-haiku-20240307'); // retires 2026-04-19
    expect(lifecycle(haiku3, '2026-04-09')).toEqual({ status: 'deprecated', daysLeft: 10, retired: false });
    expect(lifecycle(haiku3, '2026-04-18')).toEqual({ status: 'deprecated', daysLeft: 1, retired: false });
    expect(lifecycle(haiku3, '2026-04-19')).toEqual({ status: 'retired', retired: true });
    expect(lifecycle(haiku3, '2026-11-22')).toEqual({ status: 'retired', retired: true });
    expect(lifecycle(must('claude-opus-4-1'), '2026-08-04').daysLeft).toBe(1);
    expect(lifecycle(must('claude-opus-4-0'), '2026-06-15').retired).toBe(true);
  });

  it('active and legacy models carry no countdown', () => {
    expect(lifecycle(must('claude-opus-4-8'), '2026-11-22')).toEqual({ status: 'active', retired: false });
    expect(lifecycle(must('claude-sonnet-4-5'), '2026-11-22')).toEqual({ status: 'legacy', retired: false });
  });

  it('a date before a past retirement reports the model as still deprecated', () => {
    expect(lifecycle(must('claude-3-opus-20240229'), '2026-01-01')).toEqual({ status: 'deprecated', daysLeft: 4, retired: false });
  });

  it('rejects malformed dates', () => {
    expect(() => lifecycle(must('claude-opus-4-1'), '22/11/2026')).toThrow(RangeError);
    expect(() => lifecycle(must('claude-opus-4-1'), '2026-13-45')).toThrow(RangeError);
  });
});
