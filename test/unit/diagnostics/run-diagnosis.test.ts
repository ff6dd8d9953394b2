import type { Rule } from '../../../src/diagnostics/rule.js';
import { ALL_RULES } from '../../../src/diagnostics/rules/index.js';
import { runDiagnosis } from '../../../src/diagnostics/run-diagnosis.js';
import {
  NOW,
  aCluster,
  aContainer,
  aJob,
  aKubeState,
  aNode,
  aPod,
  aService,
  aSnapshot,
  aWorkload,
  anEndpoints,
  anEvent,
  minutesAgo,
} from '../../helpers/snapshot-builders.js';

const rule = (id: string, severities: ('critical' | 'warning' | 'info')[]): Rule => ({
  id,
  description: id,
  run: () =>
    severities.map((severity, i) => ({ rule: id, severity, title: `${id} ${i}`, objects: [], evidence: [], explanation: '', remedy: '' })),
});

const coredns = (suffix: string) =>
  aPod({
    namespace: 'kube-system',
    name: `coredns-78df4bf8ff-${suffix}`,
    status: 'ContainerCreating',
    ageMinutes: 33,
    owner: { kind: 'ReplicaSet', name: 'coredns-78df4bf8ff' },
  });
const corednsWorkloads = [
  aWorkload({ namespace: 'kube-system', kind: 'Deployment', name: 'coredns', desired: 2, ready: 0 }),
  aWorkload({
    namespace: 'kube-system',
    kind: 'ReplicaSet',
    name: 'coredns-78df4bf8ff',
    desired: 2,
    ready: 0,
    owner: { kind: 'Deployment', name: 'coredns' },
  }),
];

