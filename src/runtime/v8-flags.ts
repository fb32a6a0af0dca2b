// V8 flags this tool runs with, set once per thread before anything they affect is compiled.
import v8 from 'node:v8';

let set = false;

/**
 * Grammars run on V8's baseline wasm compiler only. Optimising a grammar (up to 5 MB of wasm for C#)
 * cost 40 to 130 ms per grammar per thread, while parsing is a small share of planning a file: on the
 * bench's 20k-file repository a thread's planning took 25-35% less, and 360 Python plans in a row were
 * no slower. Flags are process-wide and part of the hash V8 checks before it accepts a code cache
 * (runtime/code-cache.ts), so they are set before the first grammar and before the first cached script.
 */
export function setEngineFlags(): void {
  if (set) return;
  set = true;
  try {
    v8.setFlagsFromString('--liftoff-only');
  } catch {
    // an engine without the flag: grammars are optimised as usual
  }
}
