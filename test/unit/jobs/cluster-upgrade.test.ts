import { clusterUpgrade } from '../../../jobs/cluster-upgrade.js';
import { UpstreamError } from '../../../src/core/errors.js';
import type { ImageFacts } from '../../../src/core/ports.js';
import { UPGRADE_ACTIONS } from '../../../src/core/requests/upgrade-request.js';
import { createConfirmation } from '../../../src/security/confirmation.js';
import { createMemorySingleUse } from '../../helpers/memory-single-use.js';
import { run } from './job-kit.js';
import { aCluster, aTemplate, fakeOpenStack, lifecycleKit } from './tracking/lifecycle-kit.js';

const UUID = '11111111-2222-3333-4444-555555555555';
const ORIGIN = { cloud: 'sim', teamId: 'T1', channel: 'C1', user: 'U1ALICE' };
const OLD = aTemplate({ uuid: 't-old', name: 'k8s-1.30', labels: { kube_tag: 'v1.30.4' }, clusterDistro: 'ubuntu' });
const NEW = aTemplate({ uuid: 't-new', name: 'k8s-1.31', labels: { kube_tag: 'v1.31.1' }, clusterDistro: 'ubuntu' });
const OTHER = aTemplate({ uuid: 't-other', name: 'k8s-1.31-b', labels: { kube_tag: 'v1.31.1' }, clusterDistro: 'ubuntu' });

/** A magnum-cluster-api cluster on the 1.30 template, a recording upgrade action and real confirmations. */
function upgradeKit(cluster: Partial<Parameters<typeof aCluster>[0]> = {}) {
  const kit = lifecycleKit({ jobId: 'cluster-upgrade-C1-t1' });
  kit.cloud.templates = [OLD, NEW, OTHER];
  kit.cloud.clusters.push(
    aCluster({ status: 'CREATE_COMPLETE', clusterTemplateId: 't-old', coeVersion: 'v1.30.4', stackId: 'kube-7ykqh', ...cluster }),
  );
  const upgraded: string[] = [];
  kit.ctx.openstack = () => {
    const openstack = fakeOpenStack(kit.cloud);
    return {
      ...openstack,
      magnum: { ...openstack.magnum, upgradeCluster: async (uuid, template) => void upgraded.push(`${uuid} ${template}`) },
    };
  };
  kit.ctx.confirmations = createConfirmation({
    secret: 'upgrade-test-secret-0123456789',
    clock: kit.ctx.clock,
    singleUse: createMemorySingleUse(kit.ctx.clock),
  });
  const posts = () => kit.slack.flatMap((c) => (c.kind === 'post' ? [c] : []));
  return { ...kit, upgraded, posts };
}

const confirmed = { ...ORIGIN, cluster: 'prod-b', uuid: UUID, template: 't-new', confirmedFrom: 't-old', threadTs: '5.5' };

describe('cluster-upgrade', () => {
  it('asks first: a preview with the versions and one Confirm, nothing upgraded, the request audited', async () => {
    const kit = upgradeKit();

    const result = await run(clusterUpgrade, { ...ORIGIN, cluster: 'prod-b', template: 'k8s-1.31' }, kit.ctx);

    expect(kit.upgraded).toEqual([]);
    const [root, preview] = kit.posts();
    expect(root?.message.text).toBe('Upgrade prod-b requested by U1ALICE');
    expect(preview?.message.text).toBe('Upgrade prod-b from Kubernetes v1.30.4 to v1.31.1? Waiting for confirmation from U1ALICE.');
    expect(JSON.stringify(preview?.message.blocks)).toContain(UPGRADE_ACTIONS.confirm);
    expect(result).toEqual({ awaiting: 'confirmation', previewTs: preview?.ts });
    expect(kit.audit.records.map((r) => [r.decision, r.outcome])).toEqual([
      ['requested', `k8s-1.30 (v1.30.4) to k8s-1.31 (v1.31.1): preview of ${UUID}`],
    ]);
  });

  it('upgrades the confirmed cluster once and tracks it; a retry after a crash adopts its own upgrade instead of refusing it', async () => {
    const kit = upgradeKit();

    await run(clusterUpgrade, confirmed, kit.ctx);
    // Magnum moved the cluster to the new template at once; the job crashed before saving that it asked.
    Object.assign(kit.cloud.clusters[0] ?? {}, { status: 'UPDATE_IN_PROGRESS', clusterTemplateId: 't-new' });
    await run(clusterUpgrade, confirmed, kit.ctx);

    expect(kit.upgraded).toEqual([`${UUID} t-new`]);
    expect([...kit.operations.ops.keys()]).toEqual(['sim/cluster-upgrade-C1-t1']);
    expect(kit.operations.ops.get('sim/cluster-upgrade-C1-t1')).toMatchObject({
      kind: 'upgrade',
      targetVersion: 'v1.31.1',
      usualMin: [6, 15],
    });
  });

  it('refuses a confirmed upgrade when the cluster moved to another template since the preview', async () => {
    const kit = upgradeKit({ clusterTemplateId: 't-other', coeVersion: 'v1.30.9' });

    await expect(run(clusterUpgrade, confirmed, kit.ctx)).rejects.toThrow(/moved to another template since the upgrade was confirmed/);
    expect(kit.upgraded).toEqual([]);
  });

  it('reads a magnum-capi-helm template’s version from its image in Glance, and refuses when the cloud has no Glance to ask', async () => {
    const kit = upgradeKit({ coeVersion: 'v1.30.4' });
    const helm = aTemplate({ uuid: 't-helm', name: 'k8s-1.31-helm', imageId: 'ubuntu-jammy-kube-v1.31.1', clusterDistro: 'ubuntu' });
    kit.cloud.templates = [OLD, helm];
    const glance = (answer: () => Promise<ImageFacts>) => {
      kit.ctx.openstack = () => ({ ...fakeOpenStack(kit.cloud), glance: { getImage: answer } });
    };
    const image = { id: 'i-1', name: 'ubuntu-jammy-kube-v1.31.1', osDistro: 'ubuntu', kubeVersion: 'v1.31.1', magnumDriver: null };

    glance(async () => image);
    await run(clusterUpgrade, { ...ORIGIN, cluster: 'prod-b', template: 'k8s-1.31-helm' }, kit.ctx);
    glance(async () => {
      throw new UpstreamError('service_not_in_catalog', 'no image endpoint', { service: 'glance', retryable: false });
    });
    const refused = run(clusterUpgrade, { ...ORIGIN, cluster: 'prod-b', template: 'k8s-1.31-helm', threadTs: '7.7' }, kit.ctx);

    expect(kit.posts().map((p) => p.message.text)).toContain(
      'Upgrade prod-b from Kubernetes v1.30.4 to v1.31.1? Waiting for confirmation from U1ALICE.',
    );
    await expect(refused).rejects.toThrow(/The Kubernetes version of `k8s-1.31-helm` is unknown/);
  });
});
