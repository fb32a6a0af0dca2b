// View models shaped like what the CLI builds from a RunResult (guide examples, Python SDK).
import type { PromptEditsViewModel, ReviewViewModel, ScopeViewModel, SummaryViewModel } from '../../src/ui/types.js';

const counts = (caller: number, definer: number, stringRef: number, variant: number) => ({ caller, definer, 'string-reference': stringRef, variant });

export const scopeVm: ScopeViewModel = {
  root: '/home/dev/billing-service',
  target: 'auto',
  autoMapping: [
    { from: 'claude-sonnet-4-5', to: 'claude-sonnet-4-6', count: 12 },
    { from: 'claude-3-opus-20240229', to: 'claude-opus-4-8', count: 2 },
  ],
  dirs: [
    { path: 'api', total: 4, byBucket: counts(3, 0, 1, 0) },
    { path: 'routing', total: 2, byBucket: counts(0, 2, 0, 0) },
    { path: 'tests', total: 1, byBucket: counts(0, 0, 1, 0) },
  ],
  files: [
    { path: 'api/extract.py', bucket: 'caller' },
    { path: 'api/summarize.py', bucket: 'caller' },
    { path: 'api/chat.py', bucket: 'caller' },
    { path: 'api/ui_defaults.py', bucket: 'string-reference' },
    { path: 'routing/models.yaml', bucket: 'definer' },
    { path: 'routing/registry.py', bucket: 'definer' },
    { path: 'tests/test_models.py', bucket: 'string-reference' },
  ],
  syncMarkers: [{ path: 'routing/registry.py', line: 8, text: '# MODEL LAUNCH: add every new model id here' }],
  git: { clean: false, dirtyFiles: ['api/chat.py', 'README.md'] },
};

export const reviewVm: ReviewViewModel = {
  target: 'claude-opus-4-7',
  groups: [
    {
      bucket: 'caller',
      files: [
        {
          path: 'api/extract.py',
          bucket: 'caller',
          findings: [
            {
              id: 'api/extract.py#0',
              rule: 'model-id',
              severity: 'blocks',
              fix: 'auto',
              line: 11,
              message: 'claude-sonnet-4-5 → claude-opus-4-7.',
              diff: [
                { kind: '-', text: '        model="claude-sonnet-4-5",' },
                { kind: '+', text: '        model="claude-opus-4-7",' },
              ],
              preselected: true,
            },
            {
              id: 'api/extract.py#1',
              rule: 'thinking-budget',
              severity: 'blocks',
              fix: 'auto',
              line: 13,
              message: 'Replace thinking.budget_tokens with adaptive thinking.',
              why: 'Opus 4.7 rejects thinking type "enabled" with budget_tokens (400); adaptive thinking replaces it.',
              diff: [
                { kind: ' ', text: '        max_tokens=16000,' },
                { kind: '-', text: '        thinking={"type": "enabled", "budget_tokens": 8000},' },
                { kind: '+', text: '        thinking={"type": "adaptive"},' },
                { kind: '+', text: '        output_config={"effort": "high"},' },
              ],
            },
            {
              id: 'api/extract.py#2',
              rule: 'prefill',
              severity: 'blocks',
              fix: 'suggest',
              line: 18,
              message: 'The last message is an assistant prefill.',
              why: 'Prefills return a 400 on Opus 4.6+ and Sonnet 4.6.',
              diff: [{ kind: '-', text: '            {"role": "assistant", "content": "{"},' }],
              choice: {
                kind: 'prefill',
                diffByChoice: {
                  'system-instruction': [
                    { kind: '-', text: '            {"role": "assistant", "content": "{"},' },
                    { kind: '+', text: '        system="Respond with a single JSON object.",' },
                  ],
                },
              },
            },
          ],
        },
        {
          path: 'api/tools.py',
          bucket: 'caller',
          findings: [
            {
              id: 'api/tools.py#0',
              rule: 'undo-edit',
              severity: 'blocks',
              fix: 'manual',
              line: 40,
              message: 'The text editor tool has no undo_edit command on Claude 4 models.',
              diff: [],
            },
          ],
        },
      ],
    },
    {
      bucket: 'definer',
      files: [
        {
          path: 'routing/registry.py',
          bucket: 'definer',
          findings: [
            {
              id: 'routing/registry.py#0',
              rule: 'definer-entry',
              severity: 'info',
              fix: 'suggest',
              line: 9,
              message: 'Registry entry for claude-sonnet-4-5: the model is still served.',
              diff: [
                { kind: ' ', text: '    "claude-sonnet-4-5": Tier.STANDARD,' },
                { kind: '+', text: '    "claude-opus-4-7": Tier.STANDARD,' },
              ],
              choice: {
                kind: 'definer',
                diffByChoice: {
                  'retire-old': [
                    { kind: '-', text: '    "claude-sonnet-4-5": Tier.STANDARD,' },
                    { kind: '+', text: '    "claude-opus-4-7": Tier.STANDARD,' },
                  ],
                },
              },
            },
          ],
        },
      ],
    },
  ],
};

export const promptVm: PromptEditsViewModel = {
  items: [
    {
      id: 'agent/prompts.py#3',
      file: 'agent/prompts.py',
      line: 12,
      rule: 'prompt-aggressive-language',
      before: 'CRITICAL: You MUST use the search tool for every question.',
      after: 'Use the search tool when the answer depends on current information.',
      why: '4.6 follows the system prompt much more closely, so aggressive tool instructions now overtrigger.',
    },
    {
      id: 'agent/prompts.py#4',
      file: 'agent/prompts.py',
      line: 30,
      rule: 'prompt-progress-scaffolding',
      before: 'After every 3 tool calls, summarize your progress.',
      after: '',
      why: 'Opus 4.7 gives progress updates on its own; forced scaffolding is no longer needed.',
    },
    {
      id: 'agent/review.py#1',
      file: 'agent/review.py',
      line: 5,
      rule: 'prompt-aggressive-language',
      before: 'If in doubt, use the lint tool.',
      after: 'Use the lint tool when the change touches Python files.',
      why: '4.6 follows the system prompt much more closely, so aggressive tool instructions now overtrigger.',
    },
  ],
};

export const summaryVm: SummaryViewModel = {
  written: [
    { path: 'api/extract.py', edits: 3 },
    { path: 'api/summarize.py', edits: 1 },
  ],
  needsPerson: [{ path: 'api/tools.py', line: 40, rule: 'undo-edit', message: 'The text editor tool has no undo_edit command on Claude 4 models.' }],
  checklist: ['Set output_config.effort explicitly (4.6 defaults to high).', 'Re-baseline cost and rate-limit dashboards before reacting to measured shifts.'],
  verificationSnippet: 'YOUR_TARGET_MODEL = "claude-opus-4-7"\nresponse = client.messages.create(model=YOUR_TARGET_MODEL, max_tokens=64, messages=[{"role": "user", "content": "ping"}])',
  reportPath: 'claude-migrate-report.md',
};
