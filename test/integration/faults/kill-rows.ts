/**
 * The rows of worker-kills.test.ts: a mutating job, a point in it where its worker process is
 * SIGKILLed, and the exact outcome once another worker has taken the job over. Kept apart from
 * the test so the README's figures can be counted from them (readme-figures.test.ts).
 */
import type { WebhookReceiver } from '../../../src/sim/index.js';
import type { FaultSpec } from '../../../src/sim/index.js';
import { DELETE_ACTIONS, LOADBALANCERS_ACTIONS } from '../../../src/core/requests/delete-request.js';
import { UPGRADE_ACTIONS } from '../../../src/core/requests/upgrade-request.js';
import { CHANNEL, MINUTE, eventually, simClustersNamed, type LifecycleHarness } from '../lifecycle/harness.js';
import type { HoldRule } from '../../helpers/hold-proxy.js';

export const KILL_JOBS = [
  'create',
  'delete',
  'resize',
  'upgrade',
  'load-balancer cleanup',
  'scale',
  'restart',
  'ticket attach',
  'watch',
  'the poller',
  'a job failing for good',
] as const;
export type KillJob = (typeof KILL_JOBS)[number];

export interface KillWorld {
  h: LifecycleHarness;
  /** The ticket sink (a webhook) every worker sends bundles to. */
  tickets: WebhookReceiver;
}

/** Where the worker dies: a cloud request held by the sim, or a Slack or ticket-sink request held by a proxy. */
export type KillHold =
  | { cloud: Omit<FaultSpec, 'kind' | 'count' | 'durationMs'> & { phase: 'request' | 'response' } }
  | { slack: HoldRule }
  | { tickets: HoldRule };

export interface KillRow {
  job: KillJob;
  /** Where in the job the worker is killed. */
  point: string;
  hold: KillHold;
  /** The queue job that must have ended (completed or failed) before the check; none for a watch, which never ends. */
  jobName: string | null;
  /** The command and clicks that run the job up to the held request; `arm` sets the hold (first thing, unless said). */
  start(w: KillWorld, arm: () => void): Promise<void>;
  /** After the kill, with another worker running: steps the clock and waits for the job's end. */
  finish(w: KillWorld): Promise<void>;
  /** The exact outcome: counts of clusters, messages, tickets, jobs, audit records. */
  check(w: KillWorld): Promise<void>;
}

const count = (h: LifecycleHarness, match: RegExp) => h.allMessages().filter((m) => match.test(m.text)).length;
/** The audit decisions of an action, sorted (a click's record and its preview's may come in either order). */
const actions = async (h: LifecycleHarness, action: string, target?: string) =>
  (await h.audit())
    .filter((r) => r.action === action && (target === undefined || r.target === target))
    .map((r) => r.decision)
    .sort();
const jobStates = async (h: LifecycleHarness, name: string) =>
  (await h.jobs())
    .filter((j) => j.name === name)
    .map((j) => j.state)
    .sort();
/** A Slack post whose text matches (the proxy sees the form-encoded body, decoded). */
const post = (text: RegExp, phase: 'request' | 'response' = 'response'): KillHold => ({
  slack: { method: 'POST', path: /^\/api\/chat\.postMessage/, body: text, phase },
});

// ---- create ---------------------------------------------------------------------------------

function createRow(point: string, hold: KillHold): KillRow {
  return {
    job: 'create',
    point,
    hold,
    jobName: 'cluster-create',
    start: async ({ h }, arm) => {
      arm();
      await h.command('create omega --template k8s-1.27-no-volume --nodes 2');
    },
    finish: async ({ h }) => {
      await h.waitForMessage(/^Creating omega: CREATE_IN_PROGRESS/, 60_000);
      h.advance(19 * MINUTE);
      await h.waitForMessage(/omega is ready/, 60_000);
    },
    check: async ({ h }) => {
      expect(simClustersNamed(h.sim, 'omega')).toBe(1);
      expect(count(h, /omega is ready/)).toBe(1);
      expect(count(h, /^Creating omega/)).toBe(1);
      expect(h.slack.messages(CHANNEL)).toHaveLength(1);
      expect(await jobStates(h, 'cluster-create')).toEqual(['completed']);
      expect(await actions(h, 'cluster-create', 'omega')).toEqual(['finished', 'requested', 'started']);
    },
  };
}

