import { describe, expect, test, vi } from 'vitest';
import React from 'react';
import { PromptEditsScreen, promptDetailLines } from '../../src/ui/components/PromptEditsScreen.js';
import type { PromptEditsDecision, PromptEditsViewModel } from '../../src/ui/types.js';
import { render, keys, KEY, frameLines, maxWidth, unstyled } from './helpers.js';
import { promptVm } from './fixtures.js';

async function mount(vm: PromptEditsViewModel = promptVm, onOpenEditor?: (path: string, line: number) => void) {
  const onDone = vi.fn<(d: PromptEditsDecision) => void>();
  const app = await render(<PromptEditsScreen vm={vm} onDone={onDone} onOpenEditor={onOpenEditor} />);
  return { ...app, onDone };
}

describe('PromptEditsScreen frames', () => {
  test('quotes before and after, states why, marks the edit optional', async () => {
    expect(frameLines((await mount()).lastFrame()).join('\n')).toMatchInlineSnapshot(`
      "claude-migrate · prompt edits (optional tuning, not required by the API)
      0 accepted · 0 declined · 3 undecided
      › [ ] agent/prompts.py:12  prompt-aggressive-language
        [ ] agent/prompts.py:30  prompt-progress-scaffolding
        [ ] agent/review.py:5  prompt-aggressive-language
      ───────────────────────────────────────────────────────────────────────────────
      agent/prompts.py:12 · prompt-aggressive-language · optional
      Before: “CRITICAL: You MUST use the search tool for every question.”
      After:  “Use the search tool when the answer depends on current information.”
      Why: 4.6 follows the system prompt much more closely, so aggressive tool
      instructions now overtrigger.

      ↑↓/j/k move · a accept · s decline · space toggle · A accept rule · [ ] scroll
      e editor · enter finish · q quit"
    `);
  });

  test('empty state', async () => {
    expect(frameLines((await mount({ items: [] })).lastFrame()).join('\n')).toMatchInlineSnapshot(`
      "claude-migrate · prompt edits (optional tuning, not required by the API)

      No prompt edits to review.

      enter continue · q quit"
    `);
  });

  test('a long multi-line prompt scrolls inside 80x24', async () => {
    const before = Array.from({ length: 12 }, (_, i) => `Rule ${i}: CRITICAL: You MUST always call the tool before answering any question at all.`).join('\n');
    const items = Array.from({ length: 12 }, (_, i) => ({ ...promptVm.items[0]!, id: `p#${i}`, line: i + 1, before }));
    const { lastFrame, stdin } = await mount({ items });
    let frame = lastFrame();
    expect(frameLines(frame).length).toBeLessThanOrEqual(23);
    expect(maxWidth(frame)).toBeLessThanOrEqual(80);
    expect(unstyled(frame)).toMatch(/↓ \d+ more/);
    await keys(stdin, ']', ']', ']', ']', ']', ']');
    frame = lastFrame();
    expect(unstyled(frame)).toContain('After:  “Use the search tool');
    expect(frameLines(frame).length).toBeLessThanOrEqual(23);
  });

  test('every line of the quoted text is kept', async () => {
    const lines = promptDetailLines({ ...promptVm.items[0]!, before: 'line one\nline two' }, 79).map((l) => l.text);
    expect(lines.slice(0, 2)).toEqual(['Before: “line one', '        line two”']);
  });
});

describe('PromptEditsScreen keys', () => {
  test('accept one, decline one, enter twice declines the undecided', async () => {
    const { stdin, onDone, lastFrame } = await mount();
    await keys(stdin, 'a', 's', KEY.enter);
    expect(unstyled(lastFrame())).toContain('1 undecided edit will be declined. Press enter again to finish.');
    await keys(stdin, KEY.enter);
    expect(onDone).toHaveBeenCalledExactlyOnceWith({ accepted: ['agent/prompts.py#3'], declined: ['agent/prompts.py#4', 'agent/review.py#1'], quit: false });
  });

  test('A accepts every edit of the rule; space toggles', async () => {
    const { stdin, onDone } = await mount();
    await keys(stdin, 'A', 'j', ' ', ' ', ' ', KEY.enter);
    expect(onDone).toHaveBeenCalledWith({ accepted: ['agent/prompts.py#3', 'agent/prompts.py#4', 'agent/review.py#1'], declined: [], quit: false });
  });

  test('q quits with nothing accepted', async () => {
    const { stdin, onDone } = await mount();
    await keys(stdin, 'a', 'q');
    expect(onDone).toHaveBeenCalledExactlyOnceWith({ accepted: [], declined: [], quit: true });
  });

  test('e opens the editor at the prompt', async () => {
    const onOpenEditor = vi.fn();
    const { stdin } = await mount(promptVm, onOpenEditor);
    await keys(stdin, KEY.down, KEY.down, 'e');
    expect(onOpenEditor).toHaveBeenCalledExactlyOnceWith('agent/review.py', 5);
  });

  test('empty: enter continues', async () => {
    const { stdin, onDone } = await mount({ items: [] });
    await keys(stdin, KEY.enter);
    expect(onDone).toHaveBeenCalledWith({ accepted: [], declined: [], quit: false });
  });
});
