/**
 * Issue 10, findings 5 and 13, driven as users would: signed Slack requests to the whole bot
 * on the simulated cloud.
 * - 5: the diagnosis "delete these load balancers" button follows the delete thread's rule:
 *   the user who asked (for the diagnosis) or an admin, not any operator.
 * - 13: switching a channel's watch on or off takes an operator; a viewer is told so.
 */
import { jest } from '@jest/globals';
import { DELETE_ACTIONS } from '../../../src/core/requests/delete-request.js';
import { remedyActionId } from '../../../src/core/requests/remedy-request.js';
import {
  ADMIN,
  OPERATOR,
  MINUTE,
  OTHER_OPERATOR,
  VIEWER,
  hasButton,
  startLifecycleHarness,
  type LifecycleHarness,
} from '../lifecycle/harness.js';

jest.setTimeout(120_000);

const REMEDY = remedyActionId('delete-loadbalancers');

describe('who may do what, beyond the role of the command', () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    h = await startLifecycleHarness({ confirmTtlMs: 5 * MINUTE });
  });

  afterEach(async () => {
    await h.stop();
  });

  it("refuses the diagnosis remedy to another operator; the diagnosis's requester or an admin may use it", async () => {
    await h.command('delete lb-blocks-delete');
    const preview = await h.waitForMessage(/^Delete lb-blocks-delete/);
    await h.click(preview, DELETE_ACTIONS.confirm);
    await h.waitForMessage(/^Deleting lb-blocks-delete: DELETE_IN_PROGRESS/);
    h.advance(3 * MINUTE);
    await h.waitForMessage(/DELETE_FAILED \(blocked by 1 load balancer/);

    await h.command('diagnose lb-blocks-delete', OTHER_OPERATOR);
    const diagnosis = await h.slack.waitFor(
      () =>
        h
          .allMessages()
          .find(
            (m) =>
              /^Diagnosis of lb-blocks-delete/.test(m.text) && JSON.stringify(m.blocks).includes(OTHER_OPERATOR) && hasButton(m, REMEDY),
          ),
      20_000,
    );

    await h.click(diagnosis, REMEDY, VIEWER);
    await h.waitForEphemeral(/needs the operator role/);
    await h.click(diagnosis, REMEDY);
    await h.waitForEphemeral(/can delete these load balancers/);
    expect((await h.jobs()).filter((j) => j.name === 'loadbalancers-delete')).toEqual([]);
    const denied = (await h.audit()).filter((r) => r.action === 'loadbalancers-delete' && r.decision === 'denied');
    expect(denied.map((r) => r.actor).sort()).toEqual([OPERATOR, VIEWER].sort());

    await h.click(diagnosis, REMEDY, ADMIN);
    await h.waitForMessage(/^:wastebasket: Deleting 1 load balancer/);
    expect((await h.jobs()).filter((j) => j.name === 'loadbalancers-delete')).toHaveLength(1);
  });

  it('lets the requester of the diagnosis use its remedy', async () => {
    await h.command('delete lb-blocks-delete');
    const preview = await h.waitForMessage(/^Delete lb-blocks-delete/);
    await h.click(preview, DELETE_ACTIONS.confirm);
    await h.waitForMessage(/^Deleting lb-blocks-delete: DELETE_IN_PROGRESS/);
    h.advance(3 * MINUTE);
    await h.waitForMessage(/DELETE_FAILED \(blocked by 1 load balancer/);
    await h.command('diagnose lb-blocks-delete', OTHER_OPERATOR);
    const diagnosis = await h.slack.waitFor(
      () =>
        h
          .allMessages()
          .find(
            (m) =>
              /^Diagnosis of lb-blocks-delete/.test(m.text) && JSON.stringify(m.blocks).includes(OTHER_OPERATOR) && hasButton(m, REMEDY),
          ),
      20_000,
    );

    await h.click(diagnosis, REMEDY, OTHER_OPERATOR);
    await h.waitForMessage(/^:wastebasket: Deleting 1 load balancer/);
  });

  it.each(['watch healthy off', 'watch healthy'])('refuses `%s` to a viewer with a clear answer, and starts nothing', async (text) => {
    await h.command(text, VIEWER);
    await h.waitForEphemeral(/needs the operator role/);

    expect((await h.jobs()).filter((j) => j.name === 'cluster-watch')).toEqual([]);
    const denied = (await h.audit()).filter((r) => r.decision === 'denied');
    expect(denied.map((r) => [r.actor, r.action])).toEqual([[VIEWER, 'watch']]);
  });
});
