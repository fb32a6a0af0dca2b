// Prompt edits are optional tuning (guide: "Explain every change you make"): each one quotes the
// before and after text and the behavioural shift behind it, accepted or declined item by item.
import React, { useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import type { OpenEditor, PromptEditItem, PromptEditsDecision, PromptEditsViewModel, ScreenProps } from '../types.js';
import { plural, wordWrap } from '../text.js';
import { useDecisionState, useListWindow, useTerminalSize } from './hooks.js';
import { isQuit, moveCursor, toKeyPresses, type KeyPress } from './keys.js';
import { KeyHints, layoutHints, type Hint } from './KeyHints.js';
import { Line, LinesView, MoreMarker, Rule, clampOffset, paint, type StyledLine } from './Lines.js';

export type PromptEditStatus = 'accepted' | 'declined' | 'pending';

export interface PromptEditsState {
  cursor: number;
  status: Record<string, PromptEditStatus>;
  detailOffset: number;
  confirmFinish: boolean;
  notice?: string;
  decision?: PromptEditsDecision;
}

export function initialPromptEditsState(vm: PromptEditsViewModel): PromptEditsState {
  return { cursor: 0, status: Object.fromEntries(vm.items.map((item) => [item.id, 'pending' as const])), detailOffset: 0, confirmFinish: false };
}

export function buildPromptEditsDecision(state: PromptEditsState, items: PromptEditItem[], quit: boolean): PromptEditsDecision {
  if (quit) return { accepted: [], declined: [], quit: true };
  // Prompts are the user's: anything not explicitly accepted stays as it is.
  return {
    accepted: items.filter((i) => state.status[i.id] === 'accepted').map((i) => i.id),
    declined: items.filter((i) => state.status[i.id] !== 'accepted').map((i) => i.id),
    quit: false,
  };
}

const pendingCount = (state: PromptEditsState, items: PromptEditItem[]) => items.filter((i) => state.status[i.id] === 'pending').length;

/** `detailMax`: the largest useful detail scroll offset at the current terminal size. */
export function reducePromptEdits(state: PromptEditsState, k: KeyPress, items: PromptEditItem[], detailMax = Infinity): PromptEditsState {
  if (state.decision) return state;
  if (isQuit(k)) return { ...state, decision: buildPromptEditsDecision(state, items, true) };
  if (items.length === 0) return k.enter ? { ...state, decision: buildPromptEditsDecision(state, items, false) } : state;

  const base = { ...state, notice: undefined, confirmFinish: false };
  const moved = moveCursor(k, state.cursor, items.length);
  if (moved !== undefined) return { ...base, cursor: moved, detailOffset: moved === state.cursor ? state.detailOffset : 0 };
  if (k.input === ']') return { ...base, detailOffset: Math.min(detailMax, state.detailOffset + 5) };
  if (k.input === '[') return { ...base, detailOffset: Math.max(0, Math.min(detailMax, state.detailOffset) - 5) };

  const item = items[state.cursor]!;
  const set = (s: PromptEditsState, id: string, status: PromptEditStatus) => ({ ...s, status: { ...s.status, [id]: status } });
  const next = (s: PromptEditsState) => ({ ...s, cursor: Math.min(items.length - 1, s.cursor + 1), detailOffset: 0 });
  if (k.input === 'a') return next(set(base, item.id, 'accepted'));
  if (k.input === 's') return next(set(base, item.id, 'declined'));
  if (k.input === ' ') return set(base, item.id, state.status[item.id] === 'accepted' ? 'declined' : 'accepted');
  if (k.input === 'A') {
    let s: PromptEditsState = base;
    const same = items.filter((i) => i.rule === item.rule);
    for (const i of same) s = set(s, i.id, 'accepted');
    return { ...s, notice: `Accepted ${plural(same.length, `${item.rule} edit`)}.` };
  }
  if (k.enter) {
    const pending = pendingCount(state, items);
    if (pending > 0 && !state.confirmFinish) {
      return { ...state, confirmFinish: true, notice: `${plural(pending, 'undecided edit')} will be declined. Press enter again to finish.` };
    }
    return { ...state, decision: buildPromptEditsDecision(state, items, false) };
  }
  return state;
}

/** Quoted before/after text (every line kept) and the reason, wrapped to the width. */
export function promptDetailLines(item: PromptEditItem, width: number): StyledLine[] {
  const quoted = (label: string, text: string, color: 'red' | 'green'): StyledLine[] => {
    const lines = wordWrap(`“${text}”`, width - 8).lines;
    return lines.map((line, i) => ({ text: `${i === 0 ? label.padEnd(8) : ' '.repeat(8)}${line}`, color }));
  };
  return [
    ...quoted('Before:', item.before, 'red'),
    ...quoted('After:', item.after, 'green'),
    ...wordWrap(`Why: ${item.why}`, width).lines.map((text) => ({ text, muted: true })),
  ];
}

const MARK: Record<PromptEditStatus, string> = { accepted: '[✓]', declined: '[-]', pending: '[ ]' };

const HINTS: Hint[] = [
  ['↑↓/j/k', 'move'],
  ['a', 'accept'],
  ['s', 'decline'],
  ['space', 'toggle'],
  ['A', 'accept rule'],
  ['[ ]', 'scroll'],
  ['e', 'editor'],
  ['enter', 'finish'],
  ['q', 'quit'],
];

export function PromptEditsScreen({ vm, onDone, onOpenEditor, noColor, columns, rows }: { vm: PromptEditsViewModel; onOpenEditor?: OpenEditor } & ScreenProps<PromptEditsDecision>) {
  const size = useTerminalSize(columns, rows);
  const width = size.columns - 1;
  const items = vm.items;
  const detailMax = useRef(Infinity);
  const [state, handleKey, latest] = useDecisionState(() => initialPromptEditsState(vm), (s: PromptEditsState, k: KeyPress) => reducePromptEdits(s, k, items, detailMax.current), onDone);
  const [editorNotice, setEditorNotice] = useState<string | undefined>();
  const onKey = (k: KeyPress) => {
    setEditorNotice(undefined);
    if (k.input === 'e' && items.length > 0 && onOpenEditor && !latest().decision) {
      const item = items[latest().cursor]!;
      void Promise.resolve(onOpenEditor(item.file, item.line)).then(
        () => setEditorNotice(`Back from the editor (${item.file}).`),
        (error: unknown) => setEditorNotice(`Could not open the editor: ${error instanceof Error ? error.message : String(error)}`),
      );
      return;
    }
    handleKey(k);
  };
  useInput((input, key) => toKeyPresses(input, key).forEach(onKey));

  const title = 'claude-migrate · prompt edits (optional tuning, not required by the API)';
  if (items.length === 0) {
    return (
      <Box flexDirection="column">
        <Line line={{ text: title, bold: true }} width={width} noColor={noColor} />
        <Text> </Text>
        <Text>No prompt edits to review.</Text>
        <Text> </Text>
        <KeyHints hints={[['enter', 'continue'], ['q', 'quit']]} width={width} noColor={noColor} />
      </Box>
    );
  }

  const accepted = items.filter((i) => state.status[i.id] === 'accepted').length;
  const declined = items.filter((i) => state.status[i.id] === 'declined').length;
  const counts = `${accepted} accepted · ${declined} declined · ${pendingCount(state, items)} undecided`;
  const hintLines = layoutHints(HINTS, width).length;
  const free = size.rows - 1 - 2 - 1 - 1 - 1 - hintLines;
  const listHeight = Math.max(3, Math.min(items.length, Math.floor(free * 0.45)));
  const detailHeight = Math.max(3, free - listHeight);
  const item = items[state.cursor]!;
  const body = promptDetailLines(item, width);
  const notice = state.notice ?? editorNotice;
  detailMax.current = clampOffset(Infinity, body.length, detailHeight);

  return (
    <Box flexDirection="column">
      <Line line={{ text: title, bold: true }} width={width} noColor={noColor} />
      <Line line={{ text: counts, muted: true }} width={width} noColor={noColor} />
      <ItemList items={items} state={state} height={listHeight} width={width} noColor={noColor} />
      <Rule width={width} noColor={noColor} />
      <Line line={{ text: `${item.file}:${item.line} · ${item.rule} · optional` }} width={width} noColor={noColor} />
      <LinesView lines={body} offset={clampOffset(state.detailOffset, body.length, detailHeight)} height={detailHeight} width={width} noColor={noColor} />
      {notice ? <Line line={{ text: notice, color: 'yellow' }} width={width} noColor={noColor} /> : <Text> </Text>}
      <KeyHints hints={HINTS} width={width} noColor={noColor} />
    </Box>
  );
}

function ItemList({ items, state, height, width, noColor }: { items: PromptEditItem[]; state: PromptEditsState; height: number; width: number; noColor?: boolean }) {
  const window = useListWindow(items.length, state.cursor, height);
  return (
    <Box flexDirection="column">
      {window.above > 0 ? <MoreMarker count={window.above} direction="up" noColor={noColor} /> : null}
      {items.slice(window.offset, window.offset + window.size).map((item, i) => {
        const active = window.offset + i === state.cursor;
        return (
          <Box key={item.id}>
            <Text color={paint('cyan', noColor)}>{active ? '› ' : '  '}</Text>
            <Line line={{ text: `${MARK[state.status[item.id]!]} ${item.file}:${item.line}  ${item.rule}`, bold: active }} width={width - 2} noColor={noColor} />
          </Box>
        );
      })}
      {window.below > 0 ? <MoreMarker count={window.below} direction="down" noColor={noColor} /> : null}
    </Box>
  );
}
