/** The "Attach to support ticket" button: its id and the value it carries. */
export const TICKET_JOB = 'ticket-attach';
export const TICKET_ACTION_ID = 'ticket-attach';

/** `REF`, or `REF watch RULE` on a watch incident: a cluster UUID or kubeconfig name, and the rule. */
const VALUE = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,254})(?: watch ([a-z0-9][a-z0-9-]{0,63}))?$/;

/** The button's value for a cluster, or for a watch incident of one rule. */
export function ticketButtonValue(clusterRef: string, watchRule?: string): string {
  return watchRule === undefined ? clusterRef : `${clusterRef} watch ${watchRule}`;
}

/** Reads a button's value back; null when it is not one the bot made. */
export function parseTicketButtonValue(value: string): { cluster: string; watchRule?: string } | null {
  const match = VALUE.exec(value.trim());
  if (!match) return null;
  const [, cluster = '', watchRule] = match;
  return watchRule === undefined ? { cluster } : { cluster, watchRule };
}
