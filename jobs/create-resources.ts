/**
 * Before a create reaches Magnum: the flavors and the keypair it will use exist (Magnum's
 * own checks, `validate_flavor` and `validate_keypair`, asked of Nova first, so a typo gets
 * a specific answer and nothing is reserved or created). Best effort: a cloud without a
 * compute endpoint, or one that forbids the call, skips the check and Magnum decides.
 */
import type { ClusterTemplate } from '../src/core/cluster.js';
import { isBotError, UpstreamError, UsageError } from '../src/core/errors.js';
import type { Flavor, NovaApi } from '../src/core/ports.js';
import { closestNames } from './closest-names.js';
import type { JobContext } from './definition.js';

/** The parts of a create request that name Nova resources. */
export interface CreateResourceRequest {
  flavor?: string | undefined;
  masterFlavor?: string | undefined;
  keypair?: string | undefined;
}

/** A name the create would use and where it comes from: the request's flag or the template. */
interface Wanted {
  name: string;
  flag: '--flavor' | '--master-flavor' | '--keypair';
  role: string;
  fromTemplate: boolean;
}

/** Inline code for a name in a user message (the error renderer escapes the rest). */
export function quote(name: string): string {
  return '`' + name.replace(/`/g, 'ˋ') + '`';
}

/** Throws a UsageError naming every flavor or keypair the create would use that Nova does not have. */
export async function checkCreateResources(
  ctx: JobContext,
  cloud: string,
  spec: CreateResourceRequest,
  template: ClusterTemplate,
): Promise<void> {
  const nova = ctx.openstack(cloud).nova;
  if (!nova) {
    ctx.log.debug({ cloud }, 'no compute client: flavors and keypair not checked');
    return;
  }
  const [flavors, keypair] = await Promise.all([flavorProblems(ctx, nova, spec, template), keypairProblems(ctx, nova, spec, template)]);
  const problems = [...flavors, ...keypair];
  if (problems.length > 0) throw new UsageError(`${problems.join('\n')}\nNothing was created.`);
}

function wantedFlavors(spec: CreateResourceRequest, template: ClusterTemplate): Wanted[] {
  const out: Wanted[] = [];
  const node = spec.flavor ?? template.flavorId;
  if (node) out.push({ name: node, flag: '--flavor', role: 'node flavor', fromTemplate: spec.flavor === undefined });
  const master = spec.masterFlavor ?? template.masterFlavorId;
  if (master) out.push({ name: master, flag: '--master-flavor', role: 'master flavor', fromTemplate: spec.masterFlavor === undefined });
  return out;
}

async function flavorProblems(ctx: JobContext, nova: NovaApi, spec: CreateResourceRequest, template: ClusterTemplate): Promise<string[]> {
  const wanted = wantedFlavors(spec, template);
  if (wanted.length === 0) return [];
  const flavors = await bestEffort(ctx, 'flavors', () => nova.listFlavors());
  if (flavors === null) return [];
  // Magnum accepts a flavor by name or by id.
  const missing = wanted.filter((w) => !flavors.some((f: Flavor) => f.name === w.name || f.id === w.name));
  return groupByName(missing).map((same) => {
    const [first] = same;
    const name = first?.name ?? '';
    return `There is no flavor ${quote(name)} (${origin(same, template)}). ${suggest(
      'Flavors',
      name,
      flavors.map((f) => f.name),
    )}`;
  });
}

async function keypairProblems(ctx: JobContext, nova: NovaApi, spec: CreateResourceRequest, template: ClusterTemplate): Promise<string[]> {
  const fromTemplate =
    typeof template.raw['keypair_id'] === 'string' && template.raw['keypair_id'] !== '' ? template.raw['keypair_id'] : undefined;
  const name = spec.keypair ?? fromTemplate;
  if (name === undefined) return [];
  const exists = await bestEffort(ctx, 'keypair', () => nova.hasKeypair(name));
  if (exists !== false) return [];
  const wanted: Wanted = { name, flag: '--keypair', role: 'keypair', fromTemplate: spec.keypair === undefined };
  // Keypairs belong to an OpenStack user: the one whose credentials the bot uses.
  const line = `The bot's OpenStack user has no keypair ${quote(name)} (${origin([wanted], template)}).`;
  const known = await bestEffort(ctx, 'keypair list', () => nova.listKeypairs());
  if (known === null) return [line];
  if (known.length === 0)
    return [
      `${line} It has none: create one for that user with \`openstack keypair create\`${wanted.fromTemplate ? '' : ', or leave `--keypair` out'}.`,
    ];
  return [`${line} ${suggest('Its keypairs', name, known)}`];
}

/** Where the names came from: `given as --flavor`, or the template's, with the flag that overrides it. */
function origin(same: readonly Wanted[], template: ClusterTemplate): string {
  const roles = same.map((w) => w.role).join(' and ');
  const flags = same.map((w) => `\`${w.flag}\``).join(' and ');
  if (same.every((w) => w.fromTemplate)) return `the ${roles} of template ${quote(template.name)}; choose another with ${flags}`;
  return `given as ${flags}`;
}

/** The node and master flavor under one line when they name the same missing flavor the same way. */
function groupByName(missing: readonly Wanted[]): Wanted[][] {
  const groups = new Map<string, Wanted[]>();
  for (const w of missing) {
    const key = `${w.fromTemplate ? 'template' : 'flag'}/${w.name}`;
    groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  return [...groups.values()];
}

function suggest(label: string, wanted: string, known: readonly string[]): string {
  if (known.length === 0) return 'Nova lists none for this project.';
  const { names, more } = closestNames(wanted, known);
  return `${label}, closest first: ${names.map(quote).join(', ')}${more > 0 ? ` and ${more} more` : ''}.`;
}

/** The answer, or null when Nova cannot be asked (no compute endpoint, forbidden, unavailable): Magnum checks again. */
async function bestEffort<T>(ctx: JobContext, what: string, call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (!isBotError(error)) throw error;
    const upstream =
      error instanceof UpstreamError ? error : error instanceof Error && error.cause instanceof UpstreamError ? error.cause : undefined;
    const meta = { what, code: upstream?.code, status: upstream?.status };
    if (upstream?.code === 'service_not_in_catalog' || upstream?.status === 403) ctx.log.info(meta, 'nova check skipped');
    else ctx.log.warn({ ...meta, err: error }, 'nova check failed, skipped');
    return null;
  }
}
