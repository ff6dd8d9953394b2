import type { ClusterDetail } from '../src/core/cluster.js';
import { renderResizePreview } from '../src/render/resize-preview.js';
import type { JobContext } from './definition.js';
import { audit, lifecycleOf, type AuditFields } from './tracking/lifecycle.js';

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
  where: AuditFields & { threadTs: string },
  shrink: ShrinkRequest,
  /** Persists the preview's ts before anything else, so a retry posts no second one. */
  remember: (previewTs: string) => Promise<void>,
): Promise<{ awaiting: 'confirmation'; previewTs: string }> {
  const lifecycle = lifecycleOf(ctx);
  const { cluster, from, to } = shrink;
  const { token, claim } = lifecycle.confirmations.issueWithClaim({
    action: 'cluster-resize',
    params: {
      cluster: cluster.name,
      uuid: cluster.uuid,
      group: shrink.groupName,
      nodes: to,
      from,
      threadTs: where.threadTs,
      ...(shrink.nodegroup === undefined ? {} : { nodegroup: shrink.nodegroup }),
    },
    requester: where.user,
    channelId: where.channel,
    ttlMs: lifecycle.confirmTtlMs,
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
    expiresInMs: lifecycle.confirmTtlMs,
  });
  const ref = await ctx.slack.post(where.channel, preview, where.threadTs);
  await remember(ref.ts);
  await audit(ctx, where, {
    action: 'cluster-resize',
    target: cluster.name,
    decision: 'requested',
    jobId: `cluster-resize-${claim.id}`,
    outcome: `${shrink.groupName} from ${from} to ${to} nodes: preview of ${cluster.uuid}`,
  });
  return { awaiting: 'confirmation', previewTs: ref.ts };
}
