import { recentWarnings, renderEventsMessage } from '../../../src/render/events-message.js';
import { NOW, anEvent } from '../../helpers/snapshot-builders.js';

describe('events message', () => {
  it('keeps warnings only, of the namespace asked, newest first', () => {
    const events = [
      anEvent('kolla/Pod/old', { ageMinutes: 30 }),
      anEvent('kolla/Pod/new', { ageMinutes: 1 }),
      anEvent('kolla/Pod/fine', { type: 'Normal' }),
      anEvent('web/Pod/other', { ageMinutes: 2 }),
    ];

    expect(recentWarnings(events, 'kolla').map((e) => e.involvedName)).toEqual(['new', 'old']);
    expect(recentWarnings(events, null).map((e) => e.involvedName)).toEqual(['new', 'other', 'old']);
  });

  it('prints each event with age, object, reason, count and message, escaped', () => {
    const events = [
      anEvent('kolla/Pod/mariadb-0', { ageMinutes: 3, reason: 'FailedMount', count: 4, message: 'volume <!channel> is in use' }),
    ];
    const message = renderEventsMessage({ cluster: 'kolla', namespace: null, events, now: NOW, requester: 'U1' });
    const text = JSON.stringify(message.blocks);

    expect(text).toContain('3 min ago  kolla/pod/mariadb-0  FailedMount (x4): volume &lt;!channel&gt; is in use');
    expect(text).not.toContain('<!channel>');
  });

  it('says so when there is no warning', () => {
    expect(renderEventsMessage({ cluster: 'c', namespace: 'x', events: [], now: NOW, requester: 'U1' }).text).toBe(
      'No warning events on c',
    );
  });
});
