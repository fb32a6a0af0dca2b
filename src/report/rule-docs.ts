// A rule's docs page (used by `claude-migrate rules <id>` and the generated docs/rules/<id>.md).
import type { Rule } from '../rules/types.js';
import { PACKS, packRuleIds } from '../../transforms/index.js';

export function ruleDocMarkdown(rule: Rule, example?: string): string {
  const packs = PACKS.filter((p) => p.target !== 'common' && packRuleIds(p.target).includes(rule.id)).map((p) => `\`${p.target}\``);
  return [
    `# ${rule.id}`,
    '',
    `Severity: **${rule.severity}** · Fix: **${rule.fix}** · Packs: ${packs.length ? packs.join(', ') : 'all'} · Source: [src/rules/${rule.id}.ts](../../src/rules/${rule.id}.ts)`,
    '',
    '## What it does',
    '',
    rule.docs.what,
    '',
    '## Why',
    '',
    `${rule.docs.why} (Guide: \`${rule.docs.source}\`.)`,
    '',
    '## Example',
    '',
    example ?? `See the \`${rule.docs.example}\` fixtures under \`fixtures/<language>/${rule.id}/\`.`,
    '',
    '## Fix',
    '',
    `${rule.fixTitle}. ${rule.docs.fixSafety}`,
    '',
    '## Known limits',
    '',
    ...rule.docs.limits.map((l) => `- ${l}`),
    '',
  ].join('\n');
}
