// THE list of rules. Order = report order = the order edits are gathered (earlier rules win overlaps).
import type { Rule } from './types.js';
import syncMarker from './sync-marker.js';
import modelId from './model-id.js';
import variantId from './variant-id.js';
import fastMode from './fast-mode.js';
import definerEntry from './definer-entry.js';
import capabilityGate from './capability-gate.js';
import registryAssert from './registry-assert.js';
import definerCoupled from './definer-coupled.js';
import generatedSnapshot from './generated-snapshot.js';
import thinkingBudget from './thinking-budget.js';
import thinkingConfigFable from './thinking-config-fable.js';
import thinkingDisplay from './thinking-display.js';
import samplingParams from './sampling-params.js';
import prefill from './prefill.js';
import outputFormat from './output-format.js';
import betaHeaderGa from './beta-header-ga.js';
import betaNamespace from './beta-namespace.js';
import toolVersion from './tool-version.js';
import undoEdit from './undo-edit.js';
import maxTokensStreaming from './max-tokens-streaming.js';
import maxTokensCeiling from './max-tokens-ceiling.js';
import maxTokensEffort from './max-tokens-effort.js';
import effortUnsupported from './effort-unsupported.js';
import effortExplicit from './effort-explicit.js';
import stopReasonRefusal from './stop-reason-refusal.js';
import stopReasonContextWindow from './stop-reason-context-window.js';
import promptAggressiveLanguage from './prompt-aggressive-language.js';
import promptProgressScaffolding from './prompt-progress-scaffolding.js';
import fallbackV1 from './fallback-v1.js';
import fableDataRetention from './fable-data-retention.js';
import tokenizerRebaseline from './tokenizer-rebaseline.js';

export const RULES: readonly Rule[] = [
  syncMarker,
  modelId,
  variantId,
  fastMode,
  definerEntry,
  capabilityGate,
  registryAssert,
  definerCoupled,
  generatedSnapshot,
  thinkingConfigFable,
  thinkingBudget,
  thinkingDisplay,
  samplingParams,
  outputFormat,
  prefill,
  betaHeaderGa,
  betaNamespace,
  toolVersion,
  undoEdit,
  maxTokensStreaming,
  maxTokensCeiling,
  maxTokensEffort,
  effortUnsupported,
  effortExplicit,
  stopReasonRefusal,
  stopReasonContextWindow,
  promptAggressiveLanguage,
  promptProgressScaffolding,
  fallbackV1,
  fableDataRetention,
  tokenizerRebaseline,
];

const byId = new Map(RULES.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}
