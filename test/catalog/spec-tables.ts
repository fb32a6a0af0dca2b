// Reads the Markdown tables of the spec at test time, so a catalogue that drifts from the spec fails.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** spec/ in the repository: the published guide and catalogue the tests hold the code to (kept equal to ../shared/spec/ by test/spec.test.ts). */
export const SPEC_DIR = fileURLToPath(new URL('../../spec/', import.meta.url));

export function readSpec(name: 'models.md' | 'model-migration.md'): string | undefined {
  const path = SPEC_DIR + name;
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export type Row = Record<string, string>;

function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

/** The first table after the heading whose text starts with `heading`; rows keyed by header text. */
export function tableAfter(markdown: string, heading: string): Row[] {
  const lines = markdown.split('\n');
  const at = lines.findIndex((l) => /^#{1,6} /.test(l) && l.replace(/^#+ /, '').trim().startsWith(heading));
  if (at === -1) throw new Error(`heading not found in spec: ${heading}`);
  let i = at + 1;
  while (i < lines.length && !lines[i].trim().startsWith('|')) {
    if (/^#{1,6} /.test(lines[i])) throw new Error(`no table under heading: ${heading}`);
    i++;
  }
  const header = cells(lines[i]);
  const rows: Row[] = [];
  for (i += 2; i < lines.length && lines[i].trim().startsWith('|'); i++) {
    const values = cells(lines[i]);
    rows.push(Object.fromEntries(header.map((h, k) => [h, values[k] ?? ''])));
  }
  if (rows.length === 0) throw new Error(`empty table under heading: ${heading}`);
  return rows;
}

/** Every backticked span of a cell. */
export function ticks(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `Feb 19, 2026`, `June 15, 2026` or `2026-08-05` (anywhere in the cell) -> ISO; undefined if none. */
export function isoDate(cell: string): string | undefined {
  const iso = /\b(\d{4}-\d{2}-\d{2})\b/.exec(cell);
  if (iso) return iso[1];
  const m = /\b([A-Z][a-z]+)\.? (\d{1,2}), (\d{4})\b/.exec(cell);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1].slice(0, 3).toLowerCase());
  if (month === -1) return undefined;
  return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[2].padStart(2, '0')}`;
}

/** `1M`, `200K`, `128K` -> tokens. */
export function tokenCount(cell: string): number {
  const m = /^(\d+)\s*([KM])$/.exec(cell.trim());
  if (!m) throw new Error(`not a token count: ${cell}`);
  return Number(m[1]) * (m[2] === 'M' ? 1_000_000 : 1_000);
}

/** `Opus 4.0 / 4.1 / 4.5 / Opus 3` -> [[opus, 4], [opus, 4.1], [opus, 4.5], [opus, 3]] (family carried over). */
export function familyVersions(cell: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  let family = '';
  for (const part of cell.split('/').map((p) => p.trim())) {
    const m = /^(?:([A-Za-z]+) )?(\d+(?:\.\d+)?)$/.exec(part);
    if (!m) throw new Error(`not a family/version list: ${cell}`);
    if (m[1]) family = m[1].toLowerCase();
    out.push([family, Number(m[2])]);
  }
  return out;
}
