import { NotFoundError } from '../../src/core/errors.js';
import type { HeatResource } from '../../src/core/openstack-state.js';
import type { HeatApi } from '../../src/core/ports.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NESTED_DEPTH = 5;

export type Driver = 'heat' | 'other';

/**
 * Heat progress of a cluster's stack. Cluster API drivers put a generated name in stack_id
 * (not a UUID) or one Heat does not know: those are `other` and Heat is not asked again.
 */
export async function heatProgress(
  heat: HeatApi,
  stackId: string | null,
): Promise<{ driver: Driver; heat?: { done: number; total: number } }> {
  if (!stackId || !UUID.test(stackId)) return { driver: 'other' };
  try {
    const resources = await heat.listResources(stackId, NESTED_DEPTH);
    const done = resources.filter((r) => r.status.endsWith('_COMPLETE')).length;
    return { driver: 'heat', heat: { done, total: resources.length } };
  } catch (error) {
    if (error instanceof NotFoundError) return { driver: 'other' };
    throw error;
  }
}

/** The failed resources of a Heat-driver cluster's stack; empty for other drivers or when Heat cannot say. */
export async function failedHeatResources(heat: HeatApi, stackId: string | null): Promise<HeatResource[]> {
  if (!stackId || !UUID.test(stackId)) return [];
  try {
    return (await heat.listResources(stackId, NESTED_DEPTH)).filter((r) => r.status.endsWith('_FAILED'));
  } catch {
    return [];
  }
}

/** All resources of the stack (for the delete-blocked check); empty when there is no Heat stack. */
export async function allHeatResources(heat: HeatApi, stackId: string | null): Promise<HeatResource[]> {
  if (!stackId || !UUID.test(stackId)) return [];
  try {
    return await heat.listResources(stackId, NESTED_DEPTH);
  } catch {
    return [];
  }
}
