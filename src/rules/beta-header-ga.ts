import { literalString, param, removableBetas, splitBetaHeader } from './support/helpers.js';
import { defineRule, type RuleFinding } from './types.js';

export default defineRule({
  id: 'beta-header-ga',
  severity: 'tune',
  fix: 'auto',
  buckets: ['caller'],
  fixTitle: 'Remove beta flags that are GA on the target',
  appliesTo: (t) => t.target.generation >= 4.6,
  checkRequest(req, t, ctx) {
    const removable = removableBetas(req, t, ctx);
    const out: RuleFinding[] = [];
    const why = (flag: string) => `${flag} is GA or built in on ${t.target.id}; the beta flag is redundant (guide: Beta Headers to Remove on 4.6).`;
    const betas = param(req, 'betas');
    if (betas?.value.kind === 'array' && betas.value.elements) {
      const elements = betas.value.elements;
      const gone = elements.filter((e) => removable.has(literalString(e) ?? ''));
      if (gone.length > 0) {
        if (gone.length === elements.length) {
          // Nothing left: drop the whole betas argument (then beta-namespace can leave the beta namespace).
          out.push({ range: betas.range, message: why(gone.map((e) => e.literal).join(', ')), fix: 'auto', intents: [{ kind: 'remove-field', container: req.params, field: betas }] });
        } else {
          for (const e of gone) out.push({ range: e.range, message: why(String(e.literal)), fix: 'auto', intents: [{ kind: 'remove-element', array: betas.value, element: e }] });
        }
      }
    }
    for (const h of req.headers) {
      if (h.name !== 'anthropic-beta') continue;
      const value = literalString(h.value);
      if (value === undefined || !h.value.contentRange) continue;
      const flags = splitBetaHeader(value);
      const keep = flags.filter((f) => !removable.has(f));
      if (keep.length === flags.length) continue;
      const dropped = flags.filter((f) => removable.has(f));
      // A client-level header serves every request on that client: only flags removable for this request's target are dropped.
      if (keep.length === 0 && h.field && h.container) {
        out.push({ range: h.range, message: why(dropped.join(', ')), fix: 'auto', intents: [{ kind: 'remove-field', container: h.container, field: h.field }] });
      } else if (keep.length > 0) {
        out.push({ range: h.range, message: why(dropped.join(', ')), fix: 'auto', intents: [{ kind: 'replace', range: h.value.contentRange, text: keep.join(value.includes(', ') ? ', ' : ',') }] });
      } else {
        out.push({ range: h.range, message: why(dropped.join(', ')) + ' Remove the header.', fix: 'manual' });
      }
    }
    return dedupeByRange(out);
  },
  docs: {
    what: 'Removes beta flags that are GA or built in on 4.6+ targets from `betas` lists, `anthropic-beta` headers (including comma-separated values) and default/extra headers: `effort-2025-11-24`, `fine-grained-tool-streaming-2025-05-14`, `token-efficient-tools-2025-02-19`, `output-128k-2025-02-19`, and `interleaved-thinking-2025-05-14` once thinking is adaptive.',
    why: 'These features are GA or built in on 4.6 models; leaving the flags is harmless but misleading, and removing them lets the call leave the beta namespace (guide: "Beta Headers to Remove on 4.6"). Interleaved thinking is automatic with adaptive thinking, but still needed with the transitional budget_tokens escape hatch.',
    source: 'model-migration.md#beta-headers-to-remove-on-46',
    fixSafety: 'Auto for literal lists and header strings; a header value computed at run time is reported only.',
    limits: ['Beta flags assembled from variables are not seen.'],
    example: 'basic',
  },
});

/** Same-range findings (a header seen from several requests on one client) are reported once. */
function dedupeByRange(findings: RuleFinding[]): RuleFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.range.start}:${f.range.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
