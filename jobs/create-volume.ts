/**
 * The overlay2 + docker volume pre-flight's "create without the volume". Magnum (15.0,
 * `api/controllers/v1/cluster.py`) copies the template's docker_volume_size into any create
 * that sets none or 0, and its API type refuses values below 1, so a cluster cannot opt out
 * of a volume its template carries. Without the volume then means: the template that is the
 * same in everything but the volume, when the project has one.
 */
import type { ClusterTemplate } from '../src/core/cluster.js';
import { storageDriverOf } from '../src/diagnostics/rules/docker-volume-size-overlay2.js';
import type { WithoutVolumeChoice } from '../src/render/create-preflight.js';

/** Template fields that name, date or share a template rather than shape its clusters. */
const NOT_SHAPING = new Set([
  'uuid',
  'name',
  'links',
  'created_at',
  'updated_at',
  'project_id',
  'user_id',
  'public',
  'hidden',
  'tags',
  'docker_volume_size',
]);

/** The docker volume (GB) a template gives every cluster on overlay2, the known issue; null when it gives none. */
export function templateVolumeOnOverlay2(template: ClusterTemplate): number | null {
  const size = template.dockerVolumeSize ?? 0;
  return size > 0 && storageDriverOf(template) === 'overlay2' ? size : null;
}

/** JSON with sorted keys, so two bodies compare by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function shape(template: ClusterTemplate): string {
  return canonical(Object.fromEntries(Object.entries(template.raw).filter(([key]) => !NOT_SHAPING.has(key))));
}

const byName = (a: ClusterTemplate, b: ClusterTemplate) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const usable = (t: ClusterTemplate, from: ClusterTemplate) => t.uuid !== from.uuid && t.raw['hidden'] !== true && t.coe === from.coe;

/** The template making the same clusters as `template` but without a docker volume (first by name), if any. */
export function sameWithoutVolume(template: ClusterTemplate, templates: readonly ClusterTemplate[]): ClusterTemplate | undefined {
  const wanted = shape(template);
  return templates.filter((t) => usable(t, template) && (t.dockerVolumeSize ?? 0) === 0 && shape(t) === wanted).sort(byName)[0];
}

/** What "create without the volume" means for a create that the pre-flight caught. */
export function withoutVolumeChoice(template: ClusterTemplate, templates: readonly ClusterTemplate[]): WithoutVolumeChoice {
  const size = templateVolumeOnOverlay2(template);
  if (size === null) return { kind: 'omit-size' };
  const twin = sameWithoutVolume(template, templates);
  if (twin) return { kind: 'other-template', from: template.name, template: twin.name };
  const alternatives = templates
    .filter((t) => usable(t, template) && templateVolumeOnOverlay2(t) === null)
    .sort(byName)
    .slice(0, 5)
    .map((t) => t.name);
  return { kind: 'unavailable', from: template.name, size, alternatives };
}
