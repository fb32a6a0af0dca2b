import type { Pack } from './types.js';

// Guide: "Migrating to Opus 4.6 / Sonnet 4.6", "Migrating to the 4.6 family", "Beta Headers to Remove on 4.6", "Prompt-Behavior Changes".
export const pack: Pack = {
  target: 'claude-sonnet-4-6',
  extends: 'common',
  rules: ['thinking-budget', 'prefill', 'beta-header-ga', 'beta-namespace', 'effort-unsupported', 'effort-explicit', 'prompt-aggressive-language'],
};
