import { literalString, param, paramPath, addToOutputConfig, codeAtUse } from './support/helpers.js';
import { defineRule, type RuleFinding } from './types.js';
import type { EffortLevel } from '../catalog/types.js';

const ORDER: EffortLevel[] = ['low', 'medium', 'high', 'xhigh', 'max'];

/** The closest level the target accepts, at or below the requested one. */
function nearestSupported(level: EffortLevel, supported: EffortLevel[]): EffortLevel | undefined {
  for (let i = ORDER.indexOf(level); i >= 0; i--) if (supported.includes(ORDER[i])) return ORDER[i];
  return supported[0];
}

/** Common misspellings of effort levels seen in the wild and in the guide's own checklist ("x-high"). */
function normaliseLevel(s: string): EffortLevel | undefined {
  const k = s.toLowerCase().replace(/[\s_-]/g, '');
  const map: Record<string, EffortLevel> = { low: 'low', medium: 'medium', med: 'medium', high: 'high', xhigh: 'xhigh', extrahigh: 'xhigh', veryhigh: 'xhigh', max: 'max', maximum: 'max' };
  return map[k];
}

export default defineRule({
  id: 'effort-unsupported',
  severity: 'blocks',
  fix: 'suggest',
  buckets: ['caller'],
  fixTitle: 'Use an effort level the target accepts, inside output_config',
  appliesTo: () => true,
  checkRequest(req, t, ctx) {
    const out: RuleFinding[] = [];
    const supported = t.target.capabilities.effort;
    // effort outside output_config (top level) is not a request parameter.
    // LangChain's Python ChatAnthropic takes `effort=` itself and moves it into output_config.
    const top = req.wrapper ? undefined : param(req, 'effort');
    if (top) {
      const intents = supported.length ? [{ kind: 'remove-field' as const, container: req.params, field: top }, ...(paramPath(req, 'output_config', 'effort') ? [] : [addToOutputConfig(req, 'effort', { $code: codeAtUse(top.value, ctx.text) })].filter((x) => !!x))] : [{ kind: 'remove-field' as const, container: req.params, field: top }];
      out.push({ range: top.range, message: `effort goes inside output_config, not at the top level (guide: Migrating to Opus 4.6 / Sonnet 4.6, item 2).`, fix: 'suggest', intents });
    }
    const ef = paramPath(req, 'output_config', 'effort');
    if (!ef) return out;
    const oc = param(req, 'output_config')!;
    const raw = literalString(ef.value);
    if (supported.length === 0) {
      out.push({ range: ef.range, message: `${t.target.id} rejects the effort parameter (guide: effort "Errors on Sonnet 4.5 and Haiku 4.5").`, fix: 'suggest', intents: [{ kind: 'remove-field', container: oc.value, field: ef }] });
      return out;
    }
    if (raw === undefined) return out;
    const level = normaliseLevel(raw);
    if (!level) {
      out.push({ range: ef.range, message: `"${raw}" is not an effort level (low, medium, high, xhigh, max).`, fix: 'manual' });
    } else if (!supported.includes(level)) {
      const to = nearestSupported(level, supported)!;
      out.push({ range: ef.range, message: `effort "${raw}" is not accepted by ${t.target.id} (it accepts ${supported.join(', ')}); ${level === 'xhigh' ? 'xhigh is new on Opus 4.7' : 'max is Opus-tier only (Opus 4.6+)'} (guide: Choosing an effort level on Opus 4.7; Migrating to Opus 4.6 / Sonnet 4.6, item 2).`, fix: 'suggest', intents: [{ kind: 'set-value', value: ef.value, path: ['output_config', 'effort'], to }] });
    } else if (level !== raw) {
      out.push({ range: ef.range, message: `"${raw}" is misspelt; the API accepts "${level}".`, fix: 'suggest', intents: [{ kind: 'set-value', value: ef.value, path: ['output_config', 'effort'], to: level }] });
    }
    return out;
  },
  docs: {
    what: 'Finds effort values the target rejects: any effort on Sonnet 4.5 / Haiku 4.5, `xhigh` below Opus 4.7, `max` below Opus 4.6 or on Sonnet/Haiku, misspelt levels (`x-high`), and `effort` outside `output_config`.',
    why: 'Effort goes inside output_config; `max` is Opus-tier only (Opus 4.6+); it errors on Sonnet 4.5 and Haiku 4.5 (guide: "Migrating to Opus 4.6 / Sonnet 4.6" item 2); `xhigh` is new on Opus 4.7 ("Choosing an effort level on Opus 4.7").',
    source: 'model-migration.md#migrating-to-opus-46--sonnet-46-from-any-older-model',
    fixSafety: 'Suggest: a different effort level changes cost and quality.',
    limits: ['Effort chosen at run time is not checked.'],
    example: 'basic',
  },
});
