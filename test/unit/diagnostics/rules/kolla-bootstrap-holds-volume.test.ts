import { kollaBootstrapHoldsVolume } from '../../../../src/diagnostics/rules/kolla-bootstrap-holds-volume.js';
import { aJob, aPod, anEvent, aKubeconfigSnapshot } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';
import { SOURCES } from '../../../../src/core/sources.js';

const ns = 'kolla';
const volume = { name: 'mariadb', pvcClaimName: 'mariadb', kind: 'persistentVolumeClaim' };
const mariadb = (over = {}) =>
  aPod({ namespace: ns, name: 'mariadb-0', status: 'ContainerCreating', ageMinutes: 4, volumes: [volume], ...over });
const bootstrapPod = (over = {}) =>
  aPod({
    namespace: ns,
    name: 'mariadb-bootstrap-x7k2p',
    status: 'Completed',
    owner: { kind: 'Job', name: 'mariadb-bootstrap' },
    volumes: [volume],
    node: 'k8s-minion-1',
    ...over,
  });
const bootstrapJob = aJob({ namespace: ns, name: 'mariadb-bootstrap' });
const failedMount = anEvent(`${ns}/Pod/mariadb-0`, {
  reason: 'FailedMount',
  message: 'Unable to attach or mount volumes: timed out waiting for the condition',
  ageMinutes: 1,
});

describe('kolla-bootstrap-holds-volume', () => {
  it.each([
    ['a FailedMount event and a finished bootstrap job holding the claim', [mariadb(), bootstrapPod()], [failedMount]],
    ['no event yet but waiting past the threshold', [mariadb({ ageMinutes: 15 }), bootstrapPod()], []],
    [
      'a job pod in phase Succeeded whose Job is not listed',
      [mariadb(), bootstrapPod({ owner: { kind: 'Job', name: 'gone' } })],
      [failedMount],
    ],
  ])('is critical with %s', (_case, pods, events) => {
    const snapshot = aKubeconfigSnapshot({ pods, events, jobs: [bootstrapJob] });
    expect(severities(runRule(kollaBootstrapHoldsVolume, snapshot))).toEqual(['critical']);
  });

  it.each([
    ['the bootstrap job deleted (the documented workaround)', [mariadb()], [bootstrapJob]],
    [
      'the bootstrap job still running',
      [mariadb(), bootstrapPod({ status: 'Running' })],
      [aJob({ namespace: ns, name: 'mariadb-bootstrap', active: 1, succeeded: 0, completionTime: null })],
    ],
    ['mariadb Running next to the finished job', [mariadb({ status: 'Running' }), bootstrapPod()], [bootstrapJob]],
    [
      'a job pod on another claim',
      [mariadb(), bootstrapPod({ volumes: [{ name: 'x', pvcClaimName: 'other', kind: 'persistentVolumeClaim' }] })],
      [bootstrapJob],
    ],
  ])('stays quiet with %s', (_case, pods, jobs) => {
    expect(runRule(kollaBootstrapHoldsVolume, aKubeconfigSnapshot({ pods, events: [failedMount], jobs }))).toEqual([]);
  });

  it('names the job, the holding pod and the claim, with the Kolla reference', () => {
    const [finding] = runRule(
      kollaBootstrapHoldsVolume,
      aKubeconfigSnapshot({ pods: [mariadb(), bootstrapPod()], events: [failedMount], jobs: [bootstrapJob] }),
    );
    expect(finding?.title).toBe('Finished job mariadb-bootstrap still holds PVC mariadb: pod mariadb-0 cannot mount it');
    expect(finding?.objects).toEqual([
      'kolla/Pod/mariadb-0',
      'kolla/Job/mariadb-bootstrap',
      'kolla/Pod/mariadb-bootstrap-x7k2p',
      'kolla/PersistentVolumeClaim/mariadb',
    ]);
    expect(finding?.evidence).toEqual([
      'kolla/Pod/mariadb-0: ContainerCreating; FailedMount (60s ago): Unable to attach or mount volumes: timed out waiting for the condition',
      'kolla/Pod/mariadb-bootstrap-x7k2p (job mariadb-bootstrap): Completed, still mounts PVC mariadb on k8s-minion-1',
    ]);
    expect(finding?.remedy).toContain('kubectl delete job -n kolla mariadb-bootstrap');
    expect(finding?.reference).toEqual(SOURCES.kollaK8sBootstrapVolume);
    // The bot can act here: the button deletes that job (ids only; the job re-checks them).
    expect(finding?.action).toEqual({
      id: 'delete-bootstrap-job',
      label: 'Delete finished job mariadb-bootstrap',
      params: { cluster: expect.any(String), namespace: 'kolla', job: 'mariadb-bootstrap', claim: 'mariadb' },
    });
  });
});

describe('kolla-bootstrap-holds-volume: evidence first, and the API server clock', () => {
  it('is critical for a pod 1 min old once its mount fails', () => {
    const snapshot = aKubeconfigSnapshot({
      pods: [mariadb({ ageMinutes: 1 }), bootstrapPod()],
      events: [failedMount],
      jobs: [bootstrapJob],
    });
    expect(severities(runRule(kollaBootstrapHoldsVolume, snapshot))).toEqual(['critical']);
  });

  it('stays quiet for a young pod with no mount failure yet', () => {
    const snapshot = aKubeconfigSnapshot({ pods: [mariadb({ ageMinutes: 2 }), bootstrapPod()], jobs: [bootstrapJob] });
    expect(runRule(kollaBootstrapHoldsVolume, snapshot)).toEqual([]);
  });

  it.each([
    ['the mount failure', [mariadb(), bootstrapPod()], [failedMount]],
    ['waiting past the threshold', [mariadb({ ageMinutes: 15 }), bootstrapPod()], []],
    ['a young pod with no event', [mariadb({ ageMinutes: 2 }), bootstrapPod()], []],
  ])('finds the same under clock skew with %s', (_case, pods, events) => {
    expectSameUnderSkew(kollaBootstrapHoldsVolume, aKubeconfigSnapshot({ pods, events, jobs: [bootstrapJob] }));
  });
});
