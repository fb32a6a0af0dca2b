// SARIF 2.1.0: every rule declared with its docs and help URI; blocks = error, tune = warning,
// info = note; fixes included for findings applied automatically.
import type { Finding, RunResult } from '../engine/types.js';
import { RULES } from '../rules/registry.js';
import type { Reporter } from './types.js';

export const DOCS_BASE = 'https://github.com/claude-migrate/claude-migrate/blob/main/docs/rules';
const LEVEL = { blocks: 'error', tune: 'warning', info: 'note' } as const;

function replacementsOf(original: string, planned: string) {
  // One replacement covering the changed span (SARIF regions are 1-based lines/columns).
  let start = 0;
  while (start < original.length && start < planned.length && original[start] === planned[start]) start++;
  let endO = original.length;
  let endP = planned.length;
  while (endO > start && endP > start && original[endO - 1] === planned[endP - 1]) { endO--; endP--; }
  const pos = (text: string, off: number) => {
    const before = text.slice(0, off);
    const line = before.split('\n').length;
    return { line, column: off - before.lastIndexOf('\n') };
  };
  const a = pos(original, start);
  const b = pos(original, endO);
  return [{ deletedRegion: { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column }, insertedContent: { text: planned.slice(start, endP) } }];
}

export const sarifReporter: Reporter = (run: RunResult) => {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const result = (path: string | undefined, f: Finding, fix?: { original: string; planned: string }) => ({
    ruleId: f.rule,
    ruleIndex: ruleIndex.get(f.rule),
    level: LEVEL[f.severity],
    message: { text: f.message },
    ...(path ? {
      locations: [{ physicalLocation: { artifactLocation: { uri: path, uriBaseId: 'SRCROOT' }, region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column), endLine: Math.max(1, f.endLine), endColumn: Math.max(1, f.endColumn) } } }],
    } : {}),
    ...(f.suppressed ? { suppressions: [{ kind: f.suppressed === 'inline' ? 'inSource' : 'external' }] } : {}),
    ...(fix ? { fixes: [{ description: { text: f.fixTitle }, artifactChanges: [{ artifactLocation: { uri: path, uriBaseId: 'SRCROOT' }, replacements: replacementsOf(fix.original, fix.planned) }] }] } : {}),
    properties: { fix: f.fix, ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}) },
  });
  const results = [
    ...run.files.flatMap((file) => {
      // The file-level fix is attached once, to the first applied finding of the file.
      let fixAttached = false;
      return file.findings.map((f) => {
        const withFix = f.applied && !fixAttached && file.original !== undefined && file.planned !== undefined;
        if (withFix) fixAttached = true;
        return result(file.path, f, withFix ? { original: file.original!, planned: file.planned! } : undefined);
      });
    }),
    ...run.runFindings.map((f) => result(undefined, f)),
  ];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'claude-migrate',
          informationUri: 'https://github.com/claude-migrate/claude-migrate',
          rules: RULES.map((r) => ({
            id: r.id,
            name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
            shortDescription: { text: r.fixTitle },
            fullDescription: { text: r.docs.what },
            help: { text: `${r.docs.why}\nFix: ${r.docs.fixSafety}`, markdown: `**Why:** ${r.docs.why}\n\n**Fix:** ${r.docs.fixSafety}` },
            helpUri: `${DOCS_BASE}/${r.id}.md`,
            defaultConfiguration: { level: LEVEL[r.severity] },
            properties: { fix: r.fix, source: r.docs.source },
          })),
        },
      },
      originalUriBaseIds: { SRCROOT: { uri: pathToUri(run.root) } },
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

function pathToUri(p: string): string {
  return 'file://' + encodeURI(p.endsWith('/') ? p : `${p}/`);
}
