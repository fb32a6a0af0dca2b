// The model catalogue's queries: lookup, default destinations, target resolution, lifecycle, rewriting.
import type { ModelIdMatch, ModelInfo, ModelStatus } from './types.js';
import { MODEL_DATA } from './models.js';

export { findModelIds, MODEL_ID_REGEX_SOURCE } from './finder.js';

export const MODELS: readonly ModelInfo[] = MODEL_DATA;

const BY_ID = new Map<string, ModelInfo>();
for (const model of MODELS) for (const id of model.ids) BY_ID.set(id, model);

/** The seven targets that have a rule pack (transforms/<target>.ts). */
export const TARGETS: string[] = [
  'claude-opus-4-6',
  'claude-sonnet-4-6',
  'claude-haiku-4-5',
  'claude-opus-4-7',
  'claude-opus-4-8',
  'claude-fable-5',
  'claude-mythos-5',
];

/** An explicit `--target` that is not one of TARGETS (or not a model at all). */
export class UnknownTargetError extends Error {
  override readonly name = 'UnknownTargetError';
  constructor(readonly target: string, readonly known: readonly string[] = TARGETS) {
    super(`unknown target model "${target}"; use auto or one of: ${known.join(', ')}`);
  }
}

/** A model by any first-party string that names it: alias, dated snapshot, 3.x `-latest`. Case-sensitive. */
export function getModel(id: string): ModelInfo | undefined {
  return BY_ID.get(id);
}

/** The guide's destination for a model (destination / retired / deprecated / rename tables); itself when current. */
export function defaultTarget(source: ModelInfo): ModelInfo {
  return (source.replacement && BY_ID.get(source.replacement)) || source;
}

/**
 * Whether moving `model` to `target` is a migration: a different model of a later generation. Same-generation
 * moves (Fable 5 <-> Mythos 5, Haiku 4.5 -> Opus 4.5) and moves to older generations are not.
 */
export function needsMigration(model: ModelInfo, target: ModelInfo): boolean {
  return model.id !== target.id && model.generation < target.generation;
}

/**
 * Where `source` goes for the run's target, or undefined when there is nothing to migrate.
 * - `auto`: the guide's destination table (stays in the family, except claude-2.x -> Sonnet and Mythos Preview
 *   -> Fable 5, which the tables say).
 * - an explicit target applies to every older model, across families too (the user chose it: "Default to the
 *   latest Opus for the caller's tier unless they explicitly chose otherwise"); never to the target itself or to a
 *   model of the same or a later generation (opus-4-8 with target opus-4-7 stays).
 * With no source, an explicit target is returned as is (to check requests whose model is not a literal).
 * Throws UnknownTargetError for an explicit target outside TARGETS.
 */
export function resolveTarget(source: ModelInfo | undefined, target: string): ModelInfo | undefined {
  if (target === 'auto') {
    if (!source) return undefined;
    const destination = defaultTarget(source);
    return needsMigration(source, destination) ? destination : undefined;
  }
  const chosen = BY_ID.get(target);
  if (!chosen || !TARGETS.includes(chosen.id)) throw new UnknownTargetError(target);
  if (!source) return chosen;
  return needsMigration(source, chosen) ? chosen : undefined;
}

/**
 * The text that replaces `match.core`: always the target's alias (never a dated ID, never a guessed Vertex or
 * Bedrock date: guide, "Before You Migrate" 1 and "Amazon Bedrock model IDs"). Undefined for variants and legacy
 * Bedrock IDs, which are never rewritten (guide, Step 1 bucket 4; Bedrock "Out of scope").
 */
export function rewriteCore(match: ModelIdMatch, target: ModelInfo): string | undefined {
  if (match.variant !== undefined || match.form === 'bedrock-legacy') return undefined;
  // Vertex AI names a model with a dated snapshot `<alias>@<date>` (`claude-haiku-4-5@20251001`); one with no
  // dated snapshot in the catalogue only by its alias. The date comes from the catalogue, never a guess.
  if (match.form === 'vertex') {
    const dated = target.dated?.map((d) => /^(.*)-(\d{8})$/.exec(d)).find((m) => m && m[1] === target.id);
    if (dated) return `${target.id}@${dated[2]}`;
  }
  return target.id;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  const ms = ISO_DATE.test(iso) ? Date.parse(`${iso}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO date (YYYY-MM-DD): "${iso}"`);
  return Math.round(ms / DAY_MS);
}

/**
 * Words that say models are going away (deprecated, retired, end of life…), as a regex source: a text
 * about a model in these words, or a list named with them, is about old models, not a place to swap in
 * or add the new one.
 */
export const LIFECYCLE_TERMS = 'deprecat|retir(?:e|ed|es|ing|ement)|sunset|end[-_ ]?of[-_ ]?life|\\bEOL\\b|obsolete|legacy|decommission|discontinued|no[-_ ]longer[-_ ](?:supported|available|served)';

/**
 * The model's state on `today` (ISO date). A model is retired from its retirement date on (`retiresOn` or
 * `retiredOn` <= today); until then `daysLeft` counts the days to it.
 */
export function lifecycle(model: ModelInfo, today: string): { status: ModelStatus; daysLeft?: number; retired: boolean } {
  const now = dayNumber(today);
  const retireDate = model.retiredOn ?? model.retiresOn;
  if (!retireDate) return { status: model.status, retired: model.status === 'retired' };
  const daysLeft = dayNumber(retireDate) - now;
  if (daysLeft <= 0) return { status: 'retired', retired: true };
  // A `today` before a past retirement (re-running an old report): the model was still deprecated then.
  return { status: model.status === 'retired' ? 'deprecated' : model.status, daysLeft, retired: false };
}
