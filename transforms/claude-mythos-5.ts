import type { Pack } from './types.js';

// Same API behaviour as Fable 5; only the ID differs (guide: "Migrating to Claude Fable 5").
export const pack: Pack = { target: 'claude-mythos-5', extends: 'claude-fable-5', rules: [] };
