// Cross-file rules run once every file is planned: their findings anchor on a finding of the file.
import { RULES } from '../rules/registry.js';
import type { Severity } from '../rules/types.js';
import type { FileResult, Finding } from './types.js';

export function addCrossFileFindings(files: FileResult[], opts: { rulesOff?: string[]; severity?: Record<string, Severity> }): void {
  const off = new Set(opts.rulesOff ?? []);
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const rule of RULES) {
    if (!rule.checkFiles || off.has(rule.id)) continue;
    for (const x of rule.checkFiles(files)) {
      const file = byPath.get(x.path);
      const anchor = file?.findings.find((f) => f.id === x.anchor);
      if (!file || !anchor) continue;
      const id = `${file.path}#${rule.id}@${anchor.line}:${anchor.column}`;
      if (file.findings.some((f) => f.id === id)) continue;
      const finding: Finding = {
        id,
        rule: rule.id,
        severity: opts.severity?.[rule.id] ?? x.severity ?? rule.severity,
        fix: x.fix,
        line: anchor.line,
        column: anchor.column,
        endLine: anchor.endLine,
        endColumn: anchor.endColumn,
        message: x.message,
        source: rule.docs.source,
        fixTitle: rule.fixTitle,
        notes: x.notes,
        suppressed: anchor.suppressed,
      };
      file.findings.push(finding);
      file.findings.sort((a, b) => a.line - b.line || a.column - b.column);
    }
  }
}
