// GitHub Actions workflow commands: one annotation per finding (blocks = error, tune = warning, info = notice).
import type { RunResult } from '../engine/types.js';
import type { Reporter } from './types.js';

const COMMAND = { blocks: 'error', tune: 'warning', info: 'notice' } as const;

/** Workflow-command escaping (properties also escape ':' and ','). */
function esc(s: string, property = false): string {
  let out = s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (property) out = out.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return out;
}

export const githubReporter: Reporter = (run: RunResult) => {
  const lines: string[] = [];
  for (const file of run.files) {
    for (const f of file.findings) {
      if (f.suppressed) continue;
      const props = [`file=${esc(file.path, true)}`, `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, `endColumn=${f.endColumn}`, `title=${esc(`claude-migrate ${f.rule} (${f.fix})`, true)}`];
      lines.push(`::${COMMAND[f.severity]} ${props.join(',')}::${esc(f.message)}`);
    }
  }
  for (const f of run.runFindings) lines.push(`::${COMMAND[f.severity]} title=${esc(`claude-migrate ${f.rule}`, true)}::${esc(f.message)}`);
  return lines.length ? lines.join('\n') + '\n' : '';
};
