import { describe, expect, test, vi } from 'vitest';
import React, { act } from 'react';
import { ReviewScreen, reduceReview, initialReviewState, flattenReview } from '../../src/ui/components/ReviewScreen.js';
import { press } from '../../src/ui/components/keys.js';
import type { ReviewDecision, ReviewViewModel } from '../../src/ui/types.js';
import { render, keys, ready, KEY, frameLines, maxWidth, unstyled } from './helpers.js';
import { reviewVm } from './fixtures.js';

async function mount(vm: ReviewViewModel = reviewVm, onOpenEditor?: (path: string, line: number) => void) {
  const onDone = vi.fn<(d: ReviewDecision) => void>();
  const app = await render(<ReviewScreen vm={vm} onDone={onDone} onOpenEditor={onOpenEditor} />);
  return { ...app, onDone };
}

const decided = (onDone: ReturnType<typeof vi.fn>) => onDone.mock.calls[0]![0] as ReviewDecision;

describe('ReviewScreen frames', () => {
  test('first finding: grouped list, detail with diff, key hints', async () => {
    const { lastFrame } = await mount();
    expect(frameLines(lastFrame()).join('\n')).toMatchInlineSnapshot(`
      "claude-migrate · review planned edits · target claude-opus-4-7
      1 accepted · 0 skipped · 3 undecided
      Calls the API/SDK (2 files)
        api/extract.py
        › [✓] [BLOCKS] model-id · line 11 · auto
          [ ] [BLOCKS] thinking-budget · line 13 · auto
          [ ] [BLOCKS] prefill · line 18 · suggest
      ↓ 5 more
      ───────────────────────────────────────────────────────────────────────────────
      [BLOCKS] model-id · auto · api/extract.py:11
      claude-sonnet-4-5 → claude-opus-4-7.
      -         model="claude-sonnet-4-5",
      +         model="claude-opus-4-7",

      ↑↓/j/k move · a accept · s skip · space toggle · A accept rule · x suppress
      F/S file · ←→/1-3 choice · [ ] scroll · e editor · enter finish · q quit"
    `);
  });

  test('prefill finding offers replacements by intent; the diff follows the choice', async () => {
    const { lastFrame, stdin } = await mount();
    await keys(stdin, 'j', 'j');
    expect(frameLines(lastFrame()).slice(9).join('\n')).toMatchInlineSnapshot(`
      "[BLOCKS] prefill · suggest · api/extract.py:18
      The last message is an assistant prefill.
      Why: Prefills return a 400 on Opus 4.6+ and Sonnet 4.6.
      Replace the prefill with:  (•) 1 structured output  ( ) 2 system instruction
                                 ( ) 3 user-turn continuation
      -             {"role": "assistant", "content": "{"},

      ↑↓/j/k move · a accept · s skip · space toggle · A accept rule · x suppress
      F/S file · ←→/1-3 choice · [ ] scroll · e editor · enter finish · q quit"
    `);
    await keys(stdin, KEY.right);
    const frame = unstyled(lastFrame());
    expect(frame).toContain('(•) 2 system instruction');
    expect(frame).toContain('+         system="Respond with a single JSON object.",');
  });

  test('definer finding offers the three answers, add alongside by default', async () => {
    const { lastFrame, stdin } = await mount();
    await keys(stdin, 'G');
    const frame = unstyled(lastFrame());
    expect(frame).toContain('Registry entry:  (•) 1 add new alongside  ( ) 2 leave alone  ( ) 3 retire old');
    expect(frame).toContain('      "claude-sonnet-4-5": Tier.STANDARD,');
    expect(frame).toContain('+     "claude-opus-4-7": Tier.STANDARD,');
    await keys(stdin, '2');
    expect(unstyled(lastFrame())).toContain('No changes.');
  });

  test('manual finding says it needs a person', async () => {
    const { lastFrame, stdin } = await mount();
    await keys(stdin, 'j', 'j', 'j');
    expect(unstyled(lastFrame())).toContain('Needs a person: no automatic edit.');
    await keys(stdin, 'a');
    expect(unstyled(lastFrame())).toContain('Manual finding: no automatic edit.');
  });

  test('empty state', async () => {
    expect(frameLines((await mount({ target: 'claude-opus-4-7', groups: [] })).lastFrame()).join('\n')).toMatchInlineSnapshot(`
      "claude-migrate · review planned edits · target claude-opus-4-7

      No changes.

      enter continue · q quit"
    `);
  });

  test('many findings and a long diff fit 80x24 with "more" markers and scrolling', async () => {
    const long: ReviewViewModel = {
      groups: [
        {
          bucket: 'caller',
          files: Array.from({ length: 6 }, (_, f) => ({
            path: `svc/handler_${f}.py`,
            bucket: 'caller' as const,
            findings: Array.from({ length: 4 }, (_, i) => ({
              id: `svc/handler_${f}.py#${i}`,
              rule: i % 2 ? 'sampling-params' : 'model-id',
              severity: 'blocks' as const,
              fix: 'auto' as const,
              line: 10 + i,
              message: 'Remove temperature: Opus 4.7 rejects sampling parameters with a 400 error, so the field must go.',
              diff: Array.from({ length: 30 }, (_, n) => ({ kind: (n % 2 ? '+' : '-') as '+' | '-', text: `    value_${n} = compute(${'x'.repeat(n * 3)})` })),
            })),
          })),
        },
      ],
    };
    const { lastFrame, stdin } = await mount(long);
    let frame = lastFrame();
    expect(frameLines(frame).length).toBeLessThanOrEqual(23);
    expect(maxWidth(frame)).toBeLessThanOrEqual(80);
    expect(unstyled(frame)).toMatch(/↓ 2\d more/); // the list
    expect(unstyled(frame)).toMatch(/↓ \d+ more/);
    await keys(stdin, ']');
    frame = lastFrame();
    expect(frameLines(frame).length).toBeLessThanOrEqual(23);
    expect(unstyled(frame)).toMatch(/↑ 5 more/);
    await keys(stdin, ...Array(15).fill('j'));
    frame = lastFrame();
    expect(frameLines(frame).length).toBeLessThanOrEqual(23);
    expect(unstyled(frame)).toContain('svc/handler_3.py:13');
    expect(unstyled(frame)).toMatch(/› \[ \] \[BLOCKS\] sampling-params · line 13/);
  });
});

