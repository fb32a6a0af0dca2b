// Keyboard input as plain data, so screen reducers stay pure and testable without Ink.
import type { Key } from 'ink';

export interface KeyPress {
  input: string;
  up: boolean;
  down: boolean;
  left: boolean;
  right: boolean;
  enter: boolean;
  escape: boolean;
  backspace: boolean;
  pageUp: boolean;
  pageDown: boolean;
  home: boolean;
  end: boolean;
  ctrl: boolean;
}

export function toKeyPress(input: string, key: Key): KeyPress {
  return {
    input,
    up: key.upArrow,
    down: key.downArrow,
    left: key.leftArrow,
    right: key.rightArrow,
    enter: key.return,
    escape: key.escape,
    backspace: key.backspace || key.delete,
    pageUp: key.pageUp,
    pageDown: key.pageDown,
    home: key.home,
    end: key.end,
    ctrl: key.ctrl,
  };
}

/**
 * Ink hands over plain text that arrives in one read (fast typing, a terminal multiplexer, a slow
 * link) as one multi-character input; it is split back into single key presses so none is lost.
 */
export function toKeyPresses(input: string, key: Key): KeyPress[] {
  const chars = [...input];
  if (chars.length <= 1 || key.ctrl || key.meta) return [toKeyPress(input, key)];
  return chars.map((char) => {
    if (char === '\r' || char === '\n') return press({ enter: true });
    if (char === '\u007f' || char === '\b') return press({ backspace: true });
    if (char === '\u0003') return press({ input: 'c', ctrl: true });
    return press(char);
  });
}

/** A KeyPress for reducer tests: `press('j')`, `press({ enter: true })`. */
export function press(spec: string | Partial<KeyPress>): KeyPress {
  const base: KeyPress = { input: '', up: false, down: false, left: false, right: false, enter: false, escape: false, backspace: false, pageUp: false, pageDown: false, home: false, end: false, ctrl: false };
  return typeof spec === 'string' ? { ...base, input: spec } : { ...base, ...spec };
}

// `q` quits everywhere; Ctrl+C is treated the same because the facades turn off Ink's own exit.
export const isQuit = (k: KeyPress): boolean => (k.input === 'q' && !k.ctrl) || (k.ctrl && k.input === 'c');
export const isDown = (k: KeyPress): boolean => k.down || (k.input === 'j' && !k.ctrl);
export const isUp = (k: KeyPress): boolean => k.up || (k.input === 'k' && !k.ctrl);
export const isSelect = (k: KeyPress): boolean => k.enter || k.input === ' ';
export const isBack = (k: KeyPress): boolean => k.escape || k.backspace || k.left || k.input === 'h';

/** New cursor after a movement key, clamped to the list; undefined when the key is not a movement. */
export function moveCursor(k: KeyPress, cursor: number, length: number, page = 5): number | undefined {
  if (length === 0) return undefined;
  const last = length - 1;
  if (isDown(k)) return Math.min(last, cursor + 1);
  if (isUp(k)) return Math.max(0, cursor - 1);
  if (k.pageDown) return Math.min(last, cursor + page);
  if (k.pageUp) return Math.max(0, cursor - page);
  if (k.home || k.input === 'g') return 0;
  if (k.end || k.input === 'G') return last;
  return undefined;
}
