/** The `/kube create` form: opened by the web process when the command has no arguments. */
export const CREATE_MODAL_CALLBACK = 'lifecycle-create';

/** block_id of each input; action_id is `value` everywhere. */
export const CREATE_FIELDS = {
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
} as const;
export type CreateField = keyof typeof CREATE_FIELDS;

function input(
  field: CreateField,
  label: string,
  opts: { optional?: boolean; hint?: string; placeholder?: string; multiline?: boolean } = {},
): object {
  return {
    type: 'input',
    block_id: CREATE_FIELDS[field],
    optional: opts.optional ?? true,
    label: { type: 'plain_text', text: label },
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      ...(opts.multiline ? { multiline: true } : {}),
      ...(opts.placeholder ? { placeholder: { type: 'plain_text', text: opts.placeholder } } : {}),
    },
    ...(opts.hint ? { hint: { type: 'plain_text', text: opts.hint } } : {}),
  };
}

/** The modal view; `private_metadata` carries the channel the thread goes to (no secrets). */
export function renderCreateModal(opts: { channel: string }): object {
  return {
    type: 'modal',
    callback_id: CREATE_MODAL_CALLBACK,
    private_metadata: JSON.stringify({ channel: opts.channel }),
    title: { type: 'plain_text', text: 'Create a cluster' },
    submit: { type: 'plain_text', text: 'Create' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      input('cluster', 'Name', { optional: false, hint: 'A letter, then letters, digits, _ . or -', placeholder: 'prod-b' }),
      input('template', 'Cluster template', { placeholder: 'k8s-1.27-no-volume' }),
      input('nodes', 'Worker nodes', { placeholder: '1' }),
      input('masters', 'Masters', { placeholder: '1' }),
      input('flavor', 'Worker flavor'),
      input('masterFlavor', 'Master flavor'),
      input('keypair', 'Keypair'),
      input('labels', 'Labels', { multiline: true, hint: 'key=value, one per line or comma-separated' }),
      input('dockerVolumeSize', 'Docker volume size (GB)', {
        hint: 'Leave empty on overlay2 templates (known issue: pods stay in ContainerCreating)',
      }),
      input('timeout', 'Create timeout (minutes)', { placeholder: '60' }),
    ],
  };
}