// ---- the poller (tracking a create) ---------------------------------------------------------

function pollerRow(point: string, hold: KillHold): KillRow {
  const create = createRow(point, hold);
  return {
    ...create,
    job: 'the poller',
    start: async ({ h }, arm) => {
      await h.command('create omega --template k8s-1.27-no-volume --nodes 2');
      await h.waitForMessage(/^Creating omega: CREATE_IN_PROGRESS/, 60_000);
      arm();
      h.advance(19 * MINUTE);
    },
    finish: async ({ h }) => {
      await h.waitForMessage(/omega is ready/, 60_000);
    },
  };
}

// ---- delete ---------------------------------------------------------------------------------

function deleteRow(point: string, hold: KillHold): KillRow {
  return {
    job: 'delete',
    point,
    hold,
    jobName: 'cluster-delete',
    start: async ({ h }, arm) => {
      arm();
      await h.command('delete healthy');
      const preview = await h.waitForMessage(/^Delete healthy/, 60_000);
      await h.click(preview, DELETE_ACTIONS.confirm);
    },
    finish: async ({ h }) => {
      await h.waitForMessage(/^Deleting healthy: DELETE_IN_PROGRESS/, 60_000);
      h.advance(3 * MINUTE);
      await h.waitForMessage(/healthy is deleted/, 60_000);
    },
    check: async ({ h }) => {
      expect(simClustersNamed(h.sim, 'healthy')).toBe(0);
      expect(count(h, /healthy is deleted/)).toBe(1);
      expect(count(h, /^Deleting healthy/)).toBe(1);
      expect(count(h, /already gone|already being deleted/)).toBe(0);
      expect(await jobStates(h, 'cluster-delete')).toEqual(['completed']);
      expect(await actions(h, 'cluster-delete', 'healthy')).toEqual(['confirmed', 'finished', 'requested', 'started']);
    },
  };
}

// ---- resize ---------------------------------------------------------------------------------

function resizeRow(point: string, hold: KillHold): KillRow {
  const healthy = (h: LifecycleHarness) => h.sim.state.clusters.find((c) => c.name === 'healthy');
  return {
    job: 'resize',
    point,
    hold,
    jobName: 'cluster-resize',
    start: async ({ h }, arm) => {
      arm();
      await h.command('resize healthy --nodes 3');
    },
    finish: async ({ h }) => {
      await h.waitForMessage(/^Resizing healthy to 3 nodes: UPDATE_IN_PROGRESS/, 60_000);
      h.advance(4 * MINUTE);
      await h.waitForMessage(/healthy now has 3 worker nodes/, 60_000);
    },
    check: async ({ h }) => {
      expect(healthy(h)?.nodeCount).toBe(3);
      expect(healthy(h)?.ops.filter((op) => /resize|update/i.test(JSON.stringify(op)))).toHaveLength(1);
      expect(count(h, /healthy now has 3 worker nodes/)).toBe(1);
      expect(count(h, /^Resizing healthy/)).toBe(1);
      expect(count(h, /nothing to do/)).toBe(0);
      expect(await jobStates(h, 'cluster-resize')).toEqual(['completed']);
      expect(await actions(h, 'cluster-resize', 'healthy')).toEqual(['finished', 'requested', 'started']);
    },
  };
}

// ---- upgrade (Heat driver: Magnum takes the new template's kube_tag) --------------------------

function upgradeRow(point: string, hold: KillHold): KillRow {
  const healthy = (h: LifecycleHarness) => h.sim.state.clusters.find((c) => c.name === 'healthy');
  return {
    job: 'upgrade',
    point,
    hold,
    jobName: 'cluster-upgrade',
    start: async ({ h }, arm) => {
      arm();
      await h.command('upgrade healthy --template k8s-1.28-no-volume');
      const preview = await h.waitForMessage(/^Upgrade healthy from Kubernetes v1\.27\.4 to v1\.28\.15\?/, 60_000);
      await h.click(preview, UPGRADE_ACTIONS.confirm);
    },
    finish: async ({ h }) => {
      await h.waitForMessage(/^Upgrading healthy to Kubernetes v1\.28\.15: UPDATE_IN_PROGRESS/, 60_000);
      h.advance(7 * MINUTE);
      await h.waitForMessage(/healthy runs Kubernetes v1\.28\.15/, 60_000);
    },
    check: async ({ h }) => {
      expect(simClustersNamed(h.sim, 'healthy')).toBe(1);
      expect(h.sim.state.templates.find((t) => t.uuid === healthy(h)?.templateId)?.name).toBe('k8s-1.28-no-volume');
      expect(h.sim.requests.count({ service: 'container-infra', method: 'POST', route: '/v1/clusters/:id/actions/upgrade' })).toBe(1);
      expect(count(h, /healthy runs Kubernetes v1\.28\.15/)).toBe(1);
      expect(count(h, /^Upgrading healthy/)).toBe(1);
      expect(await actions(h, 'cluster-upgrade', 'healthy')).toEqual(['confirmed', 'finished', 'requested', 'started']);
    },
  };
}

