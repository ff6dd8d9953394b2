import type { ClusterDetail } from '../src/core/cluster.js';
import { renderResizePreview } from '../src/render/resize-preview.js';
import type { JobContext } from './definition.js';
import { jobIdFor } from '../src/core/job-id.js';
import { RESIZE_JOB, type ResizeConfirmation } from '../src/core/requests/resize-request.js';
import type { Origin } from './origin.js';
import { audit } from './mutation.js';
import { issueOnce } from './confirmation-once.js';

export interface ShrinkRequest {
  cluster: ClusterDetail;
  /** The nodegroup as the user named it (absent: Magnum's default worker group). */
  nodegroup: string | undefined;
  /** The group's name for people. */
  groupName: string;
  from: number;
  to: number;
}

/**
 * A resize that removes nodes evicts their pods: post the preview with a single-use Confirm
 * into the thread instead of resizing. The confirmed resize is a new job whose id comes from
 * the confirmation; its `requested` record is written here, under that id.
 */
export async function previewShrink(
  ctx: JobContext,
  where: Origin & { threadTs: string },
  shrink: ShrinkRequest,
  /** Persists the preview's ts before anything else, so a retry posts no second one. */
  remember: (previewTs: string) => Promise<void>,
): Promise<{ awaiting: 'confirmation'; previewTs: string }> {
  const { cluster, from, to } = shrink;
  const params: ResizeConfirmation = {
    cluster: cluster.name,
    uuid: cluster.uuid,
    group: shrink.groupName,
    nodes: to,
    from,
    threadTs: where.threadTs,
    ...(shrink.nodegroup === undefined ? {} : { nodegroup: shrink.nodegroup }),
  };
  const ttlMs = ctx.settings.confirmTtlMs;
  const { token, claim, key } = await issueOnce(ctx, {
    action: RESIZE_JOB,
    params,
    requester: where.user,
    channelId: where.channel,
    ttlMs,
  });
  const preview = renderResizePreview({
    cluster: cluster.name,
    uuid: cluster.uuid,
    nodegroup: shrink.groupName,
    from,
    to,
    user: where.user,
    cloud: where.cloud,
    token,
    expiresInMs: ttlMs,
  });
  const ref = await ctx.slack.post(where.channel, preview, where.threadTs, { key });
  await remember(ref.ts);
  const outcome = `${shrink.groupName} from ${from} to ${to} nodes: preview of ${cluster.uuid}`;
  await audit(ctx, { action: RESIZE_JOB, target: cluster.name, origin: where }, 'requested', outcome, jobIdFor(RESIZE_JOB, claim.id));
  return { awaiting: 'confirmation', previewTs: ref.ts };
}
