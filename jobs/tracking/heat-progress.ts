import type { HeatResource, HeatStackEntry } from '../../src/core/openstack-state.js';
import type { HeatApi } from '../../src/core/ports.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NESTED_DEPTH = 5;

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

/** The project's stack list (nested stacks included) indexed for `stackTreeProgress`. */
export interface StackIndex {
  byId: ReadonlyMap<string, HeatStackEntry>;
  children: ReadonlyMap<string, readonly HeatStackEntry[]>;
}

export function indexStacks(stacks: readonly HeatStackEntry[]): StackIndex {
  const byId = new Map(stacks.map((s) => [s.id, s]));
  const children = new Map<string, HeatStackEntry[]>();
  for (const s of stacks) if (s.parent !== null) children.set(s.parent, [...(children.get(s.parent) ?? []), s]);
  return { byId, children };
}

/**
 * Heat progress of a Heat-driver cluster from the project's stack list: the stacks of its tree
 * (the top stack and its nested ones: network, load balancers, each node) that are complete,
 * against all of them. Null when the stack is not listed (yet, or any more).
 */
export function stackTreeProgress(index: StackIndex, stackId: string | null): { done: number; total: number } | null {
  const top = stackId ? index.byId.get(stackId) : undefined;
  if (!top) return null;
  let done = 0;
  let total = 0;
  const seen = new Set<string>();
  const walk = (stack: HeatStackEntry): void => {
    if (seen.has(stack.id)) return;
    seen.add(stack.id);
    total += 1;
    if (stack.status.endsWith('_COMPLETE')) done += 1;
    for (const child of index.children.get(stack.id) ?? []) walk(child);
  };
  walk(top);
  return { done, total };
}