// ---- load-balancer cleanup ------------------------------------------------------------------

/** `through`: how far `start` takes the cleanup (to the click, or on to the load balancers' end). */
function lbRow(point: string, hold: KillHold, through: 'click' | 'gone' = 'click'): KillRow {
  return {
    job: 'load-balancer cleanup',
    point,
    hold,
    jobName: 'loadbalancers-delete',
    start: async ({ h }, arm) => {
      arm();
      await h.command('delete lb-blocks-delete');
      const preview = await h.waitForMessage(/^Delete lb-blocks-delete/, 60_000);
      await h.click(preview, DELETE_ACTIONS.confirm);
      await h.waitForMessage(/^Deleting lb-blocks-delete: DELETE_IN_PROGRESS/, 60_000);
      h.advance(3 * MINUTE);
      const offer = await h.waitForMessage(/^Delete this load balancer and retry/, 60_000);
      await h.click(offer, LOADBALANCERS_ACTIONS.confirm);
      if (through === 'gone') {
        await h.waitForMessage(/^:wastebasket: Deleting 1 load balancer/, 60_000);
        h.advance(5 * MINUTE);
      }
    },
    finish: async ({ h }) => {
      await h.waitForMessage(/^:wastebasket: Deleting 1 load balancer/, 60_000);
      h.advance(5 * MINUTE);
      await h.waitForMessage(/load balancers are gone; deleting/, 60_000);
      await h.waitForMessage(/^Deleting lb-blocks-delete: DELETE_IN_PROGRESS \(0s\)/, 60_000);
      h.advance(3 * MINUTE);
      await h.waitForMessage(/lb-blocks-delete is deleted/, 60_000);
    },
    check: async ({ h }) => {
      expect(simClustersNamed(h.sim, 'lb-blocks-delete')).toBe(0);
      expect(count(h, /^:wastebasket: Deleting 1 load balancer/)).toBe(1);
      expect(count(h, /load balancers are gone; deleting/)).toBe(1);
      expect(count(h, /lb-blocks-delete is deleted/)).toBe(1);
      expect(await jobStates(h, 'loadbalancers-delete')).toEqual(['completed']);
      expect(await actions(h, 'loadbalancers-delete')).toEqual(['confirmed', 'finished', 'started']);
    },
  };
}

// ---- scale and restart ----------------------------------------------------------------------

const DEPLOYMENT = 'default/deployment/orders-api';

function workloadRow(job: 'scale' | 'restart', point: string, hold: KillHold): KillRow {
  const command = job === 'scale' ? `scale crash-loop ${DEPLOYMENT} --replicas 3` : `restart crash-loop ${DEPLOYMENT}`;
  const done =
    job === 'scale'
      ? /^default\/deployment\/orders-api on crash-loop: scaled$/
      : /^default\/deployment\/orders-api on crash-loop: restarted$/;
  const name = job === 'scale' ? 'workload-scale' : 'workload-restart';
  return {
    job,
    point,
    hold,
    jobName: name,
    start: async ({ h }, arm) => {
      arm();
      await h.command(command);
    },
    finish: async ({ h }) => {
      await h.waitForMessage(done, 60_000);
    },
    check: async ({ h }) => {
      expect(count(h, done)).toBe(1);
      expect(h.slack.messages(CHANNEL)).toHaveLength(1);
      expect(count(h, /not found|failed/i)).toBe(0);
      expect(await jobStates(h, name)).toEqual(['completed']);
      expect(await actions(h, name)).toEqual(['finished', 'requested', 'started']);
    },
  };
}

// ---- ticket attach --------------------------------------------------------------------------

