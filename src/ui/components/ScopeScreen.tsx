// Step 0 of the guide: confirm the scope before any edit. Sync markers first, a dirty tree as a
// warning, then the three scopes (whole directory / a subdirectory / specific files).
import React from 'react';
import { Box, Text, useInput } from 'ink';
import type { Bucket, ScopeDecision, ScopeViewModel, ScreenProps } from '../types.js';
import { plural, wordWrap } from '../text.js';
import { useDecisionState, useListWindow, useTerminalSize } from './hooks.js';
import { isBack, isQuit, isSelect, moveCursor, toKeyPresses, type KeyPress } from './keys.js';
import { KeyHints, layoutHints, type Hint } from './KeyHints.js';
import { Line, MoreMarker, paint, type StyledLine } from './Lines.js';

export const BUCKET_SHORT: Record<Bucket, string> = { caller: 'caller', definer: 'definer', variant: 'variant', 'string-reference': 'string' };
const BUCKET_ORDER: Bucket[] = ['caller', 'definer', 'string-reference', 'variant'];

export type ScopeMode = 'menu' | 'dir' | 'files';

export interface ScopeState {
  mode: ScopeMode;
  menuCursor: number;
  dirCursor: number;
  fileCursor: number;
  /** Picked files, kept in view-model order when the decision is built. */
  picked: string[];
  notice?: string;
  decision?: ScopeDecision;
}

export const initialScopeState: ScopeState = { mode: 'menu', menuCursor: 0, dirCursor: 0, fileCursor: 0, picked: [] };

function chooseMenu(state: ScopeState, vm: ScopeViewModel, choice: number): ScopeState {
  if (choice === 0) return { ...state, menuCursor: 0, decision: { kind: 'all' } };
  if (choice === 1) {
    if (vm.dirs.length === 0) return { ...state, menuCursor: 1, notice: 'No subdirectories hold candidate files.' };
    return { ...state, menuCursor: 1, mode: 'dir', notice: undefined };
  }
  return { ...state, menuCursor: 2, mode: 'files', notice: undefined };
}

/** Pure transition for one key press; sets `decision` when the screen is done. */
export function reduceScope(state: ScopeState, k: KeyPress, vm: ScopeViewModel): ScopeState {
  if (state.decision) return state;
  if (isQuit(k)) return { ...state, decision: { kind: 'quit' } };
  if (vm.files.length === 0) return k.enter || k.escape ? { ...state, decision: { kind: 'quit' } } : state;

  if (state.mode === 'menu') {
    const moved = moveCursor(k, state.menuCursor, 3);
    if (moved !== undefined) return { ...state, menuCursor: moved, notice: undefined };
    if (['1', '2', '3'].includes(k.input)) return chooseMenu(state, vm, Number(k.input) - 1);
    if (isSelect(k)) return chooseMenu(state, vm, state.menuCursor);
    return state;
  }

  if (isBack(k)) return { ...state, mode: 'menu', notice: undefined };

  if (state.mode === 'dir') {
    const moved = moveCursor(k, state.dirCursor, vm.dirs.length);
    if (moved !== undefined) return { ...state, dirCursor: moved };
    if (isSelect(k)) return { ...state, decision: { kind: 'dir', path: vm.dirs[state.dirCursor]!.path } };
    return state;
  }

  const moved = moveCursor(k, state.fileCursor, vm.files.length);
  if (moved !== undefined) return { ...state, fileCursor: moved, notice: undefined };
  const current = vm.files[state.fileCursor]!.path;
  if (k.input === ' ') {
    const picked = state.picked.includes(current) ? state.picked.filter((p) => p !== current) : [...state.picked, current];
    return { ...state, picked, notice: undefined };
  }
  if (k.input === 'a') {
    const all = state.picked.length === vm.files.length;
    return { ...state, picked: all ? [] : vm.files.map((f) => f.path) };
  }
  if (k.enter) {
    // Enter with nothing ticked takes the highlighted file, so one file is one key away.
    const chosen = state.picked.length > 0 ? vm.files.map((f) => f.path).filter((p) => state.picked.includes(p)) : [current];
    return { ...state, decision: { kind: 'files', paths: chosen } };
  }
  return state;
}

function bucketCounts(byBucket: Record<Bucket, number>): string {
  return BUCKET_ORDER.filter((b) => (byBucket[b] ?? 0) > 0)
    .map((b) => `${BUCKET_SHORT[b]} ${byBucket[b]}`)
    .join(' · ');
}

