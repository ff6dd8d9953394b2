import type { Message } from '../core/ports.js';
import { context, section } from './blocks.js';
import { code, escapeMrkdwn, mentionUser } from './mrkdwn.js';

/** What was asked, for the thread root and the audit: `--nodes 3 --label a=b`. */
export interface CreateRequestView {
  cluster: string;
  template?: string | undefined;
  nodes?: number | undefined;
  masters?: number | undefined;
  flavor?: string | undefined;
  masterFlavor?: string | undefined;
  keypair?: string | undefined;
  labels: Record<string, string>;
  dockerVolumeSize?: number | undefined;
  timeout?: number | undefined;
}

/** What a label's value shows as: label values are often secrets (`grafana_admin_passwd=...`), so none is shown. */
export const MASKED_LABEL_VALUE = '••••';

/**
 * The command line equivalent of a create request (labels sorted), for the thread root and the
 * audit record: label keys are shown, their values masked, every one of them (a value's key does
 * not reliably say whether it is a secret).
 */
export function createCommandLine(spec: CreateRequestView): string {
  const parts = [`/kube create ${spec.cluster}`];
  const add = (flag: string, value: string | number | undefined) => {
    if (value !== undefined) parts.push(`--${flag} ${value}`);
  };
  add('template', spec.template);
  add('nodes', spec.nodes);
  add('masters', spec.masters);
  add('flavor', spec.flavor);
  add('master-flavor', spec.masterFlavor);
  add('keypair', spec.keypair);
  for (const k of Object.keys(spec.labels).sort((a, b) => a.localeCompare(b))) parts.push(`--label ${k}=${MASKED_LABEL_VALUE}`);
  add('docker-volume-size', spec.dockerVolumeSize);
  add('timeout', spec.timeout);
  return parts.join(' ');
}

/** The thread root of a create. */
export function renderCreateRequested(spec: CreateRequestView, user: string): Message {
  const line = createCommandLine(spec);
  return {
    text: `Create ${spec.cluster} requested by ${user}`,
    blocks: [section(`:building_construction: ${mentionUser(user)} asked to create ${code(spec.cluster)}`), context(code(line))],
  };
}

/** The thread root of a delete or resize request. */
export function renderRequested(verb: string, cluster: string, user: string, detail = ''): Message {
  return {
    text: `${verb} ${cluster} requested by ${user}`,
    blocks: [
      section(
        `${mentionUser(user)} asked to ${escapeMrkdwn(verb.toLowerCase())} ${code(cluster)}${detail ? ` ${escapeMrkdwn(detail)}` : ''}`,
      ),
    ],
  };
}
