// The facades: mount on given streams, resolve with the decision, unmount and release stdin.
import { EventEmitter } from 'node:events';
import { describe, expect, test, vi } from 'vitest';
import { renderPromptEdits, renderReview, renderScope, renderSummary } from '../../src/ui/render.js';
import { KEY, ready, tick, unstyled } from './helpers.js';
import { promptVm, reviewVm, scopeVm, summaryVm } from './fixtures.js';

/** A TTY-like stdout at 80x24 that records what Ink writes. */
class FakeStdout extends EventEmitter {
  columns = 80;
  rows = 24;
  isTTY = true;
  output = '';
  write = (chunk: string, callback?: () => void) => {
    this.output += chunk;
    callback?.();
    return true;
  };
}

/** A raw-mode stdin Ink can read keys from. */
class FakeStdin extends EventEmitter {
  isTTY = true;
  rawMode = false;
  private queue: string[] = [];
  setRawMode = vi.fn((on: boolean) => {
    this.rawMode = on;
  });
  setEncoding() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => this.queue.shift() ?? null;
  async press(...keys: string[]) {
    await ready(this as unknown as { write(data: string): void; listenerCount(event: string): number });
    for (const key of keys) {
      this.queue.push(key);
      this.emit('readable');
      await tick();
    }
  }
}

// These tests drive the facades as the CLI does, outside act(): decisions are reported from the
// key handler itself, so they do not depend on when React renders.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

function streams() {
  const stdin = new FakeStdin();
  const stdout = new FakeStdout();
  return { stdin, stdout, opts: { stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream } };
}

describe('render facades', () => {
  test('renderScope resolves with the choice and releases raw mode', async () => {
    const { stdin, stdout, opts } = streams();
    const decision = renderScope(scopeVm, opts);
    await tick();
    expect(stdin.rawMode).toBe(true);
    expect(unstyled(stdout.output)).toContain('What should I migrate?');
    await stdin.press('2', KEY.enter);
    await expect(decision).resolves.toEqual({ kind: 'dir', path: 'api' });
    expect(stdin.rawMode).toBe(false);
    expect(stdin.listenerCount('readable')).toBe(0);
    expect(stdout.listenerCount('resize')).toBe(0);
  });

  test('Ctrl+C is a quit decision, not an exit', async () => {
    const { stdin, opts } = streams();
    const decision = renderScope(scopeVm, opts);
    await tick();
    await stdin.press('\u0003');
    await expect(decision).resolves.toEqual({ kind: 'quit' });
  });

  test('renderReview passes the editor callback and resolves with the review', async () => {
    const { stdin, opts } = streams();
    const onOpenEditor = vi.fn();
    const decision = renderReview(reviewVm, { ...opts, onOpenEditor });
    await tick();
    await stdin.press('e', 'a', 'q');
    expect(onOpenEditor).toHaveBeenCalledWith('api/extract.py', 11);
    await expect(decision).resolves.toMatchObject({ quit: true, acceptedFindingIds: [] });
  });

  test('renderPromptEdits and renderSummary', async () => {
    const a = streams();
    const edits = renderPromptEdits(promptVm, a.opts);
    await tick();
    await a.stdin.press('a', KEY.enter, KEY.enter);
    await expect(edits).resolves.toEqual({ accepted: ['agent/prompts.py#3'], declined: ['agent/prompts.py#4', 'agent/review.py#1'], quit: false });

    const b = streams();
    const summary = renderSummary(summaryVm, b.opts);
    await tick();
    expect(unstyled(b.stdout.output)).toContain('Wrote 2 files (4 edits):');
    await b.stdin.press(KEY.enter);
    await expect(summary).resolves.toBeUndefined();
  });

  test('consecutive screens on the same streams each mount and unmount', async () => {
    const { stdin, opts } = streams();
    const first = renderScope(scopeVm, opts);
    await tick();
    await stdin.press(KEY.enter);
    await expect(first).resolves.toEqual({ kind: 'all' });
    const second = renderReview(reviewVm, opts);
    await tick();
    await stdin.press(KEY.enter, KEY.enter);
    await expect(second).resolves.toMatchObject({ quit: false, acceptedFindingIds: ['api/extract.py#0'] });
  });
});