describe('ReviewScreen keys', () => {
  test('a accepts and moves on, s skips, enter twice finishes with undecided ones skipped', async () => {
    const { stdin, onDone, lastFrame } = await mount();
    await keys(stdin, 'j', 'a', 's', KEY.enter);
    expect(onDone).not.toHaveBeenCalled();
    expect(unstyled(lastFrame())).toContain('1 undecided finding will be skipped. Press enter again to finish.');
    await keys(stdin, KEY.enter);
    expect(decided(onDone)).toEqual({
      acceptedFindingIds: ['api/extract.py#0', 'api/extract.py#1'],
      skippedFindingIds: ['api/extract.py#2', 'routing/registry.py#0'],
      suppress: [],
      definerChoices: { 'routing/registry.py#0': 'add-alongside' },
      prefillChoices: { 'api/extract.py#2': 'output-format' },
      quit: false,
    });
  });

  test('keys typed faster than React re-renders are all applied in order', async () => {
    const { stdin, onDone } = await mount();
    await ready(stdin);
    // One act() scope: every key is handled before React renders anything.
    await act(async () => {
      for (const key of ['j', 'a', 's', 'x', KEY.enter, KEY.enter]) stdin.write(key);
    });
    expect(decided(onDone)).toMatchObject({
      acceptedFindingIds: ['api/extract.py#0', 'api/extract.py#1'],
      skippedFindingIds: ['api/extract.py#2', 'routing/registry.py#0'],
      suppress: [{ findingId: 'api/tools.py#0' }],
    });
  });

  test('A accepts every finding of the rule', async () => {
    const vm: ReviewViewModel = {
      groups: [
        {
          bucket: 'caller',
          files: ['a.py', 'b.py'].map((path) => ({
            path,
            bucket: 'caller' as const,
            findings: [
              { id: `${path}#0`, rule: 'sampling-params', severity: 'blocks' as const, fix: 'auto' as const, line: 3, message: 'Remove temperature.', diff: [{ kind: '-' as const, text: 'temperature=0.2,' }] },
              { id: `${path}#1`, rule: 'beta-header-ga', severity: 'tune' as const, fix: 'auto' as const, line: 4, message: 'Drop GA beta.', diff: [{ kind: '-' as const, text: 'betas=["effort-2025-11-24"],' }] },
            ],
          })),
        },
      ],
    };
    const { stdin, onDone, lastFrame } = await mount(vm);
    await keys(stdin, 'A');
    expect(unstyled(lastFrame())).toContain('Accepted 2 sampling-params findings.');
    await keys(stdin, KEY.enter, KEY.enter);
    expect(decided(onDone).acceptedFindingIds).toEqual(['a.py#0', 'b.py#0']);
    expect(decided(onDone).skippedFindingIds).toEqual(['a.py#1', 'b.py#1']);
  });

  test('F accepts and S skips every finding of the file under the cursor', async () => {
    const { stdin, onDone, lastFrame } = await mount();
    await keys(stdin, 'F');
    expect(unstyled(lastFrame())).toContain('Accepted 3 findings in api/extract.py.');
    await keys(stdin, 'G', 'S', KEY.enter);
    const d = decided(onDone);
    expect(d.acceptedFindingIds).toEqual(['api/extract.py#0', 'api/extract.py#1', 'api/extract.py#2']);
    expect(d.skippedFindingIds).toEqual(['routing/registry.py#0']);
  });

  test('a definer offer limited to the answers the caller can carry out', async () => {
    const vm: ReviewViewModel = {
      groups: [{
        bucket: 'definer',
        files: [{
          path: 'r.yaml',
          bucket: 'definer',
          findings: [{ id: 'r.yaml#0', rule: 'definer-entry', severity: 'info', fix: 'suggest', line: 2, message: 'Registry entry.', diff: [{ kind: '+', text: '- claude-sonnet-4-6' }], choice: { kind: 'definer', options: ['add-alongside', 'leave'] } }],
        }],
      }],
    };
    const { stdin, onDone, lastFrame } = await mount(vm);
    expect(unstyled(lastFrame())).toContain('Registry entry:  (•) 1 add new alongside  ( ) 2 leave alone');
    expect(unstyled(lastFrame())).not.toContain('retire old');
    await keys(stdin, '3', KEY.right, KEY.right, KEY.enter, KEY.enter);
    expect(decided(onDone).definerChoices).toEqual({ 'r.yaml#0': 'add-alongside' });
  });

  test('x suppresses (recorded only), x again restores', async () => {
    const { stdin, onDone, lastFrame } = await mount();
    await keys(stdin, 'x');
    expect(unstyled(lastFrame())).toContain('[x] [BLOCKS] model-id');
    await keys(stdin, 'j', 'j', 'j', 'x', 'x', 'j', 'x', KEY.enter, KEY.enter);
    const d = decided(onDone);
    expect(d.suppress).toEqual([{ findingId: 'api/extract.py#0' }, { findingId: 'routing/registry.py#0' }]);
    expect(d.acceptedFindingIds).not.toContain('api/extract.py#0');
    expect(d.skippedFindingIds).toEqual(['api/extract.py#1', 'api/extract.py#2']);
  });

  test('definer choice: retire old; prefill choice by number', async () => {
    const { stdin, onDone } = await mount();
    await keys(stdin, 'j', 'j', '3', 'G', '3', KEY.enter, KEY.enter);
    const d = decided(onDone);
    expect(d.definerChoices).toEqual({ 'routing/registry.py#0': 'retire-old' });
    expect(d.prefillChoices).toEqual({ 'api/extract.py#2': 'user-turn' });
    expect(d.acceptedFindingIds).toEqual(['api/extract.py#0', 'api/extract.py#2', 'routing/registry.py#0']);
  });

  test('definer "leave alone" is a skip', async () => {
    const { stdin, onDone } = await mount();
    await keys(stdin, 'G', KEY.right, KEY.enter, KEY.enter);
    const d = decided(onDone);
    expect(d.definerChoices['routing/registry.py#0']).toBe('leave');
    expect(d.skippedFindingIds).toContain('routing/registry.py#0');
  });

  test('q quits without accepting anything', async () => {
    const { stdin, onDone } = await mount();
    await keys(stdin, 'a', 'a', 'q');
    expect(decided(onDone)).toEqual({ acceptedFindingIds: [], skippedFindingIds: [], suppress: [], definerChoices: {}, prefillChoices: {}, quit: true });
  });

  test('e asks the caller to open the editor at the finding', async () => {
    const onOpenEditor = vi.fn();
    const { stdin, lastFrame, onDone } = await mount(reviewVm, onOpenEditor);
    await keys(stdin, 'j', 'e');
    expect(onOpenEditor).toHaveBeenCalledExactlyOnceWith('api/extract.py', 13);
    expect(unstyled(lastFrame())).toContain('Back from the editor (api/extract.py).');
    expect(onDone).not.toHaveBeenCalled();
  });

  test('empty review: enter continues, q quits', async () => {
    const a = await mount({ groups: [] });
    await keys(a.stdin, KEY.enter);
    expect(decided(a.onDone).quit).toBe(false);
    const b = await mount({ groups: [] });
    await keys(b.stdin, 'q');
    expect(decided(b.onDone).quit).toBe(true);
  });
});

describe('reduceReview', () => {
  const flat = flattenReview(reviewVm);
  test('preselected findings start accepted; definers start at add-alongside', async () => {
    const s = initialReviewState(reviewVm);
    expect(s.status['api/extract.py#0']).toBe('accepted');
    expect(s.status['api/extract.py#1']).toBe('pending');
    expect(s.definer['routing/registry.py#0']).toBe('add-alongside');
  });

  test('accepting a definer left alone takes the default answer', async () => {
    let s = { ...initialReviewState(reviewVm), cursor: flat.length - 1 };
    s = reduceReview(s, press('2'), flat);
    expect(s.status['routing/registry.py#0']).toBe('skipped');
    s = reduceReview(s, press('a'), flat);
    expect(s.definer['routing/registry.py#0']).toBe('add-alongside');
    expect(s.status['routing/registry.py#0']).toBe('accepted');
  });

  test('detail scrolling stops at the end', async () => {
    let s = initialReviewState(reviewVm);
    for (let i = 0; i < 5; i++) s = reduceReview(s, press(']'), flat, 7);
    expect(s.detailOffset).toBe(7);
    s = reduceReview(s, press('['), flat, 7);
    expect(s.detailOffset).toBe(2);
  });
});
