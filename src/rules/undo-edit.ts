import { defineRule, type RuleFinding } from './types.js';

export default defineRule({
  id: 'undo-edit',
  severity: 'blocks',
  fix: 'manual',
  buckets: ['caller', 'string-reference'],
  fixTitle: 'Delete the undo_edit call site',
  appliesTo: (t) => t.target.capabilities.legacyToolsRejected,
  checkFile(ctx) {
    if (!ctx.fileTransitions.some((t) => t.target.capabilities.legacyToolsRejected)) return [];
    const out: RuleFinding[] = [];
    for (const s of ctx.view.strings) {
      if (s.value !== 'undo_edit') continue;
      out.push({ range: s.range, message: 'The text-editor tool no longer supports the undo_edit command on Claude 4+; delete this call site (guide: Additional Changes When Coming from 3.x / 4.0 / 4.1, item 2).', fix: 'manual' });
    }
    return out;
  },
  docs: {
    what: 'Reports `undo_edit` text-editor command handling.',
    why: 'The `undo_edit` command is not supported by the Claude 4+ text-editor tool (guide: "Additional Changes When Coming from 3.x / 4.0 / 4.1", item 2: "delete call sites").',
    source: 'model-migration.md#additional-changes-when-coming-from-3x--40--41--46',
    fixSafety: 'Manual: removing a command branch changes program logic.',
    limits: ['Only the `undo_edit` string literal is found; a command name built at run time is not.'],
    example: 'basic',
  },
});
