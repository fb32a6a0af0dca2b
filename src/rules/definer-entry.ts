import { lifecycle } from '../catalog/index.js';
import { alongsideId, listMeaning, lookupCase, mentions } from './support/alongside.js';
import { defineRule, type RuleFinding } from './types.js';

/** The entry holds more than the ID (a record, a map value): its copy carries the old model's values. */
function carriesValues(occ: { match: { text: string }; context?: { collection?: { entry: { start: number; end: number } } } }): boolean {
  const entry = occ.context?.collection?.entry;
  return !!entry && entry.end - entry.start > occ.match.text.length + 4;
}

export default defineRule({
  id: 'definer-entry',
  severity: 'info',
  fix: 'suggest',
  buckets: ['caller', 'definer', 'string-reference'],
  fixTitle: 'Add the new model alongside (keep the old entry)',
  appliesTo: () => true,
  checkFile(ctx) {
    const out: RuleFinding[] = [];
    // One new entry per (collection, target): the newest old model of that family is the one copied.
    const best = new Map<string, { occ: (typeof ctx.occurrences)[number]; to: string }>();
    const all: { occ: (typeof ctx.occurrences)[number]; key: string; to: string; targetId: string }[] = [];
    for (const occ of ctx.occurrences) {
      if (occ.role !== 'definer-entry' || !occ.match.model || occ.match.variant) continue;
      const target = ctx.targetFor(occ.match.model);
      if (!target) continue;
      const to = alongsideId(occ.match, target);
      if (!to) continue;
      const coll = occ.context?.collection?.range;
      // Already registered: anywhere in the registry (the outermost literal holding the entry: a map of records
      // whose model sits in a nested `params`), or anywhere in a registry without one (a class of model constants).
      if (mentions(ctx.text, occ.context?.collection?.outermost ?? coll ?? { start: 0, end: ctx.text.length }, target.id)) continue;
      // Alias and dated IDs are both first-party names: one new entry for them (Bedrock/Vertex lists get their own form).
      const formClass = occ.match.form === 'dated' ? 'alias' : occ.match.form;
      const key = `${coll?.start ?? -1}:${target.id}:${formClass}`;
      all.push({ occ, key, to, targetId: target.id });
      const cur = best.get(key);
      if (!cur || (occ.match.model.generation > cur.occ.match.model!.generation)) best.set(key, { occ, to });
    }
    for (const { occ, key, to, targetId } of all) {
      const meaning = listMeaning(ctx.text, occ.context?.collection?.range);
      if (meaning) {
        // A list of models going away, or kept out of something: adding the new model would change what it means.
        out.push({
          range: { start: occ.match.start, end: occ.match.end },
          message: meaning === 'lifecycle'
            ? `${occ.match.text} is in a list of deprecated or retired models: it stays there, and ${targetId} does not belong in it; nothing to add (guide: Step 1, bucket 2).`
            : `${occ.match.text} is in a list of models excluded from something or lacking a capability: add ${targetId} only if it lacks the same capability (check the guide's per-model tables); the old entry stays (guide: Step 1, bucket 2).`,
          fix: 'manual',
          intents: [],
          from: occ.match.text,
          to,
        });
        continue;
      }
      const lookup = lookupCase(ctx.text, occ, to, 'Step 1, bucket 2');
      if (lookup) {
        out.push(lookup);
        continue;
      }
      // Outside a literal collection (registration calls), there is no entry to copy: a person adds one.
      const chosen = best.get(key)!.occ === occ && !!occ.context?.collection;
      out.push({
        range: { start: occ.match.start, end: occ.match.end },
        message: lifecycle(occ.match.model!, ctx.options.today).retired
          ? `${occ.match.text} is an entry of a model registry/config for a retired model (requests to it fail since ${occ.match.model!.retiredOn ?? occ.match.model!.retiresOn}): add ${to} alongside, and consider retiring the old entry (its own choice); never blind-replace (guide: Step 1, bucket 2).`
          : `${occ.match.text} is an entry of a model registry/config: the old model is still served, so keep it and add ${to} alongside; never blind-replace (guide: Step 1, bucket 2).`,
        fix: chosen && !ctx.generated ? 'suggest' : 'manual',
        intents: chosen && !ctx.generated ? [{ kind: 'add-alongside', at: occ.match.start, from: occ.match.text, to }] : [],
        from: occ.match.text,
        to,
        // The guide's three answers (Step 1, bucket 2): add alongside (default), leave, retire the old model.
        choice: 'add-alongside',
        alternatives: ctx.generated || !chosen ? undefined : [
          { choice: 'leave', title: 'Leave the registry as it is', intents: [] },
          { choice: 'retire-old', title: `Retire ${occ.match.text}: replace it with ${to}`, intents: [{ kind: 'replace', range: { start: occ.match.start, end: occ.match.end }, text: to }] },
        ],
        notes: chosen ? ['Other choices: leave the registry alone, or retire the old model (remove it) if it is no longer served.', ...(carriesValues(occ) ? [`The new entry copies ${occ.match.text}'s values as placeholders (the guide: reuse the nearest existing tier): check them against ${targetId}'s own (context window, maximum output, price; models.md).`] : [])] : occ.context?.collection ? [`A new ${targetId} entry is offered once, next to the newest old entry of this registry.`] : [`This file names many models outside a literal list (registration calls, constants): register ${targetId} next to the newest one by hand.`],
      });
    }
    return out;
  },
  docs: {
    what: 'For registries, enums, routing configs, model lists and pricing tables that hold an old model, offers a new entry for the target next to it (copying the nearest entry\'s shape), and keeps the old one.',
    why: 'A definer serves the old model, which is still in production; replacing it would de-register it. If you cannot ask, add the new model alongside and flag it (guide: "Step 1: Classify each file", bucket 2).',
    source: 'model-migration.md#step-1-classify-each-file',
    fixSafety: 'Suggest: applied with --apply-suggestions or accepted in the UI. Prices or limits copied from the old entry must be checked by a person.',
    limits: [
      'A list named for models going away (`DEPRECATED_MODELS`, `retired:`) gets no new entry, and one named for an exclusion or a missing capability (`UNSUPPORTED_THINKING_MODELS`, `models_without_vision`) gets none automatically: both are flagged for a person, read from the words just before the list.',
      'Registries assembled by code (loops, comprehensions) are not recognised; a file that names four or more different models as plain strings (registration calls, a module of model constants) is read as a registry, and its IDs are flagged for a person (no literal entry to copy), never swapped.',
      'A list of records is a registry when each record names its model by `id`, `name`, `model_id`/`modelId` or `slug`, or when its records name two or more different models under a `model` key (a routing or results table; a one-record list is a setting and is swapped) (Python, TS/JS, Go, Ruby, PHP, YAML, JSON, TOML); Java and C# object constructions in a list are read one at a time. A copied record keeps the old record\'s other fields (labels, prices): review them; a YAML or JSON record\'s `aliases` are not copied (aliases must stay unique to one model), other languages\' are.',
    ],
    example: 'basic',
  },
});
