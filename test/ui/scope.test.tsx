import { describe, expect, test, vi } from 'vitest';
import React from 'react';
import { ScopeScreen, reduceScope, initialScopeState } from '../../src/ui/components/ScopeScreen.js';
import { press } from '../../src/ui/components/keys.js';
import type { ScopeDecision, ScopeViewModel } from '../../src/ui/types.js';
import { render, keys, KEY, frameLines, maxWidth, unstyled } from './helpers.js';
import { scopeVm } from './fixtures.js';

async function mount(vm: ScopeViewModel = scopeVm) {
  const onDone = vi.fn<(d: ScopeDecision) => void>();
  const app = await render(<ScopeScreen vm={vm} onDone={onDone} />);
  return { ...app, onDone };
}

describe('ScopeScreen frames', () => {
  test('menu: target mapping, sync markers first, dirty-tree warning, three scopes', async () => {
    const { lastFrame } = await mount();
    expect(frameLines(lastFrame()).join('\n')).toMatchInlineSnapshot(`
      "claude-migrate · confirm the migration scope
      Root: /home/dev/billing-service
      Target: auto, per source model:
        claude-sonnet-4-5 → claude-sonnet-4-6  (12)
        claude-3-opus-20240229 → claude-opus-4-8  (2)
      Sync markers (1), check these first:
        routing/registry.py:8  # MODEL LAUNCH: add every new model id here
      ⚠ Uncommitted changes in 2 files: api/chat.py, README.md

      Found 7 files in 3 directories. What should I migrate?
      › 1. The entire directory (7 files)
        2. A subdirectory… (3 directories)
        3. Specific files…

      ↑↓/j/k move · enter select · 1-3 choose · q quit"
    `);
  });

  test('explicit target, clean tree: no mapping list and no warning', async () => {
    const vm: ScopeViewModel = { ...scopeVm, target: 'claude-opus-4-7', syncMarkers: [], git: { clean: true, dirtyFiles: [] } };
    const frame = unstyled((await mount(vm)).lastFrame());
    expect(frame).toContain('Target: claude-opus-4-7  (14 occurrences of older models)');
    expect(frame).not.toContain('⚠');
    expect(frame).not.toContain('Sync markers');
  });

  test('not a git repository is a warning too', async () => {
    const vm: ScopeViewModel = { ...scopeVm, git: { clean: true, dirtyFiles: [], isRepo: false } };
    expect(unstyled((await mount(vm)).lastFrame())).toContain('⚠ Not a git repository');
  });

  test('subdirectory list shows per-directory counts by bucket', async () => {
    const { lastFrame, stdin } = await mount();
    await keys(stdin, '2');
    const lines = frameLines(lastFrame());
    expect(lines.slice(9, 13)).toEqual([
      'Pick a subdirectory:',
      '› api         4  caller 3 · string 1',
      '  routing     2  definer 2',
      '  tests       1  string 1',
    ]);
  });

  test('empty state', async () => {
    const vm: ScopeViewModel = { ...scopeVm, files: [], dirs: [], syncMarkers: [], autoMapping: [] };
    expect(frameLines((await mount(vm)).lastFrame()).join('\n')).toMatchInlineSnapshot(`
      "claude-migrate · confirm the migration scope
      Root: /home/dev/billing-service

      No changes. No file references an older Claude model.

      enter/q quit"
    `);
  });

  test('long lists paginate within 80x24 and the cursor stays visible', async () => {
    const files = Array.from({ length: 40 }, (_, i) => ({ path: `services/part${String(i).padStart(2, '0')}/client.py`, bucket: 'caller' as const }));
    const { lastFrame, stdin } = await mount({ ...scopeVm, files });
    await keys(stdin, '3');
    let frame = lastFrame();
    expect(frameLines(frame).length).toBeLessThanOrEqual(23);
    expect(maxWidth(frame)).toBeLessThanOrEqual(80);
    expect(unstyled(frame)).toMatch(/↓ 3\d more/);
    await keys(stdin, ...Array(25).fill('j'));
    frame = lastFrame();
    expect(frameLines(frame).length).toBeLessThanOrEqual(23);
    expect(unstyled(frame)).toMatch(/↑ \d+ more/);
    expect(unstyled(frame)).toContain('› [ ] services/part25/client.py');
  });

  test('control characters in file text cannot reach the terminal', async () => {
    const vm: ScopeViewModel = { ...scopeVm, syncMarkers: [{ path: 'a.py', line: 1, text: '# KEEP IN SYNC \u001b]52;c;ZXZpbA==\u0007 \u001b[2J' }] };
    const frame = (await mount(vm)).lastFrame() ?? '';
    expect(frame).not.toContain('\u001b]52');
    expect(frame).not.toContain('\u001b[2J');
    expect(frame).toContain('␛]52;c;ZXZpbA==␇');
  });
});