function ticketRow(point: string, hold: KillHold): KillRow {
  return {
    job: 'ticket attach',
    point,
    hold,
    jobName: 'ticket-attach',
    start: async ({ h }, arm) => {
      arm();
      await h.command('ticket crash-loop');
    },
    finish: async ({ h }) => {
      await h.waitForMessage(/^Opened .*WH-1/, 60_000);
    },
    check: async ({ h, tickets }) => {
      expect(new Set(tickets.deliveries.map((d) => d.ticketId))).toEqual(new Set(['WH-1']));
      expect(new Set(tickets.deliveries.map((d) => d.idempotencyKey)).size).toBe(1);
      expect(count(h, /^Opened .*WH-1/)).toBe(1);
      expect(count(h, /WH-2|already being attached/)).toBe(0);
      expect(h.slack.messages(CHANNEL)).toHaveLength(1);
      expect(await jobStates(h, 'ticket-attach')).toEqual(['completed']);
    },
  };
}

// ---- watch ----------------------------------------------------------------------------------

function watchRow(point: string, hold: KillHold): KillRow {
  return {
    job: 'watch',
    point,
    hold,
    jobName: null,
    start: async ({ h }, arm) => {
      arm();
      await h.command('watch crash-loop');
    },
    finish: async ({ h }) => {
      await h.waitForMessage(/^Watching crash-loop$/, 60_000);
      await h.waitForMessage(/^crash-loop: 1 pod crash looping/, 60_000);
      await h.waitForMessage(/^crash-loop: 1 pod killed for running out of memory/, 60_000);
      // A few more ticks of the new worker: none may post an incident again.
      const ticks = async () => (await h.jobs()).find((j) => j.name === 'cluster-watch');
      const before = JSON.stringify((await ticks())?.data);
      const deadline = Date.now() + 60_000;
      await eventually(async () => Date.now() > deadline || JSON.stringify((await ticks())?.data) !== before);
    },
    check: async ({ h }) => {
      expect(count(h, /^Watching crash-loop$/)).toBe(1);
      expect(count(h, /^crash-loop: 1 pod crash looping/)).toBe(1);
      expect(count(h, /^crash-loop: 1 pod killed for running out of memory/)).toBe(1);
      expect(h.slack.messages(CHANNEL)).toHaveLength(3);
      expect((await h.jobs()).filter((j) => j.name === 'cluster-watch')).toHaveLength(1);
    },
  };
}

// ---- a job failing for good (a diagnosis whose answer Slack refuses) -------------------------

const REFUSED = /^Slack refused chat\.postMessage: invalid_blocks/;

function failingRow(point: string, hold: KillHold): KillRow {
  return {
    job: 'a job failing for good',
    point,
    hold,
    jobName: 'cluster-diagnose',
    start: async ({ h }, arm) => {
      arm();
      // The answer is refused on the killed run and on the run that takes over.
      h.slack.failNext('chat.postMessage', { error: 'invalid_blocks' }, 2, (body) => /^Diagnosis of crash-loop/.test(String(body['text'])));
      await h.command('diagnose crash-loop');
    },
    finish: async ({ h }) => {
      await h.waitForMessage(REFUSED, 60_000);
    },
    check: async ({ h }) => {
      expect(count(h, REFUSED)).toBe(1);
      expect(count(h, /^Diagnosis of crash-loop/)).toBe(0);
      expect(h.slack.messages(CHANNEL)).toHaveLength(1);
      expect(await jobStates(h, 'cluster-diagnose')).toEqual(['failed']);
    },
  };
}

