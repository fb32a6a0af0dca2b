import type { Pack } from './types.js';

/**
 * Rules every pack carries: classification and model-ID handling (Step 1), the checklist items that
 * apply to every model ("All models"), and the 3.x / 4.0 / 4.1 extras, which check their own source.
 */
export const common: Pack = {
  target: 'common',
  rules: [
    'sync-marker', 'model-id', 'variant-id', 'fast-mode', 'definer-entry', 'capability-gate', 'registry-assert', 'definer-coupled', 'generated-snapshot',
    'output-format', 'max-tokens-streaming', 'max-tokens-ceiling', 'fallback-v1',
    'sampling-params', 'tool-version', 'undo-edit', 'stop-reason-refusal', 'stop-reason-context-window',
  ],
};
