/**
 * Flattens Heat's `nested_depth` resource list: each resource gets its parent resource
 * and its path from the top stack, worked out from the `stack` and `nested` links.
 */
import type { HeatResource } from '../core/openstack-state.js';
import type { ResourceBody } from './heat-schema.js';
import { parseUtc } from './time.js';

interface StackRef {
  name: string;
  id: string;
}

/** `.../stacks/{name}/{id}` of a link with the given rel. */
export function stackLink(resource: ResourceBody, rel: string): StackRef | null {
  const href = resource.links?.find((l) => l.rel === rel)?.href;
  const match = href ? /\/stacks\/([^/]+)\/([^/?#]+)\/?(?:[?#].*)?$/.exec(href) : null;
  if (!match?.[1] || !match[2]) return null;
  return { name: decodeURIComponent(match[1]), id: decodeURIComponent(match[2]) };
}

/** Resources of one top stack (and its nested stacks) as HeatResources. */
export function flattenResources(resources: readonly ResourceBody[], topStackName: string): HeatResource[] {
  // Which resource owns each nested stack: nested stack id -> resource.
  const owners = new Map<string, ResourceBody>();
  for (const r of resources) {
    const nested = stackLink(r, 'nested');
    if (nested) owners.set(nested.id, r);
  }
  const paths = new Map<ResourceBody, string[]>();
  const ownerOf = (r: ResourceBody): ResourceBody | undefined => {
    const own = stackLink(r, 'stack');
    const byLink = own ? owners.get(own.id) : undefined;
    if (byLink || !r.parent_resource) return byLink;
    // No links (a minimal server): fall back to the nested-stack resource of that name.
    return resources.find((p) => p.resource_name === r.parent_resource && stackLink(p, 'nested'));
  };
  const pathOf = (r: ResourceBody, seen: Set<ResourceBody>): string[] => {
    const known = paths.get(r);
    if (known) return known;
    const owner = ownerOf(r);
    const path = owner && owner !== r && !seen.has(owner) ? [...pathOf(owner, new Set([...seen, r])), r.resource_name] : [r.resource_name];
    paths.set(r, path);
    return path;
  };
  return resources.map((r) => {
    const owner = ownerOf(r);
    const nested = stackLink(r, 'nested');
    return {
      name: r.resource_name,
      type: r.resource_type ?? '',
      status: r.resource_status ?? 'UNKNOWN',
      statusReason: r.resource_status_reason ?? null,
      physicalId: r.physical_resource_id || null,
      parent: r.parent_resource ?? owner?.resource_name ?? null,
      path: pathOf(r, new Set()),
      stackName: stackLink(r, 'stack')?.name ?? topStackName,
      nestedStackId: nested?.id ?? null,
      updatedAt: parseUtc(r.updated_time ?? r.creation_time),
    };
  });
}