export const KILL_ROWS: readonly KillRow[] = [
  createRow('before Magnum gets the create', {
    cloud: { service: 'magnum', method: 'POST', path: '^/v1/clusters$', phase: 'request' },
  }),
  createRow('after Magnum accepted the create, before the worker hears so', {
    cloud: { service: 'magnum', method: 'POST', path: '^/v1/clusters$', phase: 'response' },
  }),
  createRow('after Slack accepted the progress message, before its ts is saved', post(/Creating omega/)),
  pollerRow('while it lists the clusters, before it hears the answer', {
    cloud: { service: 'magnum', method: 'GET', path: '^/v1/clusters(/detail)?$', phase: 'response' },
  }),
  pollerRow('after Slack accepted a progress update, before the operation is saved', {
    slack: { method: 'POST', path: /^\/api\/chat\.update/, body: /omega/, phase: 'response' },
  }),
  pollerRow('after Slack accepted "is ready", before its finish job is done', post(/omega is ready/)),
  deleteRow('before Magnum gets the delete', {
    cloud: { service: 'magnum', method: 'DELETE', path: '^/v1/clusters/', phase: 'request' },
  }),
  deleteRow('after Magnum accepted the delete, before the worker hears so', {
    cloud: { service: 'magnum', method: 'DELETE', path: '^/v1/clusters/', phase: 'response' },
  }),
  deleteRow('after Slack accepted the progress message, before its ts is saved', post(/Deleting healthy/)),
  resizeRow('before Magnum gets the resize', {
    cloud: { service: 'magnum', method: 'POST', path: '/actions/resize$', phase: 'request' },
  }),
  resizeRow('after Magnum accepted the resize, before the worker hears so', {
    cloud: { service: 'magnum', method: 'POST', path: '/actions/resize$', phase: 'response' },
  }),
  resizeRow('after Slack accepted the progress message, before its ts is saved', post(/Resizing healthy/)),
  upgradeRow('before Magnum gets the upgrade', {
    cloud: { service: 'magnum', method: 'POST', path: '/actions/upgrade$', phase: 'request' },
  }),
  upgradeRow('after Slack accepted the progress message, before its ts is saved', post(/Upgrading healthy/)),
  upgradeRow('after Magnum accepted the upgrade, before the worker hears so', {
    cloud: { service: 'magnum', method: 'POST', path: '/actions/upgrade$', phase: 'response' },
  }),
  lbRow('before Octavia gets the delete', {
    cloud: { service: 'octavia', method: 'DELETE', path: '/lbaas/loadbalancers/', phase: 'request' },
  }),
  lbRow('after Octavia accepted the delete, before the worker hears so', {
    cloud: { service: 'octavia', method: 'DELETE', path: '/lbaas/loadbalancers/', phase: 'response' },
  }),
  lbRow('after Slack accepted "deleting the load balancers", before the step is saved', post(/Deleting 1 load balancer/)),
  lbRow('after Slack accepted "load balancers are gone", before the job ends', post(/load balancers are gone/), 'gone'),
  workloadRow('scale', 'before the Kubernetes API gets the scale', {
    cloud: { service: 'kube', method: 'PATCH', path: '/scale$', phase: 'request' },
  }),
  workloadRow('scale', 'after the Kubernetes API scaled, before the worker hears so', {
    cloud: { service: 'kube', method: 'PATCH', path: '/scale$', phase: 'response' },
  }),
  workloadRow('scale', 'after Slack accepted the answer, before its ts is saved', post(/scaled/)),
  workloadRow('restart', 'before the Kubernetes API gets the rollout restart', {
    cloud: { service: 'kube', method: 'PATCH', path: '/deployments/orders-api$', phase: 'request' },
  }),
  workloadRow('restart', 'after the Kubernetes API restarted, before the worker hears so', {
    cloud: { service: 'kube', method: 'PATCH', path: '/deployments/orders-api$', phase: 'response' },
  }),
  workloadRow('restart', 'after Slack accepted the answer, before its ts is saved', post(/restarted/)),
  ticketRow('before the sink gets the bundle', { tickets: { method: 'POST', path: /./, phase: 'request' } }),
  ticketRow('after the sink opened the ticket, before the worker hears so', {
    tickets: { method: 'POST', path: /./, phase: 'response' },
  }),
  ticketRow('after Slack accepted "Opened", before the job ends', post(/Opened/)),
  watchRow('before Slack gets "Watching"', post(/Watching crash-loop/, 'request')),
  watchRow('after Slack accepted "Watching", before the loop is rescheduled', post(/Watching crash-loop/)),
  watchRow('after Slack accepted an incident, before it is saved', post(/crash looping/)),
  watchRow('while a tick reads the cluster', {
    cloud: { service: 'kube', method: 'GET', path: '^/api/v1/pods|/pods', phase: 'request' },
  }),
  failingRow('in its last attempt, before Slack gets the failure message', post(/Slack refused chat\.postMessage/, 'request')),
  failingRow('after Slack accepted the failure message, before the job is failed', post(/Slack refused chat\.postMessage/)),
];
