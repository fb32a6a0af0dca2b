import type { Pack } from './types.js';

// Same 4.6 sections as Sonnet 4.6 (Opus adds max effort, 128K output: capability data, not rules).
export const pack: Pack = {
  target: 'claude-opus-4-6',
  extends: 'common',
  rules: ['thinking-budget', 'prefill', 'beta-header-ga', 'beta-namespace', 'effort-unsupported', 'prompt-aggressive-language'],
};
