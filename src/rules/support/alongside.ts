// Shared by the add-alongside rules (definer-entry, capability-gate, registry-assert).
import { rewriteCore } from '../../catalog/index.js';
import type { ModelIdMatch, ModelInfo } from '../../catalog/types.js';
import type { Range } from '../../languages/types.js';

/** The new ID written in the same form as the old one (Bedrock prefix kept, Vertex date dropped). */
export function alongsideId(match: ModelIdMatch, target: ModelInfo): string | undefined {
  const core = rewriteCore(match, target);
  if (core === undefined) return undefined;
  return match.text.slice(0, match.core.start - match.start) + core + match.text.slice(match.core.end - match.start);
}

/** Whether `range` of the text already names the target (the new entry exists: nothing to add). */
export function mentions(text: string, range: Range | undefined, id: string): boolean {
  if (!range) return false;
  const slice = text.slice(range.start, range.end);
  return new RegExp(`(^|[^a-z0-9.-])${id.replace(/[.]/g, '\\.')}($|[^a-z0-9-])`).test(slice);
}
