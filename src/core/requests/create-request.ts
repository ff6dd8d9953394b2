/**
 * The create request, in its one shape: what `/kube create` and the create form validate,
 * what the pre-flight's confirmation carries, and what the `cluster-create` job runs.
 */
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { ClusterName } from './names.js';

export const CREATE_USAGE =
  '/kube create NAME [--template T] [--nodes N] [--masters M] [--flavor F] [--master-flavor F] [--keypair K] [--label k=v ...] [--docker-volume-size GB] [--timeout MIN]';

/** The label the bot sets on clusters it creates: a retried create finds and adopts its own cluster. */
export const OPERATION_LABEL = 'kube_chatops_op';

/** The job that creates a cluster. */
export const CREATE_JOB = 'cluster-create';

/** The pre-flight's buttons (a docker volume on an overlay2 template). */
export const CREATE_ACTIONS = {
  withoutVolume: 'lifecycle-create-without-volume',
  withVolume: 'lifecycle-create-with-volume',
  cancel: 'lifecycle-create-cancel',
} as const;

/** The create form: its callback id, and the block id of each input (action id `value` everywhere). */
export const CREATE_FORM = {
  callbackId: 'lifecycle-create',
  fields: {
    cluster: 'name',
    template: 'template',
    nodes: 'nodes',
    masters: 'masters',
    flavor: 'flavor',
    masterFlavor: 'master_flavor',
    keypair: 'keypair',
    labels: 'labels',
    dockerVolumeSize: 'docker_volume_size',
    timeout: 'timeout',
  },
} as const;
export type CreateField = keyof typeof CREATE_FORM.fields;

// OpenStack resource names: printable, no spaces or quotes, so they pass into Magnum as given.
const RESOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,254}$/;
const ResourceName = z.string().regex(RESOURCE_NAME);
const Count = z.number().int().min(1).max(9999);
const LABEL = /^([A-Za-z0-9_./-]{1,63})=([^,]{0,255})$/;

/** A validated create request. Label values may be secrets: they are shown redacted and sealed at rest. */
export const CreateSpec = z.object({
  cluster: ClusterName,
  template: ResourceName.optional(),
  nodes: Count.optional(),
  masters: Count.optional(),
  flavor: ResourceName.optional(),
  masterFlavor: ResourceName.optional(),
  keypair: ResourceName.optional(),
  labels: z.record(z.string(), z.string()).default({}),
  dockerVolumeSize: Count.optional(),
  timeout: Count.optional(),
});
export type CreateSpec = z.infer<typeof CreateSpec>;

/**
 * What the pre-flight's confirmation carries: the request as asked (label keys only, each value
 * empty: values may be secrets and a button's value is signed, not encrypted), the key the
 * values are kept under on the bot's side, and the thread it lives in.
 */
export const CreateConfirmation = z.object({
  spec: CreateSpec,
  labelsRef: z.string().min(1).max(200).optional(),
  threadTs: z.string().min(1),
});
export type CreateConfirmation = z.infer<typeof CreateConfirmation>;

const count = (flag: string, min: number) =>
  z
    .string()
    .regex(/^\d{1,4}$/, { error: `\`--${flag}\` must be a whole number.` })
    .transform(Number)
    .refine((n) => n >= min, { error: `\`--${flag}\` must be at least ${min}.` });

const resourceName = (flag: string) =>
  z.string().regex(RESOURCE_NAME, {
    error: (i) => `\`--${flag}\`: \`${String(i.input).slice(0, 40)}\` is not a valid name.`,
  });

/** The words a user typed (flags or form fields), checked one by one with messages that name the flag. */
const CreateInput = z.object({
  cluster: ClusterName,
  template: resourceName('template').optional(),
  nodes: count('nodes', 1).optional(),
  masters: count('masters', 1).optional(),
  flavor: resourceName('flavor').optional(),
  masterFlavor: resourceName('master-flavor').optional(),
  keypair: resourceName('keypair').optional(),
  labels: z.record(z.string(), z.string()),
  dockerVolumeSize: count('docker-volume-size', 1).optional(),
  timeout: count('timeout', 1).optional(),
});

/** `k=v` words (also comma-joined, as the CLI's --labels takes them) into a label map. */
export function parseLabels(words: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of words.flatMap((w) => w.split(',')).filter((p) => p.trim() !== '')) {
    const m = LABEL.exec(pair.trim());
    if (!m) throw new UsageError(`\`--label ${pair.slice(0, 60)}\` must look like \`key=value\`.`, CREATE_USAGE);
    const [, key = '', value = ''] = m;
    if (key === OPERATION_LABEL) throw new UsageError(`The label \`${OPERATION_LABEL}\` is reserved for the bot.`, CREATE_USAGE);
    labels[key] = value;
  }
  return labels;
}

export type CreateInputIssue = { field: CreateField; message: string };

/**
 * Raw values (from the command line or the form) into a CreateSpec, or the problems found,
 * each with the field it belongs to (the form shows them under its inputs).
 */
export function checkCreateInput(
  raw: Partial<Record<Exclude<CreateField, 'labels'>, string | undefined>>,
  labels: Record<string, string>,
): { ok: true; spec: CreateSpec } | { ok: false; issues: CreateInputIssue[] } {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = CreateInput.safeParse({ ...defined, labels });
  if (parsed.success) return { ok: true, spec: CreateSpec.parse(parsed.data) };
  const issues = parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'cluster') as CreateField, message: issue.message }));
  return { ok: false, issues };
}

/** Raw values into a CreateSpec; the problems become one UsageError. */
export function toCreateSpec(
  raw: Partial<Record<Exclude<CreateField, 'labels'>, string | undefined>>,
  labelWords: readonly string[],
): CreateSpec {
  const checked = checkCreateInput(raw, parseLabels(labelWords));
  if (checked.ok) return checked.spec;
  throw new UsageError(checked.issues.map((i) => i.message).join(' '), CREATE_USAGE);
}
