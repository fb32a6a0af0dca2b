import type { Pack } from './types.js';

// Guide: "Migrating to Opus 4.8": no new breaking changes; the 4.7 section still applies below it.
export const pack: Pack = { target: 'claude-opus-4-8', extends: 'claude-opus-4-7', rules: [] };
