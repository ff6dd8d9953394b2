/**
 * A diagnosis finding's remedy button (`remedy-<id>`): the remedies the bot can carry out,
 * and what each button's value holds (ids only, as JSON).
 */
import { z } from 'zod';

export const REMEDY_ACTION_PREFIX = 'remedy-';

/** The load balancers a DELETE_FAILED diagnosis found on the cluster's subnet. */
export const DeleteLoadBalancersRemedy = z.object({
  cluster: z.string().min(1).max(255),
  /** Older buttons carried only the UUID, as `cluster`. */
  uuid: z.string().min(1).max(64).optional(),
  loadBalancerIds: z.array(z.string().min(1).max(64)).min(1).max(50),
  /** Who asked for the diagnosis: only they or an admin may click (older buttons: admins only). */
  requester: z.string().min(1).max(32).optional(),
});
export type DeleteLoadBalancersRemedy = z.infer<typeof DeleteLoadBalancersRemedy>;

/** Every remedy id a finding may offer, with the schema of its button's value. */
export const REMEDIES = { 'delete-loadbalancers': DeleteLoadBalancersRemedy } as const;
export type RemedyId = keyof typeof REMEDIES;

/** The button's action id of a remedy. */
export function remedyActionId(id: string): string {
  return `${REMEDY_ACTION_PREFIX}${id}`;
}
