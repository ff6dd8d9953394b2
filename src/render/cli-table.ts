/**
 * Tables as the `openstack` CLI prints them with `-f table` when stdout is not a terminal:
 * cliff's TableFormatter over prettytable (padding 1, `+---+` rules, no width limit).
 * Widths count terminal cells the way prettytable does (wcwidth: East Asian wide = 2,
 * combining marks = 0, a control character makes the whole line count -1).
 */
import { PyFloat, pyStr } from './py-repr.js';

export type Align = 'l' | 'r' | 'c';

/** Python's wcwidth 0.2.5 East Asian wide ranges (Unicode 15), as hex gap+length pairs. */
const WIDE_PACKED =
  '1100+5f,11bb+1,e+1,bf+3,4+0,3+0,20a+1,16+1,33+b,2c+0,14+0,e+0,9+1,12+1,6+1,9+0,6+0,16+0,8+1,2+0,5+0,' +
  '3+0,8+0,5+1,1d+0,24+0,2+0,5+2,2+0,3e+2,19+0,f+0,35c+1,34+0,5+0,32b+19,2+58,d+d5,1b+b,5+3e,3+55,3+66,' +
  '6+2a,2+5d,2+53,d+2e,2+27,9+1b6f,41+568c,4+36,49a+1c,284+2ba3,215d+1ff,311+9,17+22,2+12,2+3,96+5f,80+' +
  '6,6ffa+4,c+1,f+17f7,9+4d5,2b+8,22e8+3,2+6,2+1,2+122,10+0,1e+2,3+0,f+3,9+18b,3d09+0,cb+0,bf+0,3+9,66+' +
  '2,e+2b,5+8,8+1,f+5,9b+20,d+8,2+45,2+15,d+2a,5+4,d+10,4+0,4+46,2+0,2+ba,3+3e,e+3,2+17,13+0,1b+1,e+0,5' +
  '7+54,31+45,7+0,4+2,3+2,5+3,c+1,8+8,e4+b,5+0,11c+2e,2+9,2+b8,71+c,4+8,8+2d,2+6,9+d,5+8,8+8,508+fffd,3' +
  '+fffd';

let wideRanges: readonly (readonly [number, number])[] | undefined;

function wide(): readonly (readonly [number, number])[] {
  if (wideRanges) return wideRanges;
  let end = 0;
  wideRanges = WIDE_PACKED.split(',').map((pair) => {
    const [gap = '0', length = '0'] = pair.split('+');
    const start = end + parseInt(gap, 16);
    end = start + parseInt(length, 16);
    return [start, end] as const;
  });
  return wideRanges;
}

function isWide(code: number): boolean {
  const ranges = wide();
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = ranges[mid] ?? [0, 0];
    if (code < start) hi = mid - 1;
    else if (code > end) lo = mid + 1;
    else return true;
  }
  return false;
}

const ZERO_WIDTH_CF = new Set([
  0, 0x34f, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060, 0x2061, 0x2062, 0x2063,
]);
const COMBINING = /^[\p{Mn}\p{Me}]$/u;
// prettytable strips these colour escapes before measuring.
// eslint-disable-next-line no-control-regex -- matching ESC is the point
const ANSI = /\x1b\[[0-9;]*m|\x1b\(B/g;

function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (ZERO_WIDTH_CF.has(code)) return 0;
  if (code < 32 || (code >= 0x7f && code < 0xa0)) return -1;
  if (COMBINING.test(ch)) return 0;
  return isWide(code) ? 2 : 1;
}

/** wcwidth.wcswidth of one line after prettytable's escape stripping; -1 if unprintable. */
export function displayWidth(line: string): number {
  let width = 0;
  for (const ch of line.replace(ANSI, '')) {
    const w = charWidth(ch);
    if (w < 0) return -1;
    width += w;
  }
  return width;
}

function blockWidth(text: string): number {
  return Math.max(...text.split('\n').map(displayWidth));
}

function justify(text: string, width: number, align: Align): string {
  const textWidth = displayWidth(text);
  const excess = Math.max(0, width - textWidth);
  if (align === 'l') return text + ' '.repeat(excess);
  if (align === 'r') return ' '.repeat(excess) + text;
  const half = Math.floor(excess / 2);
  if (excess % 2 === 0) return ' '.repeat(half) + text + ' '.repeat(half);
  // str.center(): the odd space goes right for odd-width text, left for even-width text.
  return textWidth % 2 ? ' '.repeat(half) + text + ' '.repeat(half + 1) : ' '.repeat(half + 1) + text + ' '.repeat(half);
}

/** prettytable `get_string()` of already-stringified cells; '' when there are no rows. */
export function renderPrettyTable(fieldNames: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string {
  if (rows.length === 0) return '';
  const widths = fieldNames.map((name, i) => Math.max(blockWidth(name), ...rows.map((row) => blockWidth(row[i] ?? ''))));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (cells: readonly string[]): string =>
    `|${cells.map((cell, i) => ` ${justify(cell, widths[i] ?? 0, align[i] ?? 'l')} `).join('|')}|`;
  const out = [rule, line(fieldNames), rule];
  for (const row of rows) {
    const cellLines = fieldNames.map((_, i) => (row[i] ?? '').split('\n'));
    const height = Math.max(...cellLines.map((lines) => lines.length));
    for (let y = 0; y < height; y += 1) out.push(line(cellLines.map((lines) => lines[y] ?? '')));
  }
  out.push(rule);
  return out.join('\n');
}

/** cliff's `_format_row` + prettytable's `str()` of one value. */
export function cliCell(value: unknown): string {
  const text = pyStr(value);
  return typeof value === 'string' ? text.replace(/\r\n/g, '\n').replace(/\r/g, ' ') : text;
}

/** `openstack ... show -f table`: a Field/Value table, trailing newline included. */
export function renderShowOneTable(fields: readonly (readonly [string, unknown])[]): string {
  const rows = fields.map(([name, value]) => [cliCell(name), cliCell(value)]);
  return `${renderPrettyTable(['Field', 'Value'], rows, ['l', 'l'])}\n`;
}

/**
 * `openstack ... list -f table`: numbers right-aligned when the first row's value is a
 * number (cliff looks at the first row only). cliff prints a lone newline for no rows.
 */
export function renderListTable(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const first = rows[0] ?? [];
  const align = columns.map((_, i): Align => (isPyNumber(first[i]) ? 'r' : 'l'));
  return `${renderPrettyTable(
    columns,
    rows.map((row) => columns.map((_, i) => cliCell(row[i]))),
    align,
  )}\n`;
}

function isPyNumber(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'bigint' || value instanceof PyFloat;
}
