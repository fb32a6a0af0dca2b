// Inline suppressions, in any language's comment syntax:
//   claude-migrate-ignore sampling-params: we pin this route to Opus 4.6   (this line or the next)
//   claude-migrate-ignore-file model-id: historical benchmark data          (whole file)
// Without rule ids, every rule is suppressed there. A reason after ':' is encouraged.
export interface Suppressions {
  /** line (1-based) -> rule ids (empty set = all rules) */
  lines: Map<number, Set<string>>;
  file?: Set<string>;
}

const MARKER = /claude-migrate-ignore(-file)?((?:[ \t]+[a-z0-9-]+(?:[ \t]*,[ \t]*[a-z0-9-]+)*)?)(?:[ \t]*:|[ \t]*\r?$|[ \t]*\*\/|[ \t]*-->)/gm;

export function suppressionsOf(text: string): Suppressions {
  const s: Suppressions = { lines: new Map() };
  if (!text.includes('claude-migrate-ignore')) return s;
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    const ids = new Set(m[2].split(/[\s,]+/).filter(Boolean));
    if (m[1]) {
      s.file = ids;
      continue;
    }
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    // The marker's own line and the next one (comment above the code).
    for (const l of [line, line + 1]) {
      const set = s.lines.get(l) ?? new Set<string>();
      if (ids.size === 0) set.add('*');
      for (const id of ids) set.add(id);
      s.lines.set(l, set);
    }
  }
  return s;
}

export function isSuppressed(s: Suppressions, ruleId: string, line: number): boolean {
  if (s.file && (s.file.size === 0 || s.file.has(ruleId))) return true;
  const set = s.lines.get(line);
  return !!set && (set.has('*') || set.has(ruleId));
}
