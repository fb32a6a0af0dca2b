// ink-testing-library at a fixed 80-column stdout, with act()-wrapped mounting and key presses.
import type { ReactElement } from 'react';
import { render as inkRender } from 'ink-testing-library';
import { Text } from 'ink';
import React, { act } from 'react';

// ink-testing-library's Stdout reports 100 columns from a prototype getter; pin it to 80 once so
// every frame is laid out like a standard terminal.
const probe = inkRender(React.createElement(Text, null, ''));
Object.defineProperty(Object.getPrototypeOf(probe.stdout), 'columns', { get: () => 80, configurable: true });
probe.unmount();

// Ink schedules React updates from key presses at default priority, i.e. asynchronously through
// React's scheduler; act() flushes them, so frames are final when a key press resolves instead
// of depending on a fixed delay (which fails on a loaded machine).
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export type App = ReturnType<typeof inkRender>;

/** Mount, with the first frame drawn and the input handlers attached. */
export async function render(tree: ReactElement): Promise<App> {
  let app: App | undefined;
  await act(async () => {
    app = inkRender(tree);
  });
  return app!;
}

export const tick = (ms = 20) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type TestStdin = { write(data: string): void; listenerCount(event: string): number };

/**
 * Wait until the screen listens: Ink attaches its stdin reader and useInput handlers in effects
 * that run after the first frame, so a key written before would be lost.
 */
export async function ready(stdin: TestStdin) {
  for (let waited = 0; stdin.listenerCount('readable') === 0; waited += 5) {
    if (waited > 2000) throw new Error('the screen never started reading stdin');
    await tick(5);
  }
}

/** Press keys one at a time, each fully processed and rendered before the next. */
export async function keys(stdin: TestStdin, ...presses: string[]) {
  await ready(stdin);
  for (const p of presses) {
    await act(async () => {
      stdin.write(p);
    });
  }
}

export const KEY = { up: '\u001B[A', down: '\u001B[B', left: '\u001B[D', right: '\u001B[C', enter: '\r', escape: '\u001B', pageDown: '\u001B[6~', pageUp: '\u001B[5~' };

const ANSI = /\u001B\[[0-9;:]*[A-Za-z]|\u001B\][^\u0007\u001B]*(\u0007|\u001B\\)/g;
export function unstyled(frame: string | undefined): string {
  return (frame ?? '').replace(ANSI, '');
}

/** Frame lines with trailing spaces dropped (Ink pads to the box width). */
export function frameLines(frame: string | undefined): string[] {
  return unstyled(frame).split('\n').map((l) => l.trimEnd());
}

export function maxWidth(frame: string | undefined): number {
  return Math.max(...frameLines(frame).map((l) => [...l].length));
}
