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

/** The job of the "delete the finished bootstrap job" remedy (Kolla-Kubernetes known issue 1). */
export const BOOTSTRAP_JOB_DELETE_JOB = 'bootstrap-job-delete';

/** The finished job whose pod still holds a PVC another pod waits for, as the diagnosis found it. */
export const DeleteBootstrapJobRemedy = z.object({
  cluster: z.string().min(1).max(255),
  namespace: z.string().min(1).max(63),
  job: z.string().min(1).max(253),
  /** The PVC the job's pod holds: the job re-checks that it still does. */
  claim: z.string().min(1).max(253),
  requester: z.string().min(1).max(32).optional(),
});
export type DeleteBootstrapJobRemedy = z.infer<typeof DeleteBootstrapJobRemedy>;

/** The job of the "recreate without the docker volume" remedy (overlay2 + docker_volume_size). */
export const RECREATE_JOB = 'cluster-recreate';

/** The Magnum cluster whose pods fail on the overlay2 docker volume, as the diagnosis found it. */
export const RecreateWithoutVolumeRemedy = z.object({
  cluster: z.string().min(1).max(255),
  uuid: z.string().min(1).max(64),
  requester: z.string().min(1).max(32).optional(),
});
export type RecreateWithoutVolumeRemedy = z.infer<typeof RecreateWithoutVolumeRemedy>;

/** Every remedy id a finding may offer, with the schema of its button's value. */
export const REMEDIES = {
  'delete-loadbalancers': DeleteLoadBalancersRemedy,
  'delete-bootstrap-job': DeleteBootstrapJobRemedy,
  'recreate-without-volume': RecreateWithoutVolumeRemedy,
} as const;
export type RemedyId = keyof typeof REMEDIES;

/** The button's action id of a remedy. */
export function remedyActionId(id: string): string {
  return `${REMEDY_ACTION_PREFIX}${id}`;
}
