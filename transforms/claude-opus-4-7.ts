import type { Pack } from './types.js';

// Guide: "Migrating to Opus 4.7" (breaking changes, silent defaults, checklist), layered on 4.6.
export const pack: Pack = {
  target: 'claude-opus-4-7',
  extends: 'claude-opus-4-6',
  rules: ['thinking-display', 'max-tokens-effort', 'prompt-progress-scaffolding', 'tokenizer-rebaseline'],
};
