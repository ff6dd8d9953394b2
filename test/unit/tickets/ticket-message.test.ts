import { sinkFailedMessage, ticketLinkButton, ticketReferenceMessage } from '../../../src/tickets/ticket-message.js';

describe('ticket messages', () => {
  it('links the ticket in the thread', () => {
    const ref = { sink: 'zendesk' as const, id: '7', url: 'https://acme.zendesk.com/agent/tickets/7', display: 'Zendesk #7' };
    expect(ticketReferenceMessage(ref, false).text).toEqual(
      'Opened <https://acme.zendesk.com/agent/tickets/7|Zendesk #7> with the support bundle.',
    );
    expect(ticketLinkButton(ref)).toEqual({
      type: 'button',
      action_id: 'ticket-open',
      text: { type: 'plain_text', text: 'Open Zendesk #7' },
      url: ref.url,
    });
  });

  it('escapes what a receiver sent so it cannot ping the channel or fake a link', () => {
    const ref = {
      sink: 'webhook' as const,
      id: 'x',
      url: 'https://evil.example/a|<!channel>',
      display: 'ticket <!channel> & <https://evil|ok>',
    };
    expect(ticketReferenceMessage(ref, true).text).toEqual(
      'Added the support bundle to ticket &lt;!channel&gt; &amp; &lt;https://evil|ok&gt;.',
    );
    expect(ticketLinkButton(ref)).not.toHaveProperty('url');
  });

  it('says the sink failed and where the bundle is', () => {
    expect(sinkFailedMessage('webhook', 'The ticket webhook answered HTTP 502.').text).toEqual(
      ':warning: The ticket webhook did not take the support bundle (The ticket webhook answered HTTP 502.). The bundle is attached to this thread instead, so nothing is lost; try the button again later.',
    );
  });
});
