import { renderClusterSummary } from '../../../src/render/cluster-summary.js';
import { replaceTicketButton } from '../../../src/render/ticket-button.js';
import { aCluster } from '../../helpers/snapshot-builders.js';

describe('replaceTicketButton', () => {
  it('swaps the "Attach to support ticket" button for the link and keeps everything else', () => {
    const message = renderClusterSummary(aCluster(), { requester: 'U1', now: 0, command: '/kube show dev-a' });
    const link = {
      type: 'button',
      action_id: 'ticket-open',
      text: { type: 'plain_text', text: 'Open Zendesk #1' },
      url: 'https://zd.example/1',
    };

    const replaced = replaceTicketButton(message, link);

    expect(replaced.text).toBe(message.text);
    expect(replaced.blocks?.length).toBe(message.blocks?.length);
    expect(JSON.stringify(replaced.blocks)).not.toContain('"action_id":"ticket-attach"');
    expect(replaced.blocks?.find((b) => (b as { type: string }).type === 'actions')).toEqual({
      type: 'actions',
      block_id: 'cluster-actions',
      elements: [link],
    });
  });
});
