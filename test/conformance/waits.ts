/** Waiting for Magnum through the bot's client, and reading the CLI's `cluster show` at a stable moment. */
import type { ClusterDetail } from '../../src/core/cluster.js';
import { NotFoundError, UpstreamError } from '../../src/core/errors.js';
import type { MagnumApi } from '../../src/core/ports.js';
import { renderClusterShow } from '../../src/render/cluster-show-table.js';
import type { CliResult } from '../fidelity/cli.js';
import type { Target } from './targets.js';

/** Polls through the bot's client until the action completes (or fails). */
export async function waitForStatus(target: Target, api: MagnumApi, uuid: string, action: 'CREATE' | 'UPDATE'): Promise<ClusterDetail> {
  for (let poll = 0; poll < target.maxPolls; poll += 1) {
    const cluster = await api.getCluster(uuid);
    // Real Magnum casts resize to the conductor: right after the 202 the cluster still says CREATE_COMPLETE.
    if (cluster.status === `${action}_COMPLETE` || cluster.status.endsWith('_FAILED')) return cluster;
    await target.tick();
  }
  throw new Error(`${target.name}: cluster ${uuid} did not reach ${action}_COMPLETE in ${target.maxPolls} polls`);
}

/**
 * Polls through the bot's client until Magnum answers 404. Between destroying the nodegroups
 * and the cluster, Magnum answers a GET with 400 "Invalid input for field/attribute
 * master_count" (the sim too); the client retries it and, if it outlasts the retries, says
 * `magnum_mid_delete`: still deleting.
 */
export async function waitForGone(target: Target, api: MagnumApi, uuid: string): Promise<boolean> {
  for (let poll = 0; poll < target.maxPolls; poll += 1) {
    try {
      await api.getCluster(uuid);
    } catch (error) {
      if (error instanceof NotFoundError) return true;
      if (!(error instanceof UpstreamError && error.code === 'magnum_mid_delete')) throw error;
    }
    await target.tick();
  }
  return false;
}

/** The CLI's table and the bot's rendering of a read taken right before and confirmed right after it. */
export async function cliShow(
  api: MagnumApi,
  openstack: (args: string[]) => Promise<CliResult>,
  name: string,
): Promise<{ cli: CliResult; rendered: string }> {
  // The conductor's periodic sync may touch the cluster between two reads: retry until both reads agree.
  let last: { cli: CliResult; rendered: string } | undefined;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const before = renderClusterShow((await api.getCluster(name)).raw);
    const cli = await openstack(['coe', 'cluster', 'show', name]);
    const after = renderClusterShow((await api.getCluster(name)).raw);
    last = { cli, rendered: after };
    if (before === after) return last;
  }
  return last as { cli: CliResult; rendered: string };
}
