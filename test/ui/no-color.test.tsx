// NO_COLOR: with colours forced on in the terminal layer, `noColor` must still strip every colour.
import { vi, describe, expect, test } from 'vitest';

vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

import React from 'react';
import { render } from './helpers.js';
import { ScopeScreen } from '../../src/ui/components/ScopeScreen.js';
import { ReviewScreen } from '../../src/ui/components/ReviewScreen.js';
import { PromptEditsScreen } from '../../src/ui/components/PromptEditsScreen.js';
import { SummaryScreen } from '../../src/ui/components/SummaryScreen.js';
import { promptVm, reviewVm, scopeVm, summaryVm } from './fixtures.js';

// Foreground / background colours: 30-37, 39, 40-47, 49, 90-97, 100-107, 38;5;n and 38;2;r;g;b.
const COLOR_SGR = /\u001B\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;

const screens = {
  scope: (noColor: boolean) => <ScopeScreen vm={scopeVm} onDone={() => {}} noColor={noColor} />,
  review: (noColor: boolean) => <ReviewScreen vm={reviewVm} onDone={() => {}} noColor={noColor} />,
  prompts: (noColor: boolean) => <PromptEditsScreen vm={promptVm} onDone={() => {}} noColor={noColor} />,
  summary: (noColor: boolean) => <SummaryScreen vm={summaryVm} onDone={() => {}} noColor={noColor} />,
};

describe.each(Object.entries(screens))('%s', (_name, screen) => {
  test('colours by default', async () => {
    expect((await render(screen(false))).lastFrame()).toMatch(COLOR_SGR);
  });
  test('no colour escape at all with noColor', async () => {
    expect((await render(screen(true))).lastFrame()).not.toMatch(COLOR_SGR);
  });
});
