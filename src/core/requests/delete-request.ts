/**
 * The delete request and its load balancer cleanup: the buttons, what their confirmations
 * carry, and the jobs they start. Used by `/kube delete`, its buttons and its jobs alike.
 */
import { z } from 'zod';

export const DELETE_JOB = 'cluster-delete';
export const DELETE_PREVIEW_JOB = 'cluster-delete-preview';
export const LOADBALANCERS_DELETE_JOB = 'loadbalancers-delete';

export const DELETE_ACTIONS = { confirm: 'lifecycle-delete-confirm', cancel: 'lifecycle-delete-cancel' } as const;
export const LOADBALANCERS_ACTIONS = { confirm: 'lifecycle-lb-delete-confirm', cancel: 'lifecycle-lb-delete-cancel' } as const;

const Id = z.string().min(1).max(64);

/** The previewed cluster: the delete goes to this UUID, not to whatever has the name when Confirm is clicked. */
export const DeleteConfirmation = z.object({ cluster: z.string().min(1).max(255), uuid: Id });
export type DeleteConfirmation = z.infer<typeof DeleteConfirmation>;

/** The load balancers shown in a failed delete's thread, to delete before the delete is retried. */
export const LoadBalancersConfirmation = z.object({
  cluster: z.string().min(1).max(255),
  uuid: Id,
  loadBalancerIds: z.array(Id).min(1).max(50),
  threadTs: z.string().min(1),
});
export type LoadBalancersConfirmation = z.infer<typeof LoadBalancersConfirmation>;