describe('runDiagnosis', () => {
  it('finds nothing worth a warning on a healthy cluster', () => {
    const kube = aKubeState({
      nodes: [aNode({ name: 'm-0' }), aNode({ name: 'n-0' })],
      pods: [
        aPod({ namespace: 'kube-system', name: 'coredns-1' }),
        aPod({ name: 'web-0' }),
        aPod({ name: 'migrate-x', status: 'Completed', owner: { kind: 'Job', name: 'migrate' } }),
      ],
      workloads: [aWorkload()],
      jobs: [aJob()],
      events: [anEvent('default/Pod/web-0', { type: 'Normal', reason: 'Pulled', message: 'pulled' })],
    });
    const diagnosis = runDiagnosis(aSnapshot({ kube }), { now: NOW });
    expect(diagnosis).toEqual({ cluster: 'dev-a', findings: [], summary: { critical: 0, warning: 0, info: 0 } });
  });

  it('sorts critical, warning, info, then by rule id, and counts them', () => {
    const rules = [rule('b-rule', ['info', 'warning']), rule('a-rule', ['warning']), rule('c-rule', ['critical'])];
    const diagnosis = runDiagnosis(aSnapshot(), { now: NOW, rules });
    expect(diagnosis.findings.map((f) => `${f.severity} ${f.title}`)).toEqual([
      'critical c-rule 0',
      'warning a-rule 0',
      'warning b-rule 1',
      'info b-rule 0',
    ]);
    expect(diagnosis.summary).toEqual({ critical: 1, warning: 2, info: 1 });
  });

  it('reports the seed case "created but pods fail" as one critical finding, without generic duplicates', () => {
    const snapshot = aSnapshot({
      cluster: aCluster({ dockerVolumeSize: 10 }),
      kube: aKubeState({
        pods: [coredns('kp9pk'), coredns('zz9ab'), aPod({ namespace: 'kube-system', name: 'calico-node-95d26' })],
        workloads: corednsWorkloads,
      }),
    });
    const diagnosis = runDiagnosis(snapshot, { now: NOW });
    expect(diagnosis.findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(['critical docker-volume-size-overlay2']);
  });

  it('reports the seed case on a young cluster at once, from the overlay mount errors in the events', () => {
    const young = (suffix: string) => ({ ...coredns(suffix), createdAt: minutesAgo(3) });
    const overlay = (suffix: string) =>
      anEvent(`kube-system/Pod/coredns-78df4bf8ff-${suffix}`, {
        reason: 'FailedCreatePodSandBox',
        message:
          'Failed create pod sandbox: rpc error: error creating overlay mount to /var/lib/docker/overlay2/ab12-init/merged: invalid argument',
      });
    const snapshot = aSnapshot({
      cluster: aCluster({ dockerVolumeSize: 10 }),
      kube: aKubeState({
        pods: [young('kp9pk'), young('zz9ab')],
        workloads: corednsWorkloads,
        events: [overlay('kp9pk'), overlay('zz9ab')],
      }),
    });
    const diagnosis = runDiagnosis(snapshot, { now: NOW });
    expect(diagnosis.findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(['critical docker-volume-size-overlay2']);
  });

  it("judges Kubernetes ages on the API server's clock and Magnum's on Magnum's, not the bot's", () => {
    // The API server is 3 h behind the bot (its pod is 3 min old by its clock, 3 h by the bot's);
    // Magnum is 1 h behind (its create has run 20 min by its clock, 80 min by the bot's).
    const skew = -3 * 3_600_000;
    const kube = aKubeState({ pods: [aPod({ status: 'ContainerCreating', createdAt: NOW + skew - 3 * 60_000 })] });
    const cluster = aCluster({ status: 'CREATE_IN_PROGRESS', createdAt: new Date(NOW - 3_600_000 - 20 * 60_000).toISOString() });
    const snapshot = aSnapshot({ kube, cluster, kubeNow: NOW + skew, openstackNow: NOW - 3_600_000 });
    expect(runDiagnosis(snapshot, { now: NOW }).findings).toEqual([]);
    // Without the servers' clocks the bot's clock is used: a stuck pod and a stuck create.
    const botClock = runDiagnosis({ ...snapshot, kubeNow: undefined, openstackNow: undefined }, { now: NOW });
    expect(botClock.findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(['critical slow-create', 'warning container-creating-stuck']);
  });

  it('keeps the generic finding for pods the specific rule does not explain, recomputed without the others', () => {
    const volume = { name: 'data', pvcClaimName: 'mariadb', kind: 'persistentVolumeClaim' };
    const pods = [
      aPod({ namespace: 'kolla', name: 'mariadb-0', status: 'ContainerCreating', ageMinutes: 20, volumes: [volume] }),
      aPod({
        namespace: 'kolla',
        name: 'bootstrap-x',
        status: 'Completed',
        owner: { kind: 'Job', name: 'mariadb-bootstrap' },
        volumes: [volume],
      }),
      aPod({ namespace: 'kolla', name: 'memcached-0', status: 'ContainerCreating', ageMinutes: 20 }),
    ];
    const diagnosis = runDiagnosis(
      aSnapshot({ kube: aKubeState({ pods, jobs: [aJob({ namespace: 'kolla', name: 'mariadb-bootstrap' })] }) }),
      { now: NOW },
    );
    const generic = diagnosis.findings.find((f) => f.rule === 'container-creating-stuck');
    expect(diagnosis.findings.map((f) => f.rule)).toEqual(['kolla-bootstrap-holds-volume', 'container-creating-stuck']);
    expect(generic?.title).toBe('1 pod stuck in ContainerCreating for over 10 min');
    expect(generic?.objects).toEqual(['kolla/Pod/memcached-0']);
  });

  it('reports the Kolla bootstrap case once: no generic ContainerCreating, workload or Service findings', () => {
    const volume = { name: 'data', pvcClaimName: 'mariadb', kind: 'persistentVolumeClaim' };
    const kube = aKubeState({
      pods: [
        aPod({
          namespace: 'kolla',
          name: 'mariadb-0',
          labels: { app: 'mariadb' },
          status: 'ContainerCreating',
          ageMinutes: 20,
          volumes: [volume],
          owner: { kind: 'StatefulSet', name: 'mariadb' },
        }),
        aPod({
          namespace: 'kolla',
          name: 'bootstrap-x',
          status: 'Completed',
          owner: { kind: 'Job', name: 'mariadb-bootstrap' },
          volumes: [volume],
        }),
      ],
      jobs: [aJob({ namespace: 'kolla', name: 'mariadb-bootstrap' })],
      workloads: [aWorkload({ namespace: 'kolla', kind: 'StatefulSet', name: 'mariadb', desired: 1, ready: 0 })],
      services: [aService({ namespace: 'kolla', name: 'mariadb', selector: { app: 'mariadb' } })],
      endpoints: [anEndpoints({ name: 'kubernetes' }), anEndpoints({ namespace: 'kolla', name: 'mariadb', readyAddresses: 0 })],
      events: [
        anEvent('kolla/Pod/mariadb-0', {
          reason: 'FailedAttachVolume',
          message: 'Multi-Attach error for volume "mariadb" Volume is already used by pod(s) bootstrap-x',
        }),
      ],
    });
    const diagnosis = runDiagnosis(aSnapshot({ kube }), { now: NOW });
    expect(diagnosis.findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(['critical kolla-bootstrap-holds-volume']);
  });

  it('names the Service, its port and the workload a crash loop breaks, instead of hiding them', () => {
    const pod = aPod({
      namespace: 'shop',
      name: 'orders-5d7-a',
      labels: { app: 'orders' },
      status: 'CrashLoopBackOff',
      owner: { kind: 'ReplicaSet', name: 'orders-5d7' },
      containers: [
        aContainer({
          ready: false,
          state: 'waiting',
          reason: 'CrashLoopBackOff',
          restartCount: 6,
          lastTerminated: { reason: 'Error', exitCode: 1, finishedAt: minutesAgo(1) },
        }),
      ],
    });
    const kube = aKubeState({
      pods: [pod],
      workloads: [
        aWorkload({ namespace: 'shop', kind: 'Deployment', name: 'orders', desired: 1, ready: 0 }),
        aWorkload({
          namespace: 'shop',
          kind: 'ReplicaSet',
          name: 'orders-5d7',
          desired: 1,
          ready: 0,
          owner: { kind: 'Deployment', name: 'orders' },
        }),
      ],
      services: [
        aService({
          namespace: 'shop',
          name: 'orders',
          selector: { app: 'orders' },
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        }),
      ],
      endpoints: [anEndpoints({ name: 'kubernetes' }), anEndpoints({ namespace: 'shop', name: 'orders', readyAddresses: 0 })],
    });
    const diagnosis = runDiagnosis(aSnapshot({ kube }), { now: NOW });
    expect(diagnosis.findings.map((f) => f.rule)).toEqual(['pod-crash-loop']);
    expect(diagnosis.findings[0]?.impact).toEqual([
      'shop/Service/orders (port 8080/TCP http): no ready pod behind it, connections fail',
      'shop/Deployment/orders: 0/1 ready',
    ]);
  });

  it('keeps a Service finding when a pod it selects is not explained by another finding', () => {
    const kube = aKubeState({
      pods: [aPod({ name: 'web-0', labels: { app: 'web' }, containers: [aContainer({ ready: false })] })],
      services: [aService()],
      endpoints: [anEndpoints({ name: 'kubernetes' }), anEndpoints({ readyAddresses: 0, notReadyAddresses: 1 })],
    });
    expect(runDiagnosis(aSnapshot({ kube }), { now: NOW }).findings.map((f) => f.rule)).toEqual(['service-without-endpoints']);
  });

  it('blames the crash-looping scheduler, not the pods it never scheduled', () => {
    const scheduler = aPod({
      namespace: 'kube-system',
      name: 'kube-scheduler-dev-a-master-0',
      labels: { component: 'kube-scheduler' },
      status: 'CrashLoopBackOff',
      containers: [
        aContainer({
          name: 'kube-scheduler',
          ready: false,
          state: 'waiting',
          reason: 'CrashLoopBackOff',
          restartCount: 8,
          lastTerminated: { reason: 'Error', exitCode: 1, finishedAt: minutesAgo(20) },
        }),
      ],
    });
    const pods = [scheduler, coredns('kp9pk'), coredns('zz9ab')].map((p) => (p === scheduler ? p : { ...p, nodeName: null }));
    const diagnosis = runDiagnosis(aSnapshot({ kube: aKubeState({ pods, workloads: corednsWorkloads }) }), { now: NOW });
    expect(diagnosis.findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(['critical control-plane-not-ready']);
    expect(diagnosis.findings[0]?.evidence[0]).toBe(
      'kube-system/Pod/kube-scheduler-dev-a-master-0: CrashLoopBackOff; last terminated Error exit code 1 20m ago',
    );
  });

  it('reports an OOM-killed crash loop once, as OOMKilled', () => {
    const pod = aPod({
      name: 'cache-0',
      status: 'CrashLoopBackOff',
      containers: [
        aContainer({
          ready: false,
          state: 'waiting',
          reason: 'CrashLoopBackOff',
          restartCount: 5,
          lastTerminated: { reason: 'OOMKilled', exitCode: 137, finishedAt: minutesAgo(1) },
        }),
      ],
    });
    const diagnosis = runDiagnosis(aSnapshot({ kube: aKubeState({ pods: [pod] }) }), { now: NOW });
    expect(diagnosis.findings.map((f) => f.rule)).toEqual(['pod-oom-killed']);
  });

  it('applies partial thresholds over the defaults', () => {
    const snapshot = aSnapshot({ kube: aKubeState({ pods: [aPod({ status: 'ContainerCreating', ageMinutes: 4 })] }) });
    expect(runDiagnosis(snapshot, { now: NOW }).findings).toEqual([]);
    expect(runDiagnosis(snapshot, { now: NOW, thresholds: { containerCreatingMinutes: 3 } }).findings.map((f) => f.rule)).toEqual([
      'container-creating-stuck',
    ]);
  });

  it('turns a rule that throws into an info finding and keeps the others', () => {
    const broken: Rule = {
      id: 'broken',
      description: '',
      run: () => {
        throw new Error('boom');
      },
    };
    const diagnosis = runDiagnosis(aSnapshot(), { now: NOW, rules: [broken, rule('ok', ['warning'])] });
    expect(diagnosis.findings.map((f) => `${f.severity} ${f.rule} ${f.title}`)).toEqual([
      'warning ok ok 0',
      'info broken Rule broken could not run',
    ]);
  });

  it('has unique kebab-case rule ids, and suppresses only rules that exist', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of ALL_RULES) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const target of r.suppresses ?? []) expect(ids).toContain(target);
    }
  });
});
