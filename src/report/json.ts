// The JSON report contract of shared/spec/rules.md (schemaVersion 1): paths relative with `/`,
// 1-based lines and columns, from/to on model-ID findings. Extra fields are additive.
import type { RunResult } from '../engine/types.js';
import type { Reporter } from './types.js';

export const jsonReporter: Reporter = (run: RunResult) => {
  const report = {
    schemaVersion: 1,
    target: run.target,
    files: run.files.map((f) => ({
      path: f.path,
      language: f.language,
      bucket: f.bucket,
      changed: f.planned !== undefined,
      findings: f.findings.map((x) => ({
        rule: x.rule,
        severity: x.severity,
        fix: x.fix,
        line: x.line,
        column: x.column,
        endLine: x.endLine,
        endColumn: x.endColumn,
        message: x.message,
        ...(x.from !== undefined ? { from: x.from } : {}),
        ...(x.to !== undefined ? { to: x.to } : {}),
        source: x.source,
        fixTitle: x.fixTitle,
        ...(x.applied ? { applied: true } : {}),
        ...(x.suppressed ? { suppressed: x.suppressed } : {}),
        ...(x.prompt ? { prompt: x.prompt } : {}),
        ...(x.notes ? { notes: x.notes } : {}),
      })),
    })),
    runFindings: run.runFindings.map((x) => ({ rule: x.rule, severity: x.severity, fix: x.fix, message: x.message, source: x.source })),
    skipped: run.skipped,
    stats: run.stats,
    git: run.git,
  };
  return JSON.stringify(report, null, 2) + '\n';
};
