import { NotFoundError } from '../../src/core/errors.js';
import type { HeatResource } from '../../src/core/openstack-state.js';
import type { HeatApi } from '../../src/core/ports.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NESTED_DEPTH = 5;

/**
 * Heat progress of a Heat-driver cluster's stack (the caller has told the driver from what
 * Magnum says; see core/magnum-driver.ts); null when the stack is not there (yet, or any more).
 */
export async function heatProgress(heat: HeatApi, stackId: string | null): Promise<{ done: number; total: number } | null> {
  if (!stackId || !UUID.test(stackId)) return null;
  try {
    const resources = await heat.listResources(stackId, NESTED_DEPTH);
    const done = resources.filter((r) => r.status.endsWith('_COMPLETE')).length;
    return { done, total: resources.length };
  } catch (error) {
    if (error instanceof NotFoundError) return null;
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
