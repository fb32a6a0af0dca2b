import type { Reporter, ReportFormat } from './types.js';
import { textReporter } from './text.js';
import { jsonReporter } from './json.js';
import { diffReporter } from './diff.js';
import { sarifReporter } from './sarif.js';
import { githubReporter } from './github.js';
import { markdownReporter } from './markdown.js';

export const FORMATS: ReportFormat[] = ['text', 'json', 'sarif', 'github', 'markdown', 'diff'];

const reporters: Record<ReportFormat, Reporter> = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
  markdown: markdownReporter,
  diff: diffReporter,
};

export function reporterFor(format: ReportFormat): Reporter {
  return reporters[format];
}
