/** `/kube upgrade`'s confirmation: the buttons and what they carry (what the preview showed). */
import { z } from 'zod';

export const UPGRADE_JOB = 'cluster-upgrade';
export const UPGRADE_ACTIONS = { confirm: 'lifecycle-upgrade-confirm', cancel: 'lifecycle-upgrade-cancel' } as const;

/** Pinned to the previewed cluster, its template then, and the target: the job refuses if the cluster moved meanwhile. */
export const UpgradeConfirmation = z.object({
  cluster: z.string().min(1).max(255),
  uuid: z.string().min(1).max(64),
  /** The template the cluster ran when the preview was shown (uuid). */
  fromTemplate: z.string().min(1).max(64),
  /** The target template's uuid and name. */
  template: z.string().min(1).max(64),
  templateName: z.string().min(1).max(255),
  fromVersion: z.string().min(1).max(64),
  toVersion: z.string().min(1).max(64),
  threadTs: z.string().min(1),
});
export type UpgradeConfirmation = z.infer<typeof UpgradeConfirmation>;
