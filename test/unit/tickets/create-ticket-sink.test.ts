import { ConfigError } from '../../../src/core/errors.js';
import { createTicketSink } from '../../../src/tickets/sinks/create-ticket-sink.js';
import { fixedClock, RecordingSlack } from './fakes.js';

const deps = { slack: new RecordingSlack(), wallClock: fixedClock };

describe('createTicketSink', () => {
  it('builds the sink TICKET_SINK names', () => {
    expect(createTicketSink({ sink: 'slack' }, deps).name).toEqual('slack');
    expect(createTicketSink({ sink: 'webhook', webhook: { url: 'https://hooks.example.test/x', secret: 's' } }, deps).name).toEqual(
      'webhook',
    );
    expect(
      createTicketSink({ sink: 'zendesk', zendesk: { url: 'https://acme.zendesk.com', email: 'a@b.c', apiToken: 't' } }, deps).name,
    ).toEqual('zendesk');
  });

  it('refuses a remote sink without its settings', () => {
    expect(() => createTicketSink({ sink: 'webhook' }, deps)).toThrow(ConfigError);
    expect(() => createTicketSink({ sink: 'zendesk' }, deps)).toThrow(ConfigError);
  });
});