/** Header lines above the choices: target, mapping, sync markers, git warning (each bounded). */
export function scopeHeader(vm: ScopeViewModel, width: number): StyledLine[] {
  const lines: StyledLine[] = [{ text: 'claude-migrate · confirm the migration scope', bold: true }];
  lines.push({ text: `Root: ${vm.root}` });
  if (vm.target === 'auto') {
    lines.push({ text: vm.autoMapping.length > 0 ? 'Target: auto, per source model:' : 'Target: auto' });
    const shown = vm.autoMapping.length > 4 ? vm.autoMapping.slice(0, 3) : vm.autoMapping;
    for (const m of shown) lines.push({ text: `  ${m.from} → ${m.to}  (${m.count})` });
    if (shown.length < vm.autoMapping.length) lines.push({ text: `  ↓ ${vm.autoMapping.length - shown.length} more`, muted: true });
  } else {
    const counted = vm.autoMapping.reduce((n, m) => n + m.count, 0);
    lines.push({ text: `Target: ${vm.target}${counted > 0 ? `  (${plural(counted, 'occurrence')} of older models)` : ''}` });
  }
  if (vm.syncMarkers.length > 0) {
    lines.push({ text: `Sync markers (${vm.syncMarkers.length}), check these first:`, color: 'yellow', bold: true });
    const shown = vm.syncMarkers.length > 3 ? vm.syncMarkers.slice(0, 2) : vm.syncMarkers;
    for (const m of shown) lines.push({ text: `  ${m.path}:${m.line}  ${m.text.trim()}` });
    if (shown.length < vm.syncMarkers.length) lines.push({ text: `  ↓ ${vm.syncMarkers.length - shown.length} more`, muted: true });
  }
  if (vm.git.isRepo === false) {
    lines.push({ text: '⚠ Not a git repository: edits cannot be undone with git.', color: 'yellow' });
  } else if (!vm.git.clean) {
    const warning = `⚠ Uncommitted changes in ${plural(vm.git.dirtyFiles.length, 'file')}: ${vm.git.dirtyFiles.join(', ')}`;
    for (const text of wordWrap(warning, width, 2).lines) lines.push({ text, color: 'yellow' });
  }
  return lines;
}

const MENU_HINTS: Hint[] = [['↑↓/j/k', 'move'], ['enter', 'select'], ['1-3', 'choose'], ['q', 'quit']];
const DIR_HINTS: Hint[] = [['↑↓/j/k', 'move'], ['enter', 'migrate this directory'], ['esc', 'back'], ['q', 'quit']];
const FILE_HINTS: Hint[] = [['↑↓/j/k', 'move'], ['space', 'tick'], ['a', 'tick all'], ['enter', 'migrate ticked'], ['esc', 'back'], ['q', 'quit']];

export function ScopeScreen({ vm, onDone, noColor, columns, rows }: { vm: ScopeViewModel } & ScreenProps<ScopeDecision>) {
  const size = useTerminalSize(columns, rows);
  const width = size.columns - 1;
  const [state, handleKey] = useDecisionState(() => initialScopeState, (s: ScopeState, k: KeyPress) => reduceScope(s, k, vm), onDone);
  useInput((input, key) => toKeyPresses(input, key).forEach(handleKey));

  if (vm.files.length === 0) {
    return (
      <Box flexDirection="column">
        <Line line={{ text: 'claude-migrate · confirm the migration scope', bold: true }} width={width} noColor={noColor} />
        <Line line={{ text: `Root: ${vm.root}` }} width={width} noColor={noColor} />
        <Text> </Text>
        <Text>No changes. No file references an older Claude model.</Text>
        <Text> </Text>
        <KeyHints hints={[['enter/q', 'quit']]} width={width} noColor={noColor} />
      </Box>
    );
  }

  const header = scopeHeader(vm, width);
  const hints = state.mode === 'menu' ? MENU_HINTS : state.mode === 'dir' ? DIR_HINTS : FILE_HINTS;
  const hintLines = layoutHints(hints, width).length;
  const question =
    state.mode === 'menu'
      ? `Found ${plural(vm.files.length, 'file')} in ${plural(vm.dirs.length, 'directory', 'directories')}. What should I migrate?`
      : state.mode === 'dir'
        ? 'Pick a subdirectory:'
        : `Pick files (${state.picked.length} of ${vm.files.length} ticked):`;
  // Output stays below `rows` lines so Ink redraws in place instead of clearing the screen.
  const listHeight = Math.max(3, size.rows - 1 - header.length - 1 - 1 - (state.notice ? 1 : 0) - 1 - hintLines);

  return (
    <Box flexDirection="column">
      {header.map((line, i) => (
        <Line key={i} line={line} width={width} noColor={noColor} />
      ))}
      <Text> </Text>
      <Line line={{ text: question, bold: true }} width={width} noColor={noColor} />
      {state.mode === 'menu' ? (
        <Menu state={state} vm={vm} width={width} noColor={noColor} />
      ) : state.mode === 'dir' ? (
        <DirList state={state} vm={vm} width={width} height={listHeight} noColor={noColor} />
      ) : (
        <FileList state={state} vm={vm} width={width} height={listHeight} noColor={noColor} />
      )}
      {state.notice ? <Line line={{ text: state.notice, color: 'yellow' }} width={width} noColor={noColor} /> : null}
      <Text> </Text>
      <KeyHints hints={hints} width={width} noColor={noColor} />
    </Box>
  );
}

