import type { Pack } from './types.js';

// Haiku 3.x → 4.5: the 3.x extras plus effort (rejected on Haiku 4.5).
export const pack: Pack = { target: 'claude-haiku-4-5', extends: 'common', rules: ['effort-unsupported', 'prompt-aggressive-language'] };
