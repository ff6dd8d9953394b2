import { z } from 'zod';
import { UsageError } from '../../core/errors.js';
import type { ViewSubmission } from '../../core/slack-request.js';
import { CREATE_FIELDS, type CreateField } from '../../render/create-modal.js';
import { CreateSpec, parseLabels } from '../../../commands/create.js';
import { jobIdFor } from '../../../commands/enqueue.js';
import type { ActionDeps } from './redeem.js';

const Metadata = z.object({ channel: z.string().min(1) });

/**
 * The create form, submitted: field errors go back in the ack (Slack shows them under the
 * inputs); a valid form is enqueued like `/kube create` with the same flags.
 */
export async function submitCreateForm(submission: ViewSubmission, deps: ActionDeps): Promise<Record<string, string> | null> {
  const meta = Metadata.safeParse(safeJson(submission.privateMetadata));
  if (!meta.success) return { [CREATE_FIELDS.cluster]: 'This form is out of date: run `/kube create` again.' };
  const channel = meta.data.channel;
  const value = (field: CreateField) => submission.values[CREATE_FIELDS[field]]?.['value']?.trim() || undefined;

  let labels: Record<string, string>;
  try {
    labels = parseLabels((value('labels') ?? '').split(/[\n,]/));
  } catch (error) {
    return { [CREATE_FIELDS.labels]: error instanceof UsageError ? error.userMessage : 'Invalid labels.' };
  }
  const raw: Record<string, unknown> = { labels };
  for (const field of Object.keys(CREATE_FIELDS) as CreateField[]) {
    if (field === 'labels') continue;
    const v = value(field);
    if (v !== undefined) raw[field] = v;
  }
  const parsed = CreateSpec.safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'cluster') as CreateField;
      const block = CREATE_FIELDS[field] ?? CREATE_FIELDS.cluster;
      errors[block] ??= issue.message;
    }
    return errors;
  }
  const actor = { userId: submission.userId, channelId: channel };
  const decision = await deps.access.authorize(actor, 'operator', 'create');
  if (!decision.allowed) return { [CREATE_FIELDS.cluster]: decision.message.slice(0, 150) };
  const origin = { cloud: deps.access.cloudFor(channel), teamId: submission.teamId, channel, user: submission.userId };
  // The view id is unique per opened form: a double submit enqueues once.
  await deps.queue.enqueue(
    'cluster-create',
    { ...origin, spec: parsed.data },
    { jobId: jobIdFor('cluster-create', 'view', submission.viewId) },
  );
  deps.logger.info({ channel, cluster: parsed.data.cluster }, 'create form enqueued');
  return null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
