// Files read while planning another file: the sibling module a constant is imported from
// (`from .config import MODEL`, `import { MODEL } from './config'`). Every such read goes through here, so
// that (1) relative paths resolve against the repository root being planned, not the process's cwd, and
// (2) each path looked at, found or not, is recorded: a cached plan of the file is only valid while those
// files are as they were (engine/result-cache.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

interface InputScope {
  root: string;
  /** Absolute paths looked at, in first-look order. */
  seen: Set<string>;
}

const scopes = new AsyncLocalStorage<InputScope>();

/** Runs `plan` with sibling paths resolved under `root`; returns what it returned and every path it looked at. */
export async function withInputs<T>(root: string, plan: () => Promise<T>): Promise<{ value: T; inputs: string[] }> {
  const scope: InputScope = { root, seen: new Set() };
  const value = await scopes.run(scope, plan);
  return { value, inputs: [...scope.seen] };
}

function absolute(path: string): string {
  const scope = scopes.getStore();
  const abs = resolve(scope?.root ?? process.cwd(), path);
  scope?.seen.add(abs);
  return abs;
}

/** A regular file at `path` (relative to the root being planned)? */
export function isInputFile(path: string): boolean {
  try {
    return statSync(absolute(path)).isFile();
  } catch {
    return false;
  }
}

/** The file's text; throws as readFileSync does. */
export function readInput(path: string): string {
  return readFileSync(absolute(path), 'utf8');
}

/** What a recorded input is now: the sha256 of its bytes, or null when it is not a readable regular file. */
export function inputState(abs: string): string | null {
  try {
    if (!statSync(abs).isFile()) return null;
    return createHash('sha256').update(readFileSync(abs)).digest('hex');
  } catch {
    return null;
  }
}
