import React from 'react';
import { Text } from 'ink';
import type { Severity } from '../types.js';
import { paint, type Color } from './Lines.js';

const LABEL: Record<Severity, string> = { blocks: '[BLOCKS]', tune: '[TUNE]', info: '[INFO]' };
const COLOR: Record<Severity, Color> = { blocks: 'red', tune: 'yellow', info: 'cyan' };

/** The guide's checklist tags: BLOCKS (400s without the fix), TUNE (optional), INFO. */
export function severityLabel(severity: Severity): string {
  return LABEL[severity];
}

export function severityColor(severity: Severity): Color {
  return COLOR[severity];
}

export function SeverityBadge({ severity, noColor }: { severity: Severity; noColor?: boolean }) {
  return (
    <Text color={paint(COLOR[severity], noColor)} bold>
      {LABEL[severity]}
    </Text>
  );
}
