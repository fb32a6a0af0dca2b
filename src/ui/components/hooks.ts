import { useEffect, useRef, useState } from 'react';
import { useStdout } from 'ink';
import { listWindow } from '../text.js';
import type { KeyPress } from './keys.js';

/** Columns and rows to lay out for: explicit props, else the stdout Ink renders to, else 80x24. */
export function useTerminalSize(columns?: number, rows?: number): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const [, setResizes] = useState(0);
  useEffect(() => {
    const onResize = () => setResizes((n) => n + 1);
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return {
    columns: Math.max(20, columns ?? (stdout.columns || 80)),
    rows: Math.max(10, rows ?? (stdout.rows || 24)),
  };
}

/** A scrolling window over a list that only moves when the cursor leaves it. */
export function useListWindow(total: number, cursor: number, height: number) {
  const offset = useRef(0);
  const window = listWindow(total, cursor, height, offset.current);
  offset.current = window.offset;
  return window;
}

/**
 * Screen state driven by a pure reducer, kept in a ref so every key sees the latest state (keys can
 * arrive faster than React re-renders), and `onDone` called as soon as a key produces a decision.
 */
export function useDecisionState<State extends { decision?: unknown }>(
  initial: () => State,
  reduce: (state: State, key: KeyPress) => State,
  onDone: (decision: NonNullable<State['decision']>) => void,
): [State, (key: KeyPress) => void, () => State] {
  const latest = useRef<State | undefined>(undefined);
  if (latest.current === undefined) latest.current = initial();
  const [state, setState] = useState<State>(latest.current);
  const reported = useRef(false);
  const handle = (key: KeyPress) => {
    if (reported.current) return;
    const next = reduce(latest.current!, key);
    if (next === latest.current) return;
    latest.current = next;
    setState(next);
    if (next.decision !== undefined) {
      reported.current = true;
      onDone(next.decision as NonNullable<State['decision']>);
    }
  };
  return [state, handle, () => latest.current!];
}
