import type { ClusterContext } from '../cluster-context.js';
import { addWorkload } from '../workload-builder.js';
import { eventsFor, MIN, scheduledEvent } from './scenario-events.js';

/** A Deployment crash-looping with exit code 1, and one whose container is OOMKilled. */
export function crashLoop(ctx: ClusterContext): void {
  const start = ctx.createdAt + 12 * MIN;
  const api = addWorkload(ctx, {
    kind: 'Deployment',
    namespace: 'default',
    name: 'orders-api',
    labels: { app: 'orders-api' },
    replicas: 1,
    createdAt: start,
    containers: [
      { name: 'orders-api', image: 'registry.example.com/shop/orders-api:2.4.0', ports: [{ containerPort: 8080, protocol: 'TCP' }] },
    ],
    pod: () => ({
      containers: [
        {
          name: 'orders-api',
          image: 'registry.example.com/shop/orders-api:2.4.0',
          plan: { state: 'waiting', reason: 'CrashLoopBackOff', message: 'back-off 1m20s restarting failed container=orders-api' },
          restartCount: 5,
          lastTerminated: { reason: 'Error', exitCode: 1, startedAt: start + 3 * MIN - 4000, finishedAt: start + 3 * MIN },
        },
      ],
    }),
  });
  const worker = addWorkload(ctx, {
    kind: 'Deployment',
    namespace: 'default',
    name: 'report-worker',
    labels: { app: 'report-worker' },
    replicas: 1,
    createdAt: start,
    containers: [{ name: 'worker', image: 'registry.example.com/shop/report-worker:1.9.2' }],
    pod: () => ({
      containers: [
        {
          name: 'worker',
          image: 'registry.example.com/shop/report-worker:1.9.2',
          plan: { state: 'waiting', reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=worker' },
          restartCount: 3,
          lastTerminated: { reason: 'OOMKilled', exitCode: 137, startedAt: start + 2 * MIN, finishedAt: start + 2 * MIN + 40_000 },
        },
      ],
    }),
  });
  for (const pod of api) {
    const ns = 'default';
    ctx.store.setLogs(ns, pod.metadata.name, 'orders-api', {
      current: '',
      previous: [
        '2024-05-02T09:14:03.112Z INFO  orders-api 2.4.0 starting',
        '2024-05-02T09:14:03.140Z INFO  connecting to postgres at orders-db:5432',
        '2024-05-02T09:14:04.151Z ERROR connect ECONNREFUSED 10.254.0.41:5432',
        '2024-05-02T09:14:04.152Z FATAL cannot reach the database, exiting with status 1',
        '',
      ].join('\n'),
    });
    eventsFor(ctx, pod, [
      scheduledEvent(pod.metadata.name, ns, pod.spec.nodeName ?? '', start + 1000),
      {
        reason: 'Pulled',
        message: 'Container image "registry.example.com/shop/orders-api:2.4.0" already present on machine',
        at: start + 5000,
        count: 6,
        recurEveryMs: 5 * MIN,
        fieldPath: 'spec.containers{orders-api}',
      },
      {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container orders-api in pod ' + `${pod.metadata.name}_${ns}(${pod.metadata.uid})`,
        at: start + 20_000,
        recurEveryMs: MIN,
        fieldPath: 'spec.containers{orders-api}',
      },
    ]);
  }
  for (const pod of worker) {
    ctx.store.setLogs('default', pod.metadata.name, 'worker', {
      current: '',
      previous: 'loading 2.1M rows for the monthly report\nbuilding pivot tables\n',
    });
    eventsFor(ctx, pod, [
      scheduledEvent(pod.metadata.name, 'default', pod.spec.nodeName ?? '', start + 1000),
      {
        type: 'Warning',
        reason: 'BackOff',
        message: `Back-off restarting failed container worker in pod ${pod.metadata.name}_default(${pod.metadata.uid})`,
        at: start + 3 * MIN,
        recurEveryMs: 2 * MIN,
        fieldPath: 'spec.containers{worker}',
      },
    ]);
  }
}
