import React from 'react';
import type { DiffLine } from '../types.js';
import { cleanLine, hardWrap } from '../text.js';
import { LinesView, type StyledLine } from './Lines.js';

/** Diff lines as display lines: `- old` red, `+ new` green, context grey; long lines wrap, never cut. */
export function diffToLines(diff: DiffLine[], width: number): StyledLine[] {
  const out: StyledLine[] = [];
  for (const { kind, text } of diff) {
    const color = kind === '+' ? 'green' : kind === '-' ? 'red' : undefined;
    const pieces = hardWrap(cleanLine(text.replace(/\r$/, '')), Math.max(1, width - 2));
    pieces.forEach((piece, i) => {
      out.push({ text: `${i === 0 ? kind : ' '} ${piece}`, color, muted: kind === ' ' });
    });
  }
  return out;
}

export function DiffView({ diff, offset = 0, height, width, noColor }: { diff: DiffLine[]; offset?: number; height: number; width: number; noColor?: boolean }) {
  const lines = diff.length === 0 ? [{ text: 'No changes.', muted: true }] : diffToLines(diff, width);
  return <LinesView lines={lines} offset={offset} height={height} width={width} noColor={noColor} />;
}