function Pointer({ active, noColor }: { active: boolean; noColor?: boolean }) {
  return <Text color={paint('cyan', noColor)}>{active ? '› ' : '  '}</Text>;
}

function Menu({ state, vm, width, noColor }: { state: ScopeState; vm: ScopeViewModel; width: number; noColor?: boolean }) {
  const items = [
    `1. The entire directory (${plural(vm.files.length, 'file')})`,
    vm.dirs.length > 0 ? `2. A subdirectory… (${plural(vm.dirs.length, 'directory', 'directories')})` : '2. A subdirectory… (none)',
    '3. Specific files…',
  ];
  return (
    <Box flexDirection="column">
      {items.map((text, i) => (
        <Box key={i}>
          <Pointer active={state.menuCursor === i} noColor={noColor} />
          <Line line={{ text, bold: state.menuCursor === i }} width={width - 2} noColor={noColor} />
        </Box>
      ))}
    </Box>
  );
}

function DirList({ state, vm, width, height, noColor }: { state: ScopeState; vm: ScopeViewModel; width: number; height: number; noColor?: boolean }) {
  const window = useListWindow(vm.dirs.length, state.dirCursor, height);
  const pathWidth = Math.min(32, Math.max(...vm.dirs.map((d) => d.path.length)));
  return (
    <Box flexDirection="column">
      {window.above > 0 ? <MoreMarker count={window.above} direction="up" noColor={noColor} /> : null}
      {vm.dirs.slice(window.offset, window.offset + window.size).map((dir, i) => {
        const index = window.offset + i;
        const text = `${dir.path.padEnd(pathWidth)}  ${String(dir.total).padStart(4)}  ${bucketCounts(dir.byBucket)}`;
        return (
          <Box key={dir.path}>
            <Pointer active={index === state.dirCursor} noColor={noColor} />
            <Line line={{ text, bold: index === state.dirCursor }} width={width - 2} noColor={noColor} />
          </Box>
        );
      })}
      {window.below > 0 ? <MoreMarker count={window.below} direction="down" noColor={noColor} /> : null}
    </Box>
  );
}

function FileList({ state, vm, width, height, noColor }: { state: ScopeState; vm: ScopeViewModel; width: number; height: number; noColor?: boolean }) {
  const window = useListWindow(vm.files.length, state.fileCursor, height);
  return (
    <Box flexDirection="column">
      {window.above > 0 ? <MoreMarker count={window.above} direction="up" noColor={noColor} /> : null}
      {vm.files.slice(window.offset, window.offset + window.size).map((file, i) => {
        const index = window.offset + i;
        const tick = state.picked.includes(file.path) ? '[x]' : '[ ]';
        const label = BUCKET_SHORT[file.bucket];
        const text = `${tick} ${file.path}`;
        return (
          <Box key={file.path}>
            <Pointer active={index === state.fileCursor} noColor={noColor} />
            <Box flexGrow={1}>
              <Line line={{ text, bold: index === state.fileCursor }} width={width - 2 - label.length - 2} noColor={noColor} />
            </Box>
            <Text color={paint('gray', noColor)}>{`  ${label}`}</Text>
          </Box>
        );
      })}
      {window.below > 0 ? <MoreMarker count={window.below} direction="down" noColor={noColor} /> : null}
    </Box>
  );
}
