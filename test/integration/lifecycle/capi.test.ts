import { jest } from '@jest/globals';
import { DELETE_ACTIONS } from '../../../src/core/requests/delete-request.js';
import { MINUTE, startLifecycleHarness, type LifecycleHarness } from './harness.js';

jest.setTimeout(120_000);

/** A Cluster API driver cluster through signed Slack requests on the simulator: no Heat anywhere. */
describe('/kube create and resize on a Cluster API driver (magnum-cluster-api), and a stalled create', () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    h = await startLifecycleHarness();
  });

  afterEach(async () => {
    await h.stop();
  });

  it('creates with machines-against-nodegroups progress in the usual 5-15 min, then resizes', async () => {
    await h.command('create gamma --template k8s-1.30-cluster-api --nodes 2');
    const anchor = await h.waitForMessage(/^Creating gamma: CREATE_IN_PROGRESS/);
    h.advance(5 * MINUTE);
    await h.slack.waitFor(() =>
      h.slack.thread('C1OPS', anchor.threadTs ?? '').find((m) => m.ts === anchor.ts && /machines/.test(JSON.stringify(m.blocks))),
    );
    h.advance(4 * MINUTE);
    await h.waitForMessage(/gamma is ready/);

    const versions = h.slack.thread('C1OPS', anchor.threadTs ?? '').find((m) => m.ts === anchor.ts);
    const blocksText = JSON.stringify([...(versions?.history ?? []).map((v) => v.blocks), versions?.blocks]);
    expect(blocksText).toContain('Cluster API driver (magnum-cluster-api), machines');
    expect(blocksText).toMatch(/usually 5-15 min/);
    expect(blocksText).not.toContain('Heat resources');

    await h.command('resize gamma --nodes 3');
    await h.waitForMessage(/^Resizing gamma to 3 nodes: UPDATE_IN_PROGRESS/);
    h.advance(4 * MINUTE);
    await h.waitForMessage(/gamma now has 3 worker nodes/);
  });

  it('reports a create Cluster API cannot finish (network quota) as stuck, once, and queues its diagnosis', async () => {
    await h.command('create delta --template k8s-1.30-cluster-api --label sim_scenario=capi-quota');
    await h.waitForMessage(/^Creating delta: CREATE_IN_PROGRESS/);
    h.advance(2 * MINUTE);

    const stuck = await h.waitForMessage(
      /^delta is stuck: FailedCreateNetwork: Failed to create network k8s-clusterapi-cluster-magnum-system-kube-/,
    );

    expect(JSON.stringify(stuck.blocks)).toContain('OverQuota');
    const diagnose = (await h.jobs()).filter((j) => j.name === 'cluster-diagnose');
    expect(diagnose.map((j) => j.data)).toEqual([
      expect.objectContaining({ cluster: 'delta', reason: 'stalled', threadTs: stuck.threadTs }),
    ]);
  });

  it('reports a delete that a Service load balancer blocks (magnum-capi-helm says nothing) as stuck, once, diagnoses it, and the button lets it finish', async () => {
    await h.command('delete capi-lb-blocks-delete');
    const preview = await h.waitForMessage(/^Delete capi-lb-blocks-delete/);
    await h.click(preview, DELETE_ACTIONS.confirm);
    await h.waitForMessage(/^Deleting capi-lb-blocks-delete: DELETE_IN_PROGRESS/);
    h.advance(5 * MINUTE);
    await h.slack.waitFor(() => h.allMessages().find((m) => /machines: .* 0\/\d+ ready/.test(JSON.stringify(m.blocks))));
    expect(h.allMessages().filter((m) => /is stuck/.test(m.text))).toEqual([]);

    h.advance(6 * MINUTE);
    const stuck = await h.waitForMessage(/^capi-lb-blocks-delete is stuck: the machines are gone but the delete has not finished/);
    const diagnosis = await h.waitForMessage(/^Diagnosis of capi-lb-blocks-delete/, 60_000);

    expect(diagnosis.threadTs).toBe(stuck.threadTs);
    expect(JSON.stringify(diagnosis.blocks)).toContain(
      'Delete blocked: 1 load balancer of LoadBalancer Services still on the cluster network',
    );
    expect(h.allMessages().filter((m) => /is stuck/.test(m.text))).toHaveLength(1);

    // The diagnosis's button deletes the Service's load balancer; Cluster API then finishes the delete by itself.
    await h.click(diagnosis, 'remedy-delete-loadbalancers');
    await h.waitForMessage(
      /^:wastebasket: Deleting 1 load balancer \(cascade\) for `capi-lb-blocks-delete`; Cluster API deletes the network/,
    );
    h.advance(MINUTE);
    await h.waitForMessage(/the load balancers are gone; Cluster API finishes deleting/, 30_000);
    h.advance(2 * MINUTE);
    await h.waitForMessage(/capi-lb-blocks-delete is deleted/, 30_000);
    const records = (await h.audit()).filter((r) => r.action === 'loadbalancers-delete').map((r) => r.decision);
    expect(records.reverse()).toEqual(['confirmed', 'started', 'finished']);
  });
});
