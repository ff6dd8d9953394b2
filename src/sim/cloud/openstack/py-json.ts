/**
 * JSON as Python's `json.dumps` writes it (", " and ": " separators, non-ASCII escaped),
 * so byte-level comparisons with captures of the real services line up.
 */
export function pyJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(pyJson).join(', ')}]`;
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${pyString(k)}: ${pyJson(v)}`);
    return `{${parts.join(', ')}}`;
  }
  if (typeof value === 'string') return pyString(value);
  return JSON.stringify(value);
}

function pyString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
