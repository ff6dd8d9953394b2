import { z } from 'zod';

/** Magnum's cluster name rule (NameType): a letter, then letters, digits, `_`, `.` or `-`. */
export const ClusterName = z
  .string({ error: 'The cluster name is missing.' })
  .max(242, { error: 'The cluster name is longer than 242 characters.' })
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]*$/, {
    error: (issue) =>
      `\`${String(issue.input)}\` is not a valid cluster name: start with a letter, then letters, digits, \`_\`, \`.\` or \`-\`.`,
  });
