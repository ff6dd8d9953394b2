import type { NovaServer } from '../core/openstack-state.js';
import type { OpenStackApi } from '../core/ports.js';
import type { ClusterSnapshot, ConsoleReason, NodeConsole } from '../core/snapshot.js';
import type { Part } from './part.js';

/** Lines of each console log read: enough for the failure and what led to it. */
export const CONSOLE_LINES = 200;
/** Servers read per diagnosis at most (masters first). */
const MAX_SERVERS = 4;

/** A regular expression matching the name exactly, for Nova's `name` filter. */
export function exactName(name: string): string {
  return `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}

/** Which servers to read and why: those of a failed or running create (Heat's servers), or NotReady nodes. */
function wanted(snapshot: ClusterSnapshot, servers: NovaServer[]): { server: NovaServer; reason: ConsoleReason }[] {
  const status = snapshot.cluster?.status ?? '';
  if (status === 'CREATE_FAILED' || status === 'CREATE_IN_PROGRESS') {
    const reason: ConsoleReason = status === 'CREATE_FAILED' ? 'create-failed' : 'create-in-progress';
    // The cluster's servers (the name prefix), booted ones only: a server in BUILD or ERROR has no console yet.
    const booted = servers.filter((s) => s.status === 'ACTIVE');
    const masters = booted.filter((s) => /-master-\d+$/.test(s.name));
    return [...masters, ...booted.filter((s) => !masters.includes(s))].map((server) => ({ server, reason }));
  }
  const notReady = new Set(
    (snapshot.kube?.nodes ?? []).filter((n) => n.conditions.find((c) => c.type === 'Ready')?.status !== 'True').map((n) => n.name),
  );
  return servers.filter((s) => notReady.has(s.name)).map((server) => ({ server, reason: 'node-not-ready' }));
}

function needsConsoles(snapshot: ClusterSnapshot): boolean {
  const status = snapshot.cluster?.status ?? '';
  if (status === 'CREATE_FAILED' || status === 'CREATE_IN_PROGRESS') return true;
  return (snapshot.kube?.nodes ?? []).some((n) => n.conditions.find((c) => c.type === 'Ready')?.status !== 'True');
}

/**
 * Node evidence without SSH: the Nova console logs of the servers of a failed or running
 * create, and of NotReady nodes (Magnum names each node after its server). Nothing is read
 * for a healthy cluster; a failure to read becomes a collection problem like any other part.
 */
export async function collectConsoles(openstack: OpenStackApi, snapshot: ClusterSnapshot, part: Part): Promise<NodeConsole[]> {
  const nova = openstack.nova;
  const cluster = snapshot.cluster;
  if (nova === undefined || cluster === null || !needsConsoles(snapshot)) return [];
  const servers = await part('nova', 'servers', () => nova.listServers(`^${exactName(cluster.name).slice(1, -1)}-`));
  if (servers === null) return [];
  const chosen = wanted(snapshot, servers).slice(0, MAX_SERVERS);
  const read = await Promise.all(
    chosen.map(async ({ server, reason }) => {
      const output = await part('nova', `console log of ${server.name}`, () => nova.consoleOutput(server.id, CONSOLE_LINES));
      return output === null
        ? null
        : { server: server.name, serverId: server.id, reason, lines: output.split('\n').filter((l) => l !== '') };
    }),
  );
  return read.filter((c): c is NodeConsole => c !== null);
}
