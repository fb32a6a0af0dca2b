// Review of the planned edits, finding by finding: a scrolling list grouped by bucket and file, and
// below it the selected finding's message, why and diff. Only records decisions.
import React, { useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import type {
  Bucket,
  DefinerChoice,
  DiffLine,
  OpenEditor,
  PrefillChoice,
  ReviewDecision,
  ReviewFinding,
  ReviewViewModel,
  ScreenProps,
} from '../types.js';
import { displayWidth, plural, wordWrap } from '../text.js';
import { diffToLines } from './DiffView.js';
import { useDecisionState, useListWindow, useTerminalSize } from './hooks.js';
import { isQuit, isSelect, moveCursor, toKeyPresses, type KeyPress } from './keys.js';
import { KeyHints, layoutHints, type Hint } from './KeyHints.js';
import { Line, LinesView, MoreMarker, Rule, clampOffset, paint, type StyledLine } from './Lines.js';
import { SeverityBadge, severityColor, severityLabel } from './SeverityBadge.js';

/** Step 1 bucket names, as the guide's table words them. */
export const BUCKET_TITLE: Record<Bucket, string> = {
  caller: 'Calls the API/SDK',
  definer: 'Defines or serves the model',
  'string-reference': 'References the ID as an opaque string',
  variant: 'Suffixed variant IDs',
};

export const DEFINER_OPTIONS: { value: DefinerChoice; label: string }[] = [
  { value: 'add-alongside', label: 'add new alongside' },
  { value: 'leave', label: 'leave alone' },
  { value: 'retire-old', label: 'retire old' },
];

export const PREFILL_LABELS: Record<PrefillChoice, string> = {
  'output-format': 'structured output',
  'system-instruction': 'system instruction',
  'user-turn': 'user-turn continuation',
};
const ALL_PREFILL: PrefillChoice[] = ['output-format', 'system-instruction', 'user-turn'];

export type FindingStatus = 'accepted' | 'skipped' | 'pending';

interface FlatFinding {
  finding: ReviewFinding;
  path: string;
  bucket: Bucket;
}

export function flattenReview(vm: ReviewViewModel): FlatFinding[] {
  return vm.groups.flatMap((g) => g.files.flatMap((f) => f.findings.map((finding) => ({ finding, path: f.path, bucket: g.bucket }))));
}

export interface ReviewState {
  cursor: number;
  status: Record<string, FindingStatus>;
  suppressed: Record<string, boolean>;
  definer: Record<string, DefinerChoice>;
  prefill: Record<string, PrefillChoice>;
  /** Scroll position of the detail pane (message, why, diff). */
  detailOffset: number;
  /** Enter was pressed once with undecided findings left; the next Enter finishes. */
  confirmFinish: boolean;
  notice?: string;
  decision?: ReviewDecision;
}

const canApply = (f: ReviewFinding) => f.fix !== 'manual';

function prefillOptions(f: ReviewFinding): PrefillChoice[] {
  return f.choice?.kind === 'prefill' ? (f.choice.options?.length ? f.choice.options : ALL_PREFILL) : [];
}

function definerOptions(f: ReviewFinding): DefinerChoice[] {
  return f.choice?.kind === 'definer' ? (f.choice.options?.length ? f.choice.options : DEFINER_OPTIONS.map((o) => o.value)) : [];
}

function choiceValues(f: ReviewFinding): string[] {
  if (f.choice?.kind === 'definer') return definerOptions(f);
  return prefillOptions(f);
}

export function initialReviewState(vm: ReviewViewModel): ReviewState {
  const state: ReviewState = { cursor: 0, status: {}, suppressed: {}, definer: {}, prefill: {}, detailOffset: 0, confirmFinish: false };
  for (const { finding: f } of flattenReview(vm)) {
    state.status[f.id] = f.preselected && canApply(f) ? 'accepted' : 'pending';
    if (f.choice?.kind === 'definer') {
      // Guide, Step 1: "If you can't ask, default to (a): add the new model alongside".
      state.definer[f.id] = f.choice.initial ?? definerOptions(f)[0]!;
      if (state.definer[f.id] === 'leave') state.status[f.id] = 'skipped';
    }
    if (f.choice?.kind === 'prefill') state.prefill[f.id] = f.choice.initial ?? prefillOptions(f)[0]!;
  }
  return state;
}

export function buildReviewDecision(state: ReviewState, flat: FlatFinding[], quit: boolean): ReviewDecision {
  const decision: ReviewDecision = { acceptedFindingIds: [], skippedFindingIds: [], suppress: [], definerChoices: {}, prefillChoices: {}, quit };
  // Quitting writes nothing, so it carries no accepted edits either.
  if (quit) return decision;
  for (const { finding: f } of flat) {
    if (state.suppressed[f.id]) decision.suppress.push({ findingId: f.id });
    else if (canApply(f)) (state.status[f.id] === 'accepted' ? decision.acceptedFindingIds : decision.skippedFindingIds).push(f.id);
    if (f.id in state.definer) decision.definerChoices[f.id] = state.definer[f.id]!;
    if (f.id in state.prefill) decision.prefillChoices[f.id] = state.prefill[f.id]!;
  }
  return decision;
}

function pendingCount(state: ReviewState, flat: FlatFinding[]): number {
  return flat.filter(({ finding: f }) => canApply(f) && !state.suppressed[f.id] && state.status[f.id] === 'pending').length;
}

function setStatus(state: ReviewState, f: ReviewFinding, status: FindingStatus): ReviewState {
  const next = { ...state, status: { ...state.status, [f.id]: status }, suppressed: { ...state.suppressed, [f.id]: false } };
  // Accepting a registry entry whose answer is "leave alone" would apply nothing: take the default.
  if (status === 'accepted' && state.definer[f.id] === 'leave') next.definer = { ...state.definer, [f.id]: definerOptions(f).find((v) => v !== 'leave') ?? 'add-alongside' };
  return next;
}

function pickChoice(state: ReviewState, f: ReviewFinding, value: string): ReviewState {
  if (f.choice?.kind === 'definer') {
    const choice = value as DefinerChoice;
    const status: FindingStatus = choice === 'leave' ? 'skipped' : 'accepted';
    return { ...state, definer: { ...state.definer, [f.id]: choice }, status: { ...state.status, [f.id]: status }, detailOffset: 0 };
  }
  return { ...state, prefill: { ...state.prefill, [f.id]: value as PrefillChoice }, status: { ...state.status, [f.id]: 'accepted' }, detailOffset: 0 };
}

const advance = (state: ReviewState, flat: FlatFinding[]): ReviewState => ({ ...state, cursor: Math.min(flat.length - 1, state.cursor + 1), detailOffset: 0 });

/** Pure transition for one key press; sets `decision` when the screen is done. */
/** `detailMax`: the largest useful detail scroll offset at the current terminal size. */
export function reduceReview(state: ReviewState, k: KeyPress, flat: FlatFinding[], detailMax = Infinity): ReviewState {
  if (state.decision) return state;
  if (isQuit(k)) return { ...state, decision: buildReviewDecision(state, flat, true) };
  if (flat.length === 0) return k.enter ? { ...state, decision: buildReviewDecision(state, flat, false) } : state;

  const base = { ...state, notice: undefined, confirmFinish: false };
  const moved = moveCursor(k, state.cursor, flat.length);
  if (moved !== undefined) return { ...base, cursor: moved, detailOffset: moved === state.cursor ? state.detailOffset : 0 };

  const f = flat[state.cursor]!.finding;
  if (k.input === ']') return { ...base, detailOffset: Math.min(detailMax, state.detailOffset + 5) };
  if (k.input === '[') return { ...base, detailOffset: Math.max(0, Math.min(detailMax, state.detailOffset) - 5) };

  if (k.enter) {
    const pending = pendingCount(state, flat);
    if (pending > 0 && !state.confirmFinish) {
      return { ...state, confirmFinish: true, notice: `${plural(pending, 'undecided finding')} will be skipped. Press enter again to finish.` };
    }
    return { ...state, decision: buildReviewDecision(state, flat, false) };
  }

  if (k.input === 'x') {
    const on = !state.suppressed[f.id];
    return {
      ...base,
      suppressed: { ...state.suppressed, [f.id]: on },
      notice: on ? 'Suppressed: an ignore comment will be added on this line.' : 'No longer suppressed.',
    };
  }

  if (!canApply(f) && ['a', 's', ' ', 'A'].includes(k.input)) {
    return { ...base, notice: 'Manual finding: no automatic edit. Fix it by hand (e) or suppress it (x).' };
  }
  if (k.input === 'a') return advance(setStatus(base, f, 'accepted'), flat);
  if (k.input === 's') return advance(setStatus(base, f, 'skipped'), flat);
  if (k.input === ' ') return setStatus(base, f, state.status[f.id] === 'accepted' ? 'skipped' : 'accepted');
  if (k.input === 'A') {
    let next: ReviewState = base;
    let count = 0;
    for (const { finding } of flat) {
      if (finding.rule === f.rule && canApply(finding) && !state.suppressed[finding.id]) {
        next = setStatus(next, finding, 'accepted');
        count += 1;
      }
    }
    return { ...next, notice: `Accepted ${plural(count, `${f.rule} finding`)}.` };
  }

  if (k.input === 'F' || k.input === 'S') {
    // The whole file under the cursor: every finding with an edit, except suppressed ones.
    const path = flat[state.cursor]!.path;
    const status: FindingStatus = k.input === 'F' ? 'accepted' : 'skipped';
    let next: ReviewState = base;
    let count = 0;
    for (const item of flat) {
      if (item.path === path && canApply(item.finding) && !state.suppressed[item.finding.id]) {
        next = setStatus(next, item.finding, status);
        count += 1;
      }
    }
    return { ...next, notice: `${status === 'accepted' ? 'Accepted' : 'Skipped'} ${plural(count, 'finding')} in ${path}.` };
  }

  const values = choiceValues(f);
  if (values.length > 0) {
    const index = values.indexOf(f.choice?.kind === 'definer' ? state.definer[f.id]! : state.prefill[f.id]!);
    if (/^[1-9]$/.test(k.input) && Number(k.input) <= values.length) return pickChoice(base, f, values[Number(k.input) - 1]!);
    if (k.right) return pickChoice(base, f, values[(index + 1) % values.length]!);
    if (k.left) return pickChoice(base, f, values[(index - 1 + values.length) % values.length]!);
  }
  return state;
}

function statusMark(state: ReviewState, f: ReviewFinding): string {
  if (state.suppressed[f.id]) return '[x]';
  if (!canApply(f)) return '[!]';
  return state.status[f.id] === 'accepted' ? '[✓]' : state.status[f.id] === 'skipped' ? '[-]' : '[ ]';
}

type Row = { kind: 'bucket'; text: string } | { kind: 'file'; text: string } | { kind: 'finding'; index: number };

function listRows(vm: ReviewViewModel): Row[] {
  const rows: Row[] = [];
  let index = 0;
  for (const group of vm.groups) {
    if (group.files.every((f) => f.findings.length === 0)) continue;
    rows.push({ kind: 'bucket', text: `${BUCKET_TITLE[group.bucket]} (${plural(group.files.length, 'file')})` });
    for (const file of group.files) {
      if (file.findings.length === 0) continue;
      rows.push({ kind: 'file', text: `  ${file.path}` });
      for (let i = 0; i < file.findings.length; i++) rows.push({ kind: 'finding', index: index++ });
    }
  }
  return rows;
}

function currentDiff(state: ReviewState, f: ReviewFinding): DiffLine[] {
  if (f.choice?.kind === 'definer') return f.choice.diffByChoice?.[state.definer[f.id]!] ?? (state.definer[f.id] === 'leave' ? [] : f.diff);
  if (f.choice?.kind === 'prefill') return f.choice.diffByChoice?.[state.prefill[f.id]!] ?? f.diff;
  return f.diff;
}

/** The detail pane's scrollable body: message, why, choice, then the planned edit. */
export function detailLines(state: ReviewState, f: ReviewFinding, width: number): StyledLine[] {
  const lines: StyledLine[] = wordWrap(f.message, width).lines.map((text) => ({ text }));
  if (f.why) lines.push(...wordWrap(`Why: ${f.why}`, width).lines.map((text) => ({ text, muted: true })));
  if (f.choice) {
    const values = choiceValues(f);
    const selected = f.choice.kind === 'definer' ? state.definer[f.id] : state.prefill[f.id];
    const labels = values.map((v, i) => {
      const label = f.choice!.kind === 'definer' ? DEFINER_OPTIONS.find((o) => o.value === v)!.label : PREFILL_LABELS[v as PrefillChoice];
      return v === selected ? `(•) ${i + 1} ${label}` : `( ) ${i + 1} ${label}`;
    });
    const title = f.choice.kind === 'definer' ? 'Registry entry:' : 'Replace the prefill with:';
    // Options are packed whole onto lines, never split, so each stays readable.
    let current = title;
    for (const label of labels) {
      if (displayWidth(`${current}  ${label}`) > width) {
        lines.push({ text: current, color: 'cyan' });
        current = ' '.repeat(title.length);
      }
      current = `${current}  ${label}`;
    }
    lines.push({ text: current, color: 'cyan' });
  }
  const diff = currentDiff(state, f);
  if (!canApply(f) && diff.length === 0) lines.push({ text: 'Needs a person: no automatic edit.', color: 'yellow' });
  else if (diff.length === 0) lines.push({ text: 'No changes.', muted: true });
  else lines.push(...diffToLines(diff, width));
  return lines;
}

const HINTS: Hint[] = [
  ['↑↓/j/k', 'move'],
  ['a', 'accept'],
  ['s', 'skip'],
  ['space', 'toggle'],
  ['A', 'accept rule'],
  ['x', 'suppress'],
  ['F/S', 'file'],
  ['←→/1-3', 'choice'],
  ['[ ]', 'scroll'],
  ['e', 'editor'],
  ['enter', 'finish'],
  ['q', 'quit'],
];

export function ReviewScreen({ vm, onDone, onOpenEditor, noColor, columns, rows }: { vm: ReviewViewModel; onOpenEditor?: OpenEditor } & ScreenProps<ReviewDecision>) {
  const size = useTerminalSize(columns, rows);
  const width = size.columns - 1;
  const flat = useRef(flattenReview(vm)).current;
  const detailMax = useRef(Infinity);
  const [state, handleKey, latest] = useDecisionState(() => initialReviewState(vm), (s: ReviewState, k: KeyPress) => reduceReview(s, k, flat, detailMax.current), onDone);
  const [editorNotice, setEditorNotice] = useState<string | undefined>();
  const onKey = (k: KeyPress) => {
    setEditorNotice(undefined);
    if (k.input === 'e' && flat.length > 0 && onOpenEditor && !latest().decision) {
      const { path, finding } = flat[latest().cursor]!;
      // The editor takes over the terminal; the changed notice also makes Ink repaint afterwards.
      void Promise.resolve(onOpenEditor(path, finding.line)).then(
        () => setEditorNotice(`Back from the editor (${path}).`),
        (error: unknown) => setEditorNotice(`Could not open the editor: ${error instanceof Error ? error.message : String(error)}`),
      );
      return;
    }
    handleKey(k);
  };
  useInput((input, key) => toKeyPresses(input, key).forEach(onKey));

  const title = `claude-migrate · review planned edits${vm.target ? ` · target ${vm.target}` : ''}`;
  if (flat.length === 0) {
    return (
      <Box flexDirection="column">
        <Line line={{ text: title, bold: true }} width={width} noColor={noColor} />
        <Text> </Text>
        <Text>No changes.</Text>
        <Text> </Text>
        <KeyHints hints={[['enter', 'continue'], ['q', 'quit']]} width={width} noColor={noColor} />
      </Box>
    );
  }

  const accepted = flat.filter(({ finding: f }) => canApply(f) && !state.suppressed[f.id] && state.status[f.id] === 'accepted').length;
  const skipped = flat.filter(({ finding: f }) => canApply(f) && !state.suppressed[f.id] && state.status[f.id] === 'skipped').length;
  const suppressed = flat.filter(({ finding: f }) => state.suppressed[f.id]).length;
  const counts = `${accepted} accepted · ${skipped} skipped · ${pendingCount(state, flat)} undecided${suppressed ? ` · ${suppressed} suppressed` : ''}`;

  const rowsList = listRows(vm);
  const cursorRow = rowsList.findIndex((r) => r.kind === 'finding' && r.index === state.cursor);
  const hintLines = layoutHints(HINTS, width).length;
  const notice = state.notice ?? editorNotice;
  // Budget (rows - 1 lines so Ink redraws in place): title, counts, list, rule, detail header,
  // detail body, notice, hints. A fixed split keeps the list still while the cursor moves.
  const free = size.rows - 1 - 2 - 1 - 1 - 1 - hintLines;
  const listHeight = Math.max(3, Math.min(rowsList.length, Math.floor(free * 0.45)));
  const detailHeight = Math.max(3, free - listHeight);

  const current = flat[state.cursor]!;
  const f = current.finding;
  const body = detailLines(state, f, width);
  const offset = clampOffset(state.detailOffset, body.length, detailHeight);
  detailMax.current = clampOffset(Infinity, body.length, detailHeight);

  return (
    <Box flexDirection="column">
      <Line line={{ text: title, bold: true }} width={width} noColor={noColor} />
      <Line line={{ text: counts, muted: true }} width={width} noColor={noColor} />
      <FindingList rows={rowsList} cursorRow={cursorRow} height={listHeight} flat={flat} state={state} width={width} noColor={noColor} />
      <Rule width={width} noColor={noColor} />
      <Box>
        <SeverityBadge severity={f.severity} noColor={noColor} />
        <Line line={{ text: ` ${f.rule} · ${f.fix} · ${current.path}:${f.line}` }} width={width - severityLabel(f.severity).length} noColor={noColor} />
      </Box>
      <LinesView lines={body} offset={offset} height={detailHeight} width={width} noColor={noColor} />
      {notice ? <Line line={{ text: notice, color: 'yellow' }} width={width} noColor={noColor} /> : <Text> </Text>}
      <KeyHints hints={HINTS} width={width} noColor={noColor} />
    </Box>
  );
}

function FindingList({ rows, cursorRow, height, flat, state, width, noColor }: { rows: Row[]; cursorRow: number; height: number; flat: FlatFinding[]; state: ReviewState; width: number; noColor?: boolean }) {
  const window = useListWindow(rows.length, cursorRow, height);
  return (
    <Box flexDirection="column">
      {window.above > 0 ? <MoreMarker count={window.above} direction="up" noColor={noColor} /> : null}
      {rows.slice(window.offset, window.offset + window.size).map((row, i) => {
        const key = window.offset + i;
        if (row.kind === 'bucket') return <Line key={key} line={{ text: row.text, bold: true }} width={width} noColor={noColor} />;
        if (row.kind === 'file') return <Line key={key} line={{ text: row.text, color: 'cyan' }} width={width} noColor={noColor} />;
        const f = flat[row.index]!.finding;
        const active = row.index === state.cursor;
        return (
          <Box key={key}>
            <Text color={paint('cyan', noColor)}>{active ? '  › ' : '    '}</Text>
            <Text>{statusMark(state, f)} </Text>
            <Text color={paint(severityColor(f.severity), noColor)}>{severityLabel(f.severity).padEnd(9)}</Text>
            <Line line={{ text: `${f.rule} · line ${f.line} · ${f.fix}`, bold: active }} width={width - 4 - 4 - 9} noColor={noColor} />
          </Box>
        );
      })}
      {window.below > 0 ? <MoreMarker count={window.below} direction="down" noColor={noColor} /> : null}
    </Box>
  );
}
