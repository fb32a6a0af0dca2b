import { field, literalString } from './support/helpers.js';
import { defineRule, type RuleFinding } from './types.js';

const OLD_TEXT_EDITOR = /^text_editor_20(24|250124|250429)/;
/** Only versions EARLIER than the guide's target are legacy: a newer dated tool must never be downgraded. */
const CODE_EXECUTION = /^code_execution_(\d{8})$/;
const isOldCodeExecution = (type: string) => Number(CODE_EXECUTION.exec(type)?.[1] ?? Infinity) < 20250825;

export default defineRule({
  id: 'tool-version',
  severity: 'blocks',
  fix: 'auto',
  buckets: ['caller', 'string-reference'],
  fixTitle: 'Update the tool type (and its paired name)',
  appliesTo: (t) => t.target.capabilities.legacyToolsRejected,
  checkFile(ctx) {
    if (ctx.fileTransitions.length === 0 || !ctx.fileTransitions.some((t) => t.target.capabilities.legacyToolsRejected)) return [];
    const bedrockOnly = ctx.view.clients.length > 0 && ctx.view.clients.every((c) => c.platform === 'bedrock');
    const out: RuleFinding[] = [];
    for (const tool of ctx.view.tools) {
      const typeField = field(tool, 'type');
      const type = literalString(typeField?.value);
      if (!typeField || !type) continue;
      if (OLD_TEXT_EDITOR.test(type) && type !== 'text_editor_20250728') {
        const nameField = field(tool, 'name');
        const name = literalString(nameField?.value);
        const intents = [{ kind: 'set-value' as const, value: typeField.value, path: ['tools', '*', 'type'], to: 'text_editor_20250728' }];
        // The type and the name are a pair: updating one without the other 400s.
        if (nameField && name === 'str_replace_editor') intents.push({ kind: 'set-value', value: nameField.value, path: ['tools', '*', 'name'], to: 'str_replace_based_edit_tool' });
        const pairOk = !nameField || name === 'str_replace_editor' || name === 'str_replace_based_edit_tool';
        out.push({
          range: tool.range,
          message: `${type} is not supported on Claude 4+; use text_editor_20250728 with the name str_replace_based_edit_tool: both fields change together (guide: Additional Changes When Coming from 3.x / 4.0 / 4.1, item 2).`,
          fix: pairOk ? 'auto' : 'manual',
          intents: pairOk ? intents : [],
          notes: ['Also remove the undo_edit command from your text-editor integration (not supported on Claude 4+).'],
        });
      } else if (isOldCodeExecution(type) && !bedrockOnly) {
        out.push({
          range: typeField.range,
          message: `${type} is a legacy code-execution tool version; use code_execution_20250825 (guide: Additional Changes When Coming from 3.x / 4.0 / 4.1, item 2).`,
          fix: 'auto',
          intents: [{ kind: 'set-value', value: typeField.value, path: ['tools', '*', 'type'], to: 'code_execution_20250825' }],
        });
      }
    }
    return out;
  },
  docs: {
    what: 'Updates legacy tool versions: `text_editor_20250124` + `str_replace_editor` → `text_editor_20250728` + `str_replace_based_edit_tool` (always together), and earlier `code_execution_*` → `code_execution_20250825`.',
    why: 'Legacy tool versions are not supported on Claude 4+; both the type and the name of the text-editor tool change, and changing only the type returns 400 (guide: "Additional Changes When Coming from 3.x / 4.0 / 4.1", item 2; checklist). Code execution is first-party only, so Bedrock files are skipped ("Amazon Bedrock model IDs": Skip for Bedrock).',
    source: 'model-migration.md#additional-changes-when-coming-from-3x--40--41--46',
    fixSafety: 'Auto when the name is absent or the known pair; manual when the tool has a custom name.',
    limits: ['Tool definitions loaded from JSON at run time are found only if that JSON file is scanned.'],
    example: 'basic',
  },
});
