// Display helpers for untrusted text (paths, code, prompts) in a fixed-size terminal frame.

const TAB = '    ';

/**
 * One display line: tabs expanded, newlines flattened, control characters shown as their Unicode
 * control pictures. Ink passes SGR and OSC sequences through, so raw file text could otherwise
 * recolour the screen, write hyperlinks or reach the clipboard (OSC 52).
 */
export function cleanLine(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/\t/g, TAB)
    .replace(/[\u0000-\u001f\u007f\u0080-\u009f]/g, (c) => {
      const code = c.charCodeAt(0);
      if (code < 0x20) return String.fromCharCode(0x2400 + code);
      return code === 0x7f ? '\u2421' : '\ufffd';
    });
}

/** Text split into clean display lines (a trailing CR of CRLF files dropped). */
export function cleanLines(text: string): string[] {
  return text.split('\n').map((line) => cleanLine(line.replace(/\r$/, '')));
}

/** Terminal cells a code point takes: 0 for combining marks, 2 for wide East Asian and emoji. */
function cellWidth(codePoint: number): number {
  if ((codePoint >= 0x300 && codePoint <= 0x36f) || (codePoint >= 0x200b && codePoint <= 0x200f) || (codePoint >= 0xfe00 && codePoint <= 0xfe0f)) return 0;
  if (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf && codePoint !== 0x303f) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += cellWidth(char.codePointAt(0)!);
  return width;
}

/** Cut to `width` cells, ending with `…` when something was cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = cellWidth(char.codePointAt(0)!);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return out + '…';
}

/** Split into pieces of at most `width` cells (for code, where every character matters). */
export function hardWrap(text: string, width: number): string[] {
  if (width <= 0) return [text];
  const pieces: string[] = [];
  let current = '';
  let used = 0;
  for (const char of text) {
    const w = cellWidth(char.codePointAt(0)!);
    if (used + w > width && current !== '') {
      pieces.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += w;
  }
  pieces.push(current);
  return pieces;
}

/** Word-wrap prose to `width` cells; at most `maxLines` lines, the last ending in `…` if clipped. */
export function wordWrap(text: string, width: number, maxLines = Infinity): { lines: string[]; clipped: boolean } {
  const lines: string[] = [];
  for (const paragraph of cleanLines(text)) {
    let current = '';
    for (const word of paragraph.split(/ +/).filter((w) => w !== '')) {
      const candidate = current === '' ? word : `${current} ${word}`;
      if (displayWidth(candidate) <= width) {
        current = candidate;
        continue;
      }
      if (current !== '') lines.push(current);
      const pieces = hardWrap(word, width);
      lines.push(...pieces.slice(0, -1));
      current = pieces[pieces.length - 1]!;
    }
    lines.push(current);
  }
  if (lines.length <= maxLines) return { lines, clipped: false };
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]} …`, width);
  return { lines: kept, clipped: true };
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The slice of a list to show in `height` lines so that `cursor` stays visible, scrolling only
 * when the cursor leaves the window (`previousOffset` is the last window's start). When the list
 * does not fit, one line above and one below are kept for the "↑ n more" / "↓ n more" markers.
 */
export function listWindow(total: number, cursor: number, height: number, previousOffset: number): { offset: number; size: number; above: number; below: number } {
  if (total <= height) return { offset: 0, size: total, above: 0, below: 0 };
  const size = Math.max(1, height - 2);
  let offset = Math.min(Math.max(0, previousOffset), total - size);
  if (cursor < offset) offset = cursor;
  if (cursor >= offset + size) offset = cursor - size + 1;
  return { offset, size, above: offset, below: total - offset - size };
}
