/** The shrinking resize's confirmation: the buttons and what they carry (the previewed counts). */
import { z } from 'zod';

export const RESIZE_JOB = 'cluster-resize';
export const RESIZE_ACTIONS = { confirm: 'lifecycle-resize-confirm', cancel: 'lifecycle-resize-cancel' } as const;

/** Pinned to the previewed UUID and counts: the job refuses if more nodes would go than were shown. */
export const ResizeConfirmation = z.object({
  cluster: z.string().min(1).max(255),
  uuid: z.string().min(1).max(64),
  /** The nodegroup's name as shown (the default worker group when none was given). */
  group: z.string().min(1).max(255),
  nodegroup: z.string().min(1).max(255).optional(),
  from: z.number().int().min(0),
  nodes: z.number().int().min(0),
  threadTs: z.string().min(1),
});
export type ResizeConfirmation = z.infer<typeof ResizeConfirmation>;
