import type { HeatResource } from '../core/openstack-state.js';

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length < path.length && prefix.every((part, i) => path[i] === part);
}

/** `stack.res.res`, the dotted path `openstack stack failures list` prints. */
export function dottedPath(resource: HeatResource, topStackName: string | null): string {
  return [topStackName, ...resource.path].filter((p): p is string => p !== null && p !== '').join('.');
}

/**
 * The deepest failed resources, as `openstack stack failures list` finds them: failed
 * resources reached through failed parents whose own nested stack holds no failed resource.
 */
export function deepestFailed(resources: readonly HeatResource[]): HeatResource[] {
  const failed = resources.filter((r) => r.status.endsWith('FAILED'));
  const byPath = new Map(resources.map((r) => [r.path.join('.'), r]));
  const reachable = failed.filter((r) =>
    r.path.slice(0, -1).every((_, i) => {
      const ancestor = byPath.get(r.path.slice(0, i + 1).join('.'));
      return ancestor === undefined || ancestor.status.endsWith('FAILED');
    }),
  );
  return reachable.filter((r) => !reachable.some((other) => isPrefix(r.path, other.path)));
}

/** Resources still in progress whose nested stack has nothing in progress: where the create waits. */
export function deepestInProgress(resources: readonly HeatResource[]): HeatResource[] {
  const busy = resources.filter((r) => r.status.endsWith('IN_PROGRESS'));
  return busy.filter((r) => !busy.some((other) => isPrefix(r.path, other.path)));
}

/** The newest change of any resource, epoch ms; null when no resource has a time. */
export function lastHeatChange(resources: readonly HeatResource[]): number | null {
  const times = resources.map((r) => r.updatedAt).filter((t): t is number => t !== null);
  return times.length === 0 ? null : Math.max(...times);
}

/** Leaf resources (no nested stack) that are complete, and all leaf resources. */
export function leafProgress(resources: readonly HeatResource[]): { done: number; total: number } {
  const leaves = resources.filter((r) => !resources.some((other) => isPrefix(r.path, other.path)));
  // INIT_COMPLETE means Heat has not started the resource yet.
  return { done: leaves.filter((r) => r.status.endsWith('_COMPLETE') && r.status !== 'INIT_COMPLETE').length, total: leaves.length };
}
