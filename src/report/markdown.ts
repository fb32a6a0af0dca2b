// A PR-ready summary: what changed, what needs a person, the target's remaining [TUNE] checklist and
// the guide's verification snippet.
import type { RunResult } from '../engine/types.js';
import type { LanguageId } from '../languages/types.js';
import type { Reporter } from './types.js';
import { tuneChecklist, verificationSnippet } from './checklists.js';
import { BUCKET_ORDER, directoryCounts } from './text.js';

function mostCommonLanguage(run: RunResult): LanguageId {
  const n = new Map<LanguageId, number>();
  for (const f of run.files) if (f.bucket === 'caller') n.set(f.language, (n.get(f.language) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'python';
}

function targetsOf(run: RunResult): string[] {
  if (run.target !== 'auto') return [run.target];
  const ts = new Set<string>();
  for (const f of run.files) for (const x of f.findings) if (x.rule === 'model-id' && x.to) ts.add(x.to.replace(/^.*?(claude-[a-z]+-[\d-]+).*$/, '$1'));
  return ts.size ? [...ts].sort() : ['claude-opus-4-8'];
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export const markdownReporter: Reporter = (run, opts) => {
  const out: string[] = [];
  const changed = run.files.filter((f) => f.planned !== undefined);
  const applied = changed.flatMap((f) => f.findings.filter((x) => x.applied).map((x) => ({ f, x })));
  const person = run.files.flatMap((f) => f.findings.filter((x) => !x.applied && !x.suppressed && x.rule !== 'sync-marker' && (x.severity !== 'info' || x.fix !== 'manual')).map((x) => ({ f, x })));
  const verb = opts.mode === 'apply' ? 'Changed' : 'Would change';
  out.push(`## Claude model migration (target: ${run.target})`, '');
  out.push(`${verb} **${changed.length}** file(s) with **${applied.length}** automatic edit(s); **${person.length}** finding(s) need a person; ${run.skipped.length} file(s) skipped.`, '');
  const dirs = directoryCounts(run);
  if (dirs.length) {
    out.push('| directory | files | caller | definer | variant | string-reference |', '|---|---:|---:|---:|---:|---:|');
    for (const d of dirs) out.push(`| \`${d.dir}\` | ${d.total} | ${d.byBucket.caller} | ${d.byBucket.definer} | ${d.byBucket.variant} | ${d.byBucket['string-reference']} |`);
    out.push('');
  }
  const markers = run.files.flatMap((f) => f.findings.filter((x) => x.rule === 'sync-marker').map((x) => `- \`${f.path}:${x.line}\`: ${x.message}`));
  if (markers.length) out.push('### Sync markers (review first)', '', ...markers, '');
  if (applied.length) {
    out.push(`### ${verb}`, '', '| file | line | rule | what and why |', '|---|---:|---|---|');
    for (const { f, x } of applied) out.push(`| \`${f.path}\` | ${x.line} | \`${x.rule}\` | ${cell(`${x.fixTitle}. ${x.message}`)} |`);
    out.push('');
  }
  if (person.length) {
    out.push('### Needs a person', '');
    for (const bucket of BUCKET_ORDER) {
      const items = person.filter(({ f }) => f.bucket === bucket);
      if (!items.length) continue;
      out.push(`**${bucket}**`, '');
      for (const { f, x } of items) {
        out.push(`- [ ] \`${f.path}:${x.line}\` **${x.rule}** (${x.severity}, ${x.fix}): ${x.message}`);
        if (x.prompt) out.push(`  - optional prompt edit: "${x.prompt.before}" → "${x.prompt.after || '(delete)'}"`);
      }
      out.push('');
    }
  }
  if (run.runFindings.length) {
    out.push('### For the whole migration', '', ...run.runFindings.map((x) => `- [ ] **${x.rule}** (${x.severity}): ${x.message}`), '');
  }
  for (const t of targetsOf(run)) {
    out.push(`### Remaining [TUNE] checklist for ${t}`, '', ...tuneChecklist(t).map((i) => `- [ ] ${i}`), '');
  }
  const snippet = verificationSnippet(targetsOf(run)[0], mostCommonLanguage(run));
  out.push('### Verify', '', 'Run one request against the new model and check it is the one serving it (guide: Verify the Migration):', '', '```' + snippet.language, snippet.code, '```', '');
  if (run.skipped.length) out.push('<details><summary>Skipped files</summary>', '', ...run.skipped.map((s) => `- \`${s.path}\`: ${s.reason}: ${s.detail}`), '', '</details>', '');
  return out.join('\n');
};
