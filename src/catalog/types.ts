// The model catalogue's shape. Facts come from shared/spec/models.md and model-migration.md.

export type Family = 'opus' | 'sonnet' | 'haiku' | 'fable' | 'mythos' | 'claude';
export type ModelStatus = 'active' | 'legacy' | 'deprecated' | 'retired';
export type EffortLevel = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface Capabilities {
  /** Thinking configs the API accepts. `omitOnly`: only unset or adaptive is accepted (Fable 5 / Mythos 5). */
  thinking: { enabled: boolean; adaptive: boolean; disabled: boolean; omitOnly: boolean };
  /** `enabled` still works but is deprecated (Opus 4.6 / Sonnet 4.6: the transitional escape hatch). */
  thinkingEnabledDeprecated: boolean;
  /** Effort levels accepted in output_config.effort; empty = effort is rejected. */
  effort: EffortLevel[];
  /** all: temperature/top_p/top_k accepted together (3.x); one-of: temperature or top_p, not both (4+); none: all rejected (Opus 4.7+, Fable). */
  sampling: 'all' | 'one-of' | 'none';
  /** Last-assistant-turn prefill accepted. */
  prefill: boolean;
  /** Max output tokens. */
  maxOutput: number;
  /** Default `thinking.display` when adaptive: Opus 4.7+/Fable omit thinking text unless asked. */
  thinkingDisplayDefault: 'summarized' | 'omitted';
  /** A `-fast` Fast Mode variant exists. */
  fastMode: boolean;
  /** Returns `stop_reason: "refusal"` (Claude 4+). */
  refusalStopReason: boolean;
  /** Returns `model_context_window_exceeded` (4.5+). */
  contextWindowStopReason: boolean;
  /** New tokenizer relative to Opus 4.6 (Opus 4.7+, Fable). */
  newTokenizer: boolean;
  /** Requires 30-day data retention (Fable 5, Mythos 5). */
  requiresRetention: boolean;
  /** Legacy tool versions (text_editor_20250124, old code_execution) rejected (Claude 4+). */
  legacyToolsRejected: boolean;
}

export interface ModelInfo {
  /** Canonical ID: the alias when there is one, else the full ID (`claude-3-opus-20240229`). */
  id: string;
  displayName: string;
  family: Family;
  /** Numeric generation for ordering: 2.0, 2.1, 3, 3.5, 3.7, 4, 4.1, 4.5, 4.6, 4.7, 4.8, 5. */
  generation: number;
  /** Every first-party string that names this model: alias, dated full ID(s), `-latest` forms. */
  ids: string[];
  /** Dated snapshot IDs (`claude-sonnet-4-5-20250929`). */
  dated: string[];
  status: ModelStatus;
  /** ISO dates. */
  deprecatedOn?: string;
  retiresOn?: string;
  retiredOn?: string;
  /** Default destination from the destination / retired / deprecated / rename tables. */
  replacement?: string;
  capabilities: Capabilities;
  /** Only reachable through a programme (Mythos 5: Project Glasswing). */
  restricted?: string;
  /** Added: a second destination the guide offers under a condition (Mythos Preview -> claude-mythos-5 in Project Glasswing). */
  alternativeReplacement?: { id: string; condition: string };
  /** Added: context window in tokens, where models.md states it. */
  contextWindow?: number;
}

/** The form a model-ID string was written in. */
export type IdForm =
  | 'alias' // claude-opus-4-6
  | 'dated' // claude-sonnet-4-5-20250929
  | 'bedrock' // anthropic.claude-opus-4-7 (Claude in Amazon Bedrock)
  | 'bedrock-legacy' // anthropic.claude-3-5-sonnet-20241022-v2:0 (InvokeModel/Converse: out of scope)
  | 'vertex' // claude-3-5-sonnet-v2@20241022, claude-opus-4-1@20250805
  | 'litellm'; // anthropic/claude-3-opus-20240229

export interface ModelIdMatch {
  /** Offsets into the scanned text (UTF-16, end exclusive) of the whole ID string as written. */
  start: number;
  end: number;
  text: string;
  form: IdForm;
  /** The catalogue model it names, if any (undefined for unknown/variant IDs). */
  model?: ModelInfo;
  /** Variant suffix as written (`-fast`, `[1m]`, `-200k`, `-1024k`); such IDs are never rewritten. */
  variant?: string;
  /** Range of the part to replace when migrating (the bare model part: keeps `anthropic.`, drops `@date`). */
  core: { start: number; end: number };
}
