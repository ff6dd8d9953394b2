/**
 * Python's `str()` and `repr()` of JSON values, as CPython prints them. The `openstack`
 * CLI shows dicts and lists this way (`{'kube_tag': 'v1.27.4'}`, `['10.0.0.5']`), so the
 * ticket-ready dumps must too.
 */

/** A number that Python would hold as a float even when it is integral (JSON `1.0`). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** Python `str(value)`: strings as they are, everything else as `repr`. */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

/** Python `repr(value)` of a JSON-like value (dicts keep insertion order). */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return pyStringRepr(value);
  if (typeof value === 'number') return Number.isInteger(value) && !Object.is(value, -0) ? intRepr(value) : pyFloatRepr(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    const items = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pyStringRepr(k)}: ${pyRepr(v)}`);
    return `{${items.join(', ')}}`;
  }
  return pyStringRepr(String(value));
}

function intRepr(value: number): string {
  // Integers beyond 2**53 arrive as doubles; BigInt prints all their digits as Python would.
  return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
}

/** Python `repr(float)`: shortest round-trip digits, exponent form below 1e-4 or from 1e16. */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa = '0', exponent = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const decpt = Number(exponent) + 1;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const exp = decpt - 1;
  const expText = `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
  return `${sign}${digits[0]}${fraction}e${expText}`;
}

// Python's str.isprintable(): false for Other (Cc, Cf, Cs, Co, Cn) and Separator categories but space.
const NON_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

/** Python `repr(str)`: single quotes unless the text has `'` and no `"`; escapes as CPython. */
export function pyStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    out += escapeChar(ch, quote);
  }
  return out + quote;
}

function escapeChar(ch: string, quote: string): string {
  if (ch === quote || ch === '\\') return `\\${ch}`;
  if (ch === '\t') return '\\t';
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `\\x${hex(code, 2)}`;
  if (code < 0x7f) return ch;
  if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
    if (code <= 0xff) return `\\x${hex(code, 2)}`;
    if (code <= 0xffff) return `\\u${hex(code, 4)}`;
    return `\\U${hex(code, 8)}`;
  }
  return ch;
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}
