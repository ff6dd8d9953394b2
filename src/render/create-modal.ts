import { CREATE_FORM, type CreateField } from '../core/requests/create-request.js';
const CREATE_FIELDS = CREATE_FORM.fields;

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
    callback_id: CREATE_FORM.callbackId,
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
