// Every Claude model the migration knows, as data. Sources: shared/spec/models.md ("models.md") and
// shared/spec/model-migration.md ("the guide"). Values not stated in either are marked "not in the spec".
import type { Capabilities, EffortLevel, ModelInfo } from './types.js';

const NO_EFFORT: EffortLevel[] = [];
/** Guide, "Effort parameter (Opus 4.5, Opus 4.6, Sonnet 4.6 only)": low | medium | high; `max` is Opus 4.6+ only. */
const EFFORT_BASE: EffortLevel[] = ['low', 'medium', 'high'];
const EFFORT_OPUS_4_6: EffortLevel[] = ['low', 'medium', 'high', 'max'];
/** Guide, Opus 4.7 "Choosing an effort level": `xhigh` is new on 4.7, between high and max; 4.8 and Fable keep all five. */
const EFFORT_ALL: EffortLevel[] = ['low', 'medium', 'high', 'xhigh', 'max'];

/** Claude 2.x / 3.x without extended thinking. */
const CLAUDE_3: Capabilities = {
  // `disabled` is assumed accepted as a no-op on models without thinking (not in the spec).
  thinking: { enabled: false, adaptive: false, disabled: true, omitOnly: false },
  thinkingEnabledDeprecated: false,
  effort: NO_EFFORT,
  // Guide, "Additional Changes When Coming from 3.x": temperature + top_p together is "3.x only — errors on 4+".
  sampling: 'all',
  prefill: true,
  maxOutput: 4096, // not in the spec (public docs: Claude 3 / 2.x)
  thinkingDisplayDefault: 'summarized',
  fastMode: false,
  refusalStopReason: false,
  contextWindowStopReason: false,
  newTokenizer: false,
  requiresRetention: false,
  legacyToolsRejected: false,
};

/** Claude 4.0 / 4.1: extended thinking, one sampling parameter, refusal stop reason, new tool versions. */
const CLAUDE_4: Capabilities = {
  ...CLAUDE_3,
  thinking: { enabled: true, adaptive: false, disabled: true, omitOnly: false },
  // Guide: "Passing both will error on every Claude 4+ model" (temperature OR top_p).
  sampling: 'one-of',
  maxOutput: 32_000, // not in the spec (public docs: Opus 4 / 4.1)
  // Guide: "Claude 4+ can return stop_reason: \"refusal\""; "Legacy tool versions are not supported on 4+".
  refusalStopReason: true,
  legacyToolsRejected: true,
};

/** Claude 4.5: adds the `model_context_window_exceeded` stop reason ("4.5+"). */
const CLAUDE_4_5: Capabilities = {
  ...CLAUDE_4,
  maxOutput: 64_000, // Haiku 4.5: models.md; Opus / Sonnet 4.5: not in the spec (public docs)
  contextWindowStopReason: true,
};

/** Opus 4.6 / Sonnet 4.6: adaptive thinking; `enabled` deprecated but functional; prefill 400s. */
const CLAUDE_4_6: Capabilities = {
  ...CLAUDE_4_5,
  // Guide, "Migrating to Opus 4.6 / Sonnet 4.6": manual extended thinking "is still functional ... (deprecated)".
  thinking: { enabled: true, adaptive: true, disabled: true, omitOnly: false },
  thinkingEnabledDeprecated: true,
  // Guide, "Assistant-turn prefills return 400 (Opus 4.6 and Sonnet 4.6)".
  prefill: false,
};

/** Opus 4.7 / 4.8: adaptive only, no sampling parameters, thinking text omitted by default, new tokenizer. */
const OPUS_4_7: Capabilities = {
  ...CLAUDE_4_6,
  // Guide, 4.7 "Breaking changes": `enabled` + budget_tokens "returns a 400 error"; `disabled` is still accepted.
  thinking: { enabled: false, adaptive: true, disabled: true, omitOnly: false },
  thinkingEnabledDeprecated: false,
  effort: EFFORT_ALL,
  // Guide: "temperature, top_p, and top_k parameters are no longer accepted on Claude Opus 4.7".
  sampling: 'none',
  maxOutput: 128_000, // models.md Current Models
  // Guide, "Silent default changes": "The default is \"omitted\" on Claude Opus 4.7"; 4.8: "still defaults to omitted".
  thinkingDisplayDefault: 'omitted',
  // Guide: "Claude Opus 4.7 and Claude Opus 4.6 count tokens differently".
  newTokenizer: true,
};

