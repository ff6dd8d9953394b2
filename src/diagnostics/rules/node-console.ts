import type { Finding } from '../../core/finding.js';
import { matchSignatures } from '../console-signatures.js';
import type { Rule } from '../rule.js';

const WHY = {
  'create-failed': 'its create failed',
  'create-in-progress': 'its create is still running',
  'node-not-ready': 'its node is NotReady',
} as const;

/**
 * Known failure signatures in the Nova console logs the collector read (servers of a failed
 * or hanging create, nodes that are NotReady): one finding per server, quoting the lines.
 * Nothing in the log is judged by time, so the servers' clocks play no part.
 */
export const nodeConsole: Rule = {
  id: 'node-console',
  description: 'Nova console logs of failing servers: heat-container-agent, cloud-init, etcd discovery, disk full, kubelet.',
  run(snapshot) {
    return (snapshot.consoles ?? []).flatMap((console): Finding[] => {
      const matches = matchSignatures(console.lines);
      const first = matches[0];
      if (first === undefined) return [];
      const titles = matches.map((m) => m.signature.title);
      return [
        {
          rule: 'node-console',
          // A failed create is over: its cause is critical. A running create or a NotReady node weighs as the rules about them do.
          severity: console.reason === 'create-failed' ? 'critical' : 'warning',
          title: `Console of ${console.server}: ${titles.join('; ')}`,
          objects: [`openstack/Server/${console.server}`],
          evidence: matches.flatMap((m) => m.lines.map((line) => `${m.signature.id}: ${line}`)),
          explanation: `The bot read the serial console of ${console.server} (Nova's console log) because ${WHY[console.reason]}, and found ${titles.join(', ')}.`,
          remedy: matches.map((m) => m.signature.remedy).join(' '),
          reference: first.signature.reference,
        },
      ];
    });
  },
};
