import { literalString, param, removableBetas, splitBetaHeader } from './support/helpers.js';
import { defineRule } from './types.js';

/** Request params that exist only on the beta endpoint: their presence keeps the call in the beta namespace. */
const BETA_ONLY_PARAMS = ['container', 'context_management', 'mcp_servers', 'fallbacks', 'fallback'];

export default defineRule({
  id: 'beta-namespace',
  severity: 'tune',
  fix: 'auto',
  buckets: ['caller'],
  fixTitle: 'Call client.messages instead of client.beta.messages',
  appliesTo: (t) => t.target.generation >= 4.6,
  checkRequest(req, t, ctx) {
    // Helpers that exist only on the beta namespace (tool runners) stay there.
    if (!req.beta || req.kind !== 'sdk-call' || req.method === 'other') return [];
    const removable = removableBetas(req, t, ctx);
    const betas = param(req, 'betas');
    // The move follows removing the call's last beta flags (possibly in an earlier pass); a beta call that
    // never named one stays where it is (beta types, middleware or beta features may be why it is there).
    const original = ctx.originalRequest(req);
    const named = (r: typeof req) => !!param(r, 'betas') || r.headers.some((h) => h.name === 'anthropic-beta' && h.scope === 'request');
    if (!named(original) && !named(req)) return [];
    if (betas) {
      if (betas.value.kind !== 'array' || !betas.value.elements) return [];
      if (betas.value.elements.some((e) => !removable.has(literalString(e) ?? '\u0000'))) return [];
    }
    for (const h of req.headers) {
      if (h.name !== 'anthropic-beta' || h.scope !== 'request') continue;
      const v = literalString(h.value);
      if (v === undefined || splitBetaHeader(v).some((f) => !removable.has(f))) return [];
    }
    if (BETA_ONLY_PARAMS.some((k) => param(req, k)) || req.opaqueSpread) return [];
    return [{
      range: req.callee ?? req.range,
      message: `No beta flag remains on this call once GA betas are removed; use the regular namespace (guide: Beta Headers to Remove on 4.6; checklist: switch client.beta.messages.create → client.messages.create).`,
      fix: 'auto',
      intents: [{ kind: 'rename-call', request: req }],
    }];
  },
  docs: {
    what: 'Switches `client.beta.messages.create/stream/…` to `client.messages.…` when the call named beta flags and none remains after beta-header-ga. A beta call that never named a flag stays: beta types, middleware or beta features are why it is there.',
    why: 'Once the GA beta headers are removed and thinking is adaptive, the call no longer needs the beta namespace (guide: "Beta Headers to Remove on 4.6": "you can switch the SDK call site from the beta namespace back to the regular one").',
    source: 'model-migration.md#beta-headers-to-remove-on-46',
    fixSafety: 'Auto when every remaining beta flag is removable and no beta-only parameter (container, context_management, mcp_servers, fallbacks) is used; typed SDKs whose params type is named at the call are renamed by their adapter or the rename is refused.',
    limits: ['Beta-only helpers (`tool_runner`/`toolRunner`) are never moved: they have no regular-namespace twin.', 'A beta call that names no beta flag stays: the refusal-fallback middleware, for one, only acts on `client.beta.messages` requests (guide: model fallbacks, pattern 2).', 'A beta response type used elsewhere (`BetaMessage` annotations) is not renamed.'],
    example: 'basic',
  },
});
