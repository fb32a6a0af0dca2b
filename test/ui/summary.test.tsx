import { describe, expect, test, vi } from 'vitest';
import React from 'react';
import { SummaryScreen } from '../../src/ui/components/SummaryScreen.js';
import type { SummaryViewModel } from '../../src/ui/types.js';
import { render, keys, KEY, frameLines, maxWidth, unstyled } from './helpers.js';
import { summaryVm } from './fixtures.js';

async function mount(vm: SummaryViewModel = summaryVm) {
  const onDone = vi.fn<() => void>();
  return { ...(await render(<SummaryScreen vm={vm} onDone={onDone} />)), onDone };
}

describe('SummaryScreen', () => {
  test('written files, what needs a person, checklist, verification snippet, report', async () => {
    expect(frameLines((await mount()).lastFrame()).join('\n')).toMatchInlineSnapshot(`
      "claude-migrate · summary
      Wrote 2 files (4 edits):
        api/extract.py  (3 edits)
        api/summarize.py  (1 edit)
      Needs a person (1):
        api/tools.py:40  undo-edit
          The text editor tool has no undo_edit command on Claude 4 models.
      Still to tune ([TUNE], optional):
        • Set output_config.effort explicitly (4.6 defaults to high).
        • Re-baseline cost and rate-limit dashboards before reacting to measured
          shifts.
      Verify the migration (one real request):
        YOUR_TARGET_MODEL = "claude-opus-4-7"
        response = client.messages.create(model=YOUR_TARGET_MODEL, max_tokens=64, mes
        sages=[{"role": "user", "content": "ping"}])
      Report: claude-migrate-report.md
      ↑↓/j/k scroll · enter/q close"
    `);
  });

  test('empty state', async () => {
    expect(frameLines((await mount({ written: [], needsPerson: [], checklist: [], verificationSnippet: '' })).lastFrame()).join('\n')).toMatchInlineSnapshot(`
      "claude-migrate · summary
      No changes.
      ↑↓/j/k scroll · enter/q close"
    `);
  });

  test('a long summary scrolls inside 80x24', async () => {
    const written = Array.from({ length: 40 }, (_, i) => ({ path: `pkg/module_${i}.py`, edits: i + 1 }));
    const { lastFrame, stdin } = await mount({ ...summaryVm, written });
    let frame = lastFrame();
    expect(frameLines(frame).length).toBeLessThanOrEqual(23);
    expect(maxWidth(frame)).toBeLessThanOrEqual(80);
    expect(unstyled(frame)).toMatch(/↓ \d+ more/);
    expect(unstyled(frame)).not.toContain('Report:');
    await keys(stdin, KEY.pageDown, KEY.pageDown, KEY.pageDown, KEY.pageDown);
    frame = lastFrame();
    expect(unstyled(frame)).toContain('Report: claude-migrate-report.md');
    await keys(stdin, 'g');
    expect(unstyled(lastFrame())).toContain('Wrote 40 files');
    await keys(stdin, 'G');
    frame = lastFrame();
    expect(unstyled(frame)).toContain('Report: claude-migrate-report.md');
    expect(unstyled(frame)).toMatch(/↑ \d+ more/);
    expect(frameLines(frame).length).toBeLessThanOrEqual(23);
  });

  test.each([['enter', KEY.enter], ['q', 'q'], ['esc', KEY.escape]])('%s closes', async (_name, key) => {
    const { stdin, onDone } = await mount();
    await keys(stdin, 'j', key);
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});
