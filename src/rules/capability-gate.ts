import { alongsideId, lookupCase, mentions } from './support/alongside.js';
import { getModel } from '../catalog/index.js';
import { isTestPath } from '../scanner/language.js';
import type { Range } from '../languages/types.js';
import { defineRule, type RuleFinding } from './types.js';

/** A gate string naming part of a model ID: `opus-4-6`, `claude-opus-4`, `sonnet-4-5`. */
const FRAGMENT = /^(claude-)?(opus|sonnet|haiku)-(\d)(?:-(\d))?$/;

/**
 * Where an added alternative would sit: the gate's own lines plus one on each side. The innermost gate
 * of the old ID (`strings.Contains(m, "opus-4-6")`) does not include the `|| …` added next to it, so
 * checking only the gate would add the new ID again on every run.
 */
function aroundGate(text: string, gate: Range | undefined): Range | undefined {
  if (!gate) return undefined;
  let start = text.lastIndexOf('\n', gate.start - 1);
  start = start <= 0 ? 0 : text.lastIndexOf('\n', start - 1) + 1;
  let end = text.indexOf('\n', gate.end);
  end = end === -1 ? text.length : text.indexOf('\n', end + 1);
  return { start, end: end === -1 ? text.length : end };
}

/**
 * A substring or prefix test (`strings.Contains(m, "claude-opus-4")`, `m.startswith("sonnet-4")`, a regex)
 * on a string the new ID contains already lets the new model through: nothing to add. An equality test
 * (`==`, `equals`, `case`) does not.
 */
function admitsAlready(text: string, gate: Range | undefined, literal: string, to: string): boolean {
  if (!gate || !to.includes(literal)) return false;
  const test = text.slice(gate.start, gate.end);
  return !/===?|!==?|\.equals\(|\bEquals\(|\bcase\b|\bwhen\b|\beq\b/.test(test);
}

function spanOf(r: Range | undefined): [number, number] {
  return r ? [r.start, r.end] : [0, 0];
}

export default defineRule({
  id: 'capability-gate',
  severity: 'blocks',
  fix: 'suggest',
  buckets: ['caller', 'definer', 'string-reference'],
  fixTitle: 'Add the new ID alongside in the gate',
  appliesTo: () => true,
  checkFile(ctx) {
    const out: RuleFinding[] = [];
    const push = (start: number, end: number, from: string, to: string, gate: { start: number; end: number } | undefined) => {
      out.push({
        range: { start, end },
        message: `A capability gate tests for ${from}: the old model is still served and keeps the capability, so add ${to} alongside rather than replacing it, or the feature silently turns off for the new model (guide: Step 1, bucket 3 sub-cases, "Capability gate").`,
        fix: ctx.generated ? 'manual' : 'suggest',
        intents: ctx.generated ? [] : [{ kind: 'add-alongside', at: start, from, to }],
        from,
        to,
        notes: gate ? [`Gate: ${ctx.text.slice(gate.start, gate.end).slice(0, 120)}`] : undefined,
      });
    };
    // Models the file already tests in a gate of its own (an earlier branch of the same if/else chain): the
    // new model has its capabilities there, and adding it to the old model's branch would be dead code.
    const gated = new Set(ctx.occurrences.filter((o) => o.match.model && !o.match.variant && o.context?.gate).map((o) => o.match.model!.id));
    for (const occ of ctx.occurrences) {
      if (occ.role !== 'capability-gate' || !occ.match.model || occ.match.variant) continue;
      const target = ctx.targetFor(occ.match.model);
      const to = target && alongsideId(occ.match, target);
      if (!target || !to || gated.has(target.id) || mentions(ctx.text, aroundGate(ctx.text, occ.context?.gate), to) || admitsAlready(ctx.text, occ.context?.gate, occ.match.text, to)) continue;
      const lookup = lookupCase(ctx.text, occ, to, 'Step 1, bucket 3 sub-cases, "Capability gate"');
      if (lookup) {
        out.push(lookup);
        continue;
      }
      push(occ.match.start, occ.match.end, occ.match.text, to, occ.context?.gate);
    }
    // Fragments the catalogue finder does not see (`"opus-4-6" in model`). Not in tests: a test's comparison
    // checks what the code under test did, it enables nothing (classify gives full IDs there their own roles).
    const seen = ctx.occurrences.map((o) => o.match);
    for (const s of isTestPath(ctx.path) ? [] : ctx.view.strings) {
      const m = FRAGMENT.exec(s.value);
      if (!m) continue;
      // Full IDs were handled above (or belong to another rule, e.g. a registry assert).
      if (seen.some((x) => x.start < s.contentRange.end && x.end > s.contentRange.start)) continue;
      const context = ctx.parsed.contextAt(s.contentRange.start);
      const gate = context.gate;
      if (!gate || context.assert) continue;
      const [, prefix, family, major, minor] = m;
      const model = getModel(`claude-${family}-${major}-${minor ?? '0'}`) ?? getModel(`claude-${family}-${major}-${minor ?? ''}`.replace(/-$/, ''));
      if (!model) continue;
      const target = ctx.targetFor(model);
      if (!target || target.family !== model.family) continue;
      const to = (prefix ? '' : '') + target.id.replace(/^claude-/, prefix ?? '');
      const around = ctx.text.slice(...spanOf(aroundGate(ctx.text, gate)));
      if (to === s.value || admitsAlready(ctx.text, gate, s.value, to) || around.includes(`"${to}"`) || around.includes(`'${to}'`) || around.includes(`\`${to}\``) || mentions(ctx.text, aroundGate(ctx.text, gate), to)) continue;
      push(s.contentRange.start, s.contentRange.end, s.value, to, gate);
    }
    return out;
  },
  docs: {
    what: 'Finds substring, prefix, equality, regex and switch gates on old model IDs or ID fragments (`if "opus-4-6" in model:`) and offers to add the new ID alongside.',
    why: 'The old model is still served and still has the capability; replacing the string would silently disable the feature for old-model traffic, and not adding the new ID disables it for the new model (guide: "Step 1" → bucket 3 sub-cases, "Capability gate").',
    source: 'model-migration.md#step-1-classify-each-file',
    fixSafety: 'Suggest. If no old-model traffic can reach the gate, replacing is also fine: the guide leaves that to the caller.',
    limits: ['Gates on fragments that name no single family (`"claude-3"`) are not followed.', 'A substring or prefix gate whose string the new ID already contains (`"claude-opus-4"` for claude-opus-4-8) lets the new model through and is not flagged; an equality test on it is.', 'In a test file that names one model only, a comparison with that model (`$parameters[\'model\'] === \'claude-2.1\'` after sending it) checks the test\'s own fixture: it is swapped with the fixture, not treated as a gate (guide: Step 1, registry-assert heuristic, "one model compared only to itself").'],
    example: 'basic',
  },
});
