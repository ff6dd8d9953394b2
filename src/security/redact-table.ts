import { REDACTED, redactText } from './redact.js';

export interface TableRedactOptions {
  /** Fields whose whole value is replaced (not on an allowlist). Matched on the Field column. */
  blankField?: (field: string) => boolean;
}

// One data row of a cliff table: `| field<pad> | value<pad> |`.
const ROW = /^\| (.*?) \| (.*) \|$/;

/**
 * Redacts a CLI table dump (`openstack ... show`) line by line. Rows without secrets are
 * returned byte-identical; a redacted row keeps its width when the new value fits in the
 * cell's padding. Continuation lines of a multi-line cell belong to the field above, and the
 * lines of a PEM block that spans rows are all blanked.
 */
export function redactTableDump(dump: string, options: TableRedactOptions = {}): string {
  let field = '';
  let inPem = false;
  return dump
    .split('\n')
    .map((line) => {
      const row = ROW.exec(line);
      if (!row) return redactText(line);
      const fieldCell = row[1] ?? '';
      const valueCell = row[2] ?? '';
      if (fieldCell.trim() !== '') field = fieldCell.trim();
      const content = valueCell.trimEnd();
      let next: string;
      if (options.blankField?.(field) && content !== '') {
        next = REDACTED;
      } else if (inPem) {
        next = REDACTED;
        if (content.includes('-----END ')) inPem = false;
      } else {
        next = redactText(content);
        if (/-----BEGIN [A-Z0-9 ]+-----/.test(content) && !content.includes('-----END ')) {
          inPem = true;
          next = REDACTED;
        }
      }
      if (next === content) return line;
      return `| ${fieldCell} | ${next.padEnd(valueCell.length)} |`;
    })
    .join('\n');
}
