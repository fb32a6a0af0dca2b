import type { RunResult } from '../engine/types.js';

export type ReportFormat = 'text' | 'json' | 'sarif' | 'github' | 'markdown' | 'diff';

export interface ReportOptions {
  color: boolean;
  /** The command being run: changes wording ("would change" vs "changed"). */
  mode: 'scan' | 'diff' | 'apply' | 'lint';
  /** Today, for lifecycle wording. */
  today?: string;
  /** Files written by apply (for summaries). */
  written?: string[];
  /** Rendering width for text output. */
  width?: number;
}

/** One reporter per format: a pure function from the run to text. */
export type Reporter = (run: RunResult, opts: ReportOptions) => string;
