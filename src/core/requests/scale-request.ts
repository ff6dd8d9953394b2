/** Scaling a workload to 0: the buttons and what their confirmation carries. */
import { z } from 'zod';

export const SCALE_JOB = 'workload-scale';
export const SCALE_ACTIONS = { confirm: 'workload-scale-confirm', cancel: 'workload-scale-cancel' } as const;

export const SCALABLE_KINDS = ['Deployment', 'StatefulSet', 'ReplicationController'] as const;
export type ScalableKind = (typeof SCALABLE_KINDS)[number];

export const ScaleConfirmation = z.object({
  cluster: z.string().min(1).max(255),
  namespace: z.string().min(1).max(63),
  kind: z.enum(SCALABLE_KINDS),
  name: z.string().min(1).max(253),
});
export type ScaleConfirmation = z.infer<typeof ScaleConfirmation>;

/** The workload as the scale job audits it: `cluster:ns/kind/name`. */
export function scaleTarget(w: ScaleConfirmation): string {
  return `${w.cluster}:${w.namespace}/${w.kind.toLowerCase()}/${w.name}`;
}