/** Fable 5 / Mythos 5: Opus 4.7 surface plus always-on thinking and the 30-day retention requirement. */
const FABLE_5: Capabilities = {
  ...OPUS_4_7,
  // Guide, Fable 5 breaking change 1: only unset or {type: "adaptive"} is accepted; disabled and enabled 400.
  thinking: { enabled: false, adaptive: true, disabled: false, omitOnly: true },
  // Guide, "What carries over unchanged": effort low/medium/high/xhigh/max.
  effort: EFFORT_ALL,
  // Guide, "Data retention requirement": 30-day retention, not available under ZDR.
  requiresRetention: true,
};

interface ModelSpec extends Omit<ModelInfo, 'ids' | 'dated'> {
  dated?: string[];
  /** Extra first-party strings (`-latest` aliases of 3.x). */
  aliases?: string[];
}

function model(spec: ModelSpec): ModelInfo {
  const { aliases = [], dated = [], ...rest } = spec;
  return { ...rest, ids: [...new Set([spec.id, ...dated, ...aliases])], dated };
}

const OPUS = 'claude-opus-4-8';
const SONNET = 'claude-sonnet-4-6';
const HAIKU = 'claude-haiku-4-5';

export const MODEL_DATA: readonly ModelInfo[] = [
  // ---- Current models (models.md "Current Models") ----
  model({
    id: 'claude-fable-5', displayName: 'Claude Fable 5', family: 'fable', generation: 5, status: 'active',
    capabilities: FABLE_5, contextWindow: 1_000_000,
  }),
  model({
    // models.md: "Same capabilities, pricing, limits, and API behavior as Claude Fable 5; only the model ID differs."
    id: 'claude-mythos-5', displayName: 'Claude Mythos 5', family: 'mythos', generation: 5, status: 'active',
    capabilities: FABLE_5, contextWindow: 1_000_000, restricted: 'Project Glasswing',
  }),
  model({
    id: 'claude-opus-4-8', displayName: 'Claude Opus 4.8', family: 'opus', generation: 4.8, status: 'active',
    capabilities: OPUS_4_7, contextWindow: 1_000_000,
  }),
  model({
    id: 'claude-opus-4-7', displayName: 'Claude Opus 4.7', family: 'opus', generation: 4.7, status: 'active',
    replacement: OPUS, capabilities: OPUS_4_7, contextWindow: 1_000_000,
  }),
  model({
    id: 'claude-opus-4-6', displayName: 'Claude Opus 4.6', family: 'opus', generation: 4.6, status: 'active',
    replacement: OPUS, contextWindow: 1_000_000,
    capabilities: {
      ...CLAUDE_4_6,
      // Guide: "`max` is Opus-tier only (Opus 4.6 and later — not Sonnet or Haiku)".
      effort: EFFORT_OPUS_4_6,
      maxOutput: 128_000, // models.md; guide: "Opus 4.6 alone goes up to 128K"
      // Guide, "Fast Mode: not available on Opus 4.7": "Opus 4.6 Fast remains supported".
      fastMode: true,
    },
  }),
  model({
    id: 'claude-sonnet-4-6', displayName: 'Claude Sonnet 4.6', family: 'sonnet', generation: 4.6, status: 'active',
    // Guide: Sonnet 4.6 "defaults to high"; `max` is Opus-tier only. 64K: models.md.
    capabilities: { ...CLAUDE_4_6, effort: EFFORT_BASE, maxOutput: 64_000 }, contextWindow: 1_000_000,
  }),
  model({
    id: 'claude-haiku-4-5', displayName: 'Claude Haiku 4.5', family: 'haiku', generation: 4.5, status: 'active',
    dated: ['claude-haiku-4-5-20251001'],
    // Guide: effort "Errors on Sonnet 4.5 and Haiku 4.5". 64K: models.md.
    capabilities: { ...CLAUDE_4_5, maxOutput: 64_000 }, contextWindow: 200_000,
  }),

  // ---- Mythos Preview: not in models.md's tables; the guide's Fable 5 section is the source ----
  model({
    // Ordering value only (it has no public version number): above Opus 4.8, below the generation-5 models that
    // succeed it, so an explicit Opus target never "downgrades" it while Fable/Mythos 5 do replace it.
    id: 'claude-mythos-preview', displayName: 'Claude Mythos Preview', family: 'mythos', generation: 4.9,
    // Superseded by Mythos 5 ("succeeds the invitation-only Claude Mythos Preview"); no retirement date is given.
    status: 'legacy', restricted: 'Project Glasswing (invitation-only)',
    // Destination table lists both; rules.md and models.md's "Project Glasswing only" make Fable 5 the default.
    replacement: 'claude-fable-5',
    alternativeReplacement: { id: 'claude-mythos-5', condition: 'the organisation participates in Project Glasswing' },
    capabilities: {
      // The guide's Fable 5 breaking changes are listed "vs Opus-tier and Mythos Preview": the preview accepted
      // thinking configs (its before-example uses budget_tokens) and prefill, and shares Fable's tokenizer family.
      ...OPUS_4_7,
      thinking: { enabled: true, adaptive: true, disabled: true, omitOnly: false },
      sampling: 'one-of', // not in the spec: the Claude 4+ rule
      prefill: true,
      thinkingDisplayDefault: 'summarized', // not in the spec
      newTokenizer: true,
    },
  }),

  // ---- Legacy models (models.md "Legacy Models (still active)") ----
  model({
    id: 'claude-opus-4-5', displayName: 'Claude Opus 4.5', family: 'opus', generation: 4.5, status: 'legacy',
    dated: ['claude-opus-4-5-20251101'], replacement: OPUS,
    capabilities: { ...CLAUDE_4_5, effort: EFFORT_BASE },
  }),
  model({
    // models.md: "Deprecated (retires 2026-08-05 — migrate to claude-opus-4-8)".
    id: 'claude-opus-4-1', displayName: 'Claude Opus 4.1', family: 'opus', generation: 4.1, status: 'deprecated',
    dated: ['claude-opus-4-1-20250805'], retiresOn: '2026-08-05', replacement: OPUS,
    capabilities: CLAUDE_4,
  }),
  model({
    id: 'claude-sonnet-4-5', displayName: 'Claude Sonnet 4.5', family: 'sonnet', generation: 4.5, status: 'legacy',
    dated: ['claude-sonnet-4-5-20250929'], replacement: SONNET,
    capabilities: CLAUDE_4_5,
  }),

  // ---- Deprecated models ----
  // Conflict in the spec: models.md's Deprecated table says Opus 4 / Sonnet 4 retire "TBD"; the guide's
  // "Deprecated Models (retiring soon)" table says June 15, 2026. The guide's dated table is used.
  model({
    id: 'claude-sonnet-4-0', displayName: 'Claude Sonnet 4', family: 'sonnet', generation: 4, status: 'deprecated',
    dated: ['claude-sonnet-4-20250514'], retiresOn: '2026-06-15', replacement: SONNET,
    capabilities: { ...CLAUDE_4, maxOutput: 64_000 }, // 64K: not in the spec (public docs)
  }),
  model({
    id: 'claude-opus-4-0', displayName: 'Claude Opus 4', family: 'opus', generation: 4, status: 'deprecated',
    dated: ['claude-opus-4-20250514'], retiresOn: '2026-06-15', replacement: OPUS,
    capabilities: CLAUDE_4,
  }),
  model({
    id: 'claude-3-haiku-20240307', displayName: 'Claude Haiku 3', family: 'haiku', generation: 3, status: 'deprecated',
    dated: ['claude-3-haiku-20240307'], retiresOn: '2026-04-19', replacement: HAIKU,
    capabilities: CLAUDE_3,
  }),

  // ---- Retired models (models.md "Retired Models"; guide "Retired Model Replacements") ----
  model({
    id: 'claude-3-7-sonnet-20250219', displayName: 'Claude Sonnet 3.7', family: 'sonnet', generation: 3.7, status: 'retired',
    dated: ['claude-3-7-sonnet-20250219'], aliases: ['claude-3-7-sonnet-latest'], retiredOn: '2026-02-19', replacement: SONNET,
    // The only 3.x model with extended thinking. 64K output: not in the spec (public docs; 128K with a beta).
    capabilities: { ...CLAUDE_3, thinking: { enabled: true, adaptive: false, disabled: true, omitOnly: false }, maxOutput: 64_000 },
  }),
  model({
    id: 'claude-3-5-haiku-20241022', displayName: 'Claude Haiku 3.5', family: 'haiku', generation: 3.5, status: 'retired',
    dated: ['claude-3-5-haiku-20241022'], aliases: ['claude-3-5-haiku-latest'], retiredOn: '2026-02-19', replacement: HAIKU,
    capabilities: { ...CLAUDE_3, maxOutput: 8192 }, // not in the spec (public docs)
  }),
  model({
    id: 'claude-3-opus-20240229', displayName: 'Claude Opus 3', family: 'opus', generation: 3, status: 'retired',
    dated: ['claude-3-opus-20240229'], aliases: ['claude-3-opus-latest'], retiredOn: '2026-01-05', replacement: OPUS,
    capabilities: CLAUDE_3,
  }),
  model({
    // `claude-3-5-sonnet-latest` pointed at the October 2024 snapshot (not in the spec).
    id: 'claude-3-5-sonnet-20241022', displayName: 'Claude Sonnet 3.5', family: 'sonnet', generation: 3.5, status: 'retired',
    dated: ['claude-3-5-sonnet-20241022'], aliases: ['claude-3-5-sonnet-latest'], retiredOn: '2025-10-28', replacement: SONNET,
    capabilities: { ...CLAUDE_3, maxOutput: 8192 }, // not in the spec (public docs)
  }),
  model({
    id: 'claude-3-5-sonnet-20240620', displayName: 'Claude Sonnet 3.5', family: 'sonnet', generation: 3.5, status: 'retired',
    dated: ['claude-3-5-sonnet-20240620'], retiredOn: '2025-10-28', replacement: SONNET,
    capabilities: { ...CLAUDE_3, maxOutput: 8192 }, // not in the spec (public docs)
  }),
  model({
    id: 'claude-3-sonnet-20240229', displayName: 'Claude Sonnet 3', family: 'sonnet', generation: 3, status: 'retired',
    dated: ['claude-3-sonnet-20240229'], retiredOn: '2025-07-21', replacement: SONNET,
    capabilities: CLAUDE_3,
  }),
  // Guide, "Retired Model Replacements": claude-2.1, claude-2.0 -> claude-sonnet-4-6 (the only cross-family default).
  model({
    id: 'claude-2.1', displayName: 'Claude 2.1', family: 'claude', generation: 2.1, status: 'retired',
    retiredOn: '2025-07-21', replacement: SONNET, capabilities: CLAUDE_3,
  }),
  model({
    id: 'claude-2.0', displayName: 'Claude 2.0', family: 'claude', generation: 2.0, status: 'retired',
    retiredOn: '2025-07-21', replacement: SONNET, capabilities: CLAUDE_3,
  }),
];

/**
 * Google Vertex AI names (`name@date`) of dated snapshots. Not in the spec: Vertex writes the dated ID with `@`
 * before the date, and the October 2024 Sonnet 3.5 as `-v2`. Aliases without a dated snapshot have no `@` form.
 */
export const VERTEX_NAME_OVERRIDES: Readonly<Record<string, string>> = {
  'claude-3-5-sonnet-20241022': 'claude-3-5-sonnet-v2@20241022',
};