describe('ScopeScreen keys', () => {
  test('enter on the first choice: whole directory', async () => {
    const { stdin, onDone } = await mount();
    await keys(stdin, KEY.enter);
    expect(onDone).toHaveBeenCalledExactlyOnceWith({ kind: 'all' });
  });

  test('subdirectory picked from the list', async () => {
    const { stdin, onDone } = await mount();
    await keys(stdin, 'j', KEY.enter, KEY.down, KEY.enter);
    expect(onDone).toHaveBeenCalledExactlyOnceWith({ kind: 'dir', path: 'routing' });
  });

  test('esc goes back from a list to the three choices', async () => {
    const { stdin, onDone, lastFrame } = await mount();
    await keys(stdin, '2', KEY.escape);
    expect(unstyled(lastFrame())).toContain('What should I migrate?');
    await keys(stdin, 'k', 'k', KEY.enter);
    expect(onDone).toHaveBeenCalledWith({ kind: 'all' });
  });

  test('specific files: space ticks, enter returns them in list order', async () => {
    const { stdin, onDone, lastFrame } = await mount();
    await keys(stdin, '3', 'j', 'j', ' ', 'k', 'k', ' ');
    expect(unstyled(lastFrame())).toContain('Pick files (2 of 7 ticked):');
    await keys(stdin, KEY.enter);
    expect(onDone).toHaveBeenCalledExactlyOnceWith({ kind: 'files', paths: ['api/extract.py', 'api/chat.py'] });
  });

  test('specific files: enter with nothing ticked takes the highlighted file', async () => {
    const { stdin, onDone } = await mount();
    await keys(stdin, '3', 'j', KEY.enter);
    expect(onDone).toHaveBeenCalledWith({ kind: 'files', paths: ['api/summarize.py'] });
  });

  test('keys arriving in one read are each handled (Ink passes them as one input)', async () => {
    const { stdin, onDone } = await mount();
    await keys(stdin, '2j\r');
    expect(onDone).toHaveBeenCalledExactlyOnceWith({ kind: 'dir', path: 'routing' });
  });

  test('q quits from any mode', async () => {
    for (const path of [[], ['2'], ['3', ' ']]) {
      const { stdin, onDone } = await mount();
      await keys(stdin, ...path, 'q');
      expect(onDone).toHaveBeenCalledExactlyOnceWith({ kind: 'quit' });
    }
  });

  test('keys after the decision change nothing', async () => {
    const { stdin, onDone } = await mount();
    await keys(stdin, 'q', KEY.enter, '1');
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});

describe('reduceScope', () => {
  test('no subdirectories: choice 2 explains instead of opening an empty list', async () => {
    const state = reduceScope(initialScopeState, press('2'), { ...scopeVm, dirs: [] });
    expect(state.mode).toBe('menu');
    expect(state.notice).toBe('No subdirectories hold candidate files.');
  });

  test('a ticks all files, again unticks them', async () => {
    let state = reduceScope(initialScopeState, press('3'), scopeVm);
    state = reduceScope(state, press('a'), scopeVm);
    expect(state.picked).toHaveLength(7);
    state = reduceScope(state, press('a'), scopeVm);
    expect(state.picked).toEqual([]);
  });

  test('ctrl+c quits like q', async () => {
    expect(reduceScope(initialScopeState, press({ input: 'c', ctrl: true }), scopeVm).decision).toEqual({ kind: 'quit' });
  });
});
