import { z } from 'zod';
import { UsageError } from '../src/core/errors.js';
import { jobIdFor } from '../src/core/job-id.js';
import {
  CREATE_FORM,
  CREATE_JOB,
  checkCreateInput,
  parseLabels,
  type CreateField,
  type CreateSpec,
} from '../src/core/requests/create-request.js';
import type { ViewSubmission } from '../src/core/slack-request.js';
import { defineView, type FieldErrors } from './definition.js';

const Metadata = z.object({ channel: z.string().min(1) });
const FIELDS = CREATE_FORM.fields;

/**
 * The create form, submitted: field errors go back in the ack (Slack shows them under the
 * inputs); a valid form is enqueued like `/kube create` with the same flags.
 */
export const createForm = defineView<CreateSpec>({
  name: CREATE_JOB,
  callbackId: CREATE_FORM.callbackId,
  role: 'operator',
  errorField: FIELDS.cluster,
  parse(submission) {
    const meta = Metadata.safeParse(safeJson(submission.privateMetadata));
    if (!meta.success) return { ok: false, errors: { [FIELDS.cluster]: 'This form is out of date: run `/kube create` again.' } };
    const value = (field: CreateField) => submission.values[FIELDS[field]]?.['value']?.trim() || undefined;
    let labels: Record<string, string>;
    try {
      labels = parseLabels((value('labels') ?? '').split(/[\n,]/));
    } catch (error) {
      return { ok: false, errors: { [FIELDS.labels]: error instanceof UsageError ? error.userMessage : 'Invalid labels.' } };
    }
    const raw = Object.fromEntries((Object.keys(FIELDS) as CreateField[]).filter((f) => f !== 'labels').map((f) => [f, value(f)]));
    const checked = checkCreateInput(raw, labels);
    if (checked.ok) return { ok: true, channel: meta.data.channel, value: checked.spec };
    return { ok: false, errors: fieldErrors(checked.issues) };
  },
  async handle(ctx) {
    const origin = { cloud: ctx.cloud, teamId: ctx.submission.teamId, channel: ctx.channel, user: ctx.submission.userId };
    // The view id is unique per opened form: a double submit enqueues once.
    const jobId = jobIdFor(CREATE_JOB, 'view', ctx.submission.viewId);
    await ctx.queue.enqueue(CREATE_JOB, { ...origin, spec: ctx.value }, { jobId });
    ctx.log.info({ channel: ctx.channel, cluster: ctx.value.cluster, jobId }, 'create form enqueued');
    return null;
  },
});

function fieldErrors(issues: readonly { field: CreateField; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[FIELDS[issue.field] ?? FIELDS.cluster] ??= issue.message;
  return errors;
}

function safeJson(text: ViewSubmission['privateMetadata']): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
