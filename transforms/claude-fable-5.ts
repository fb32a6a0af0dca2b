import type { Pack } from './types.js';

// Guide: "Migrating to Claude Fable 5": same surface as Opus 4.7/4.8 plus thinking omission, retention, tokenizer.
export const pack: Pack = {
  target: 'claude-fable-5',
  extends: 'claude-opus-4-8',
  rules: ['thinking-config-fable', 'fable-data-retention'],
};
