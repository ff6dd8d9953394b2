/**
 * Finding 6 of issue 10: a double click on "Attach to support ticket" with the Slack sink. The
 * second click's job ran after the first and its bundle differed (restart counts, events moved
 * on), so the content check let it post the bundle again. The duplicate check is now by what
 * the bundle was asked from (the clicked message): one bundle per message.
 */
import { jest } from '@jest/globals';
import { TICKET_ACTION_ID } from '../../../src/core/requests/ticket-request.js';
import { CHANNEL, MINUTE, eventually, startLifecycleHarness, type LifecycleHarness } from '../lifecycle/harness.js';

jest.setTimeout(120_000);

describe('a double click on "Attach to support ticket" with the Slack sink', () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    h = await startLifecycleHarness();
  });

  afterEach(async () => {
    await h.stop();
  });

  it('posts the bundle once, even when the cluster changed between the two clicks', async () => {
    await h.command('show crash-loop');
    const summary = await h.waitForMessage(/^Cluster crash-loop is/);
    const attaches = async () => (await h.jobs()).filter((j) => j.name === 'ticket-attach');
    const files = () => h.slack.files(CHANNEL).filter((f) => f.threadTs === summary.ts && /bundle/i.test(`${f.title} ${f.filename}`));

    await h.click(summary, TICKET_ACTION_ID);
    await eventually(async () => (await attaches()).some((j) => j.state === 'completed'));
    expect(files()).toHaveLength(1);
    // The pods kept crashing meanwhile: the second click's bundle is not the first one's.
    h.advance(30 * MINUTE);
    await h.click(summary, TICKET_ACTION_ID);
    await eventually(async () => (await attaches()).filter((j) => j.state === 'completed').length === 2);

    expect(files()).toHaveLength(1);
    expect((await attaches()).map((j) => j.state)).toEqual(['completed', 'completed']);
  });
});
