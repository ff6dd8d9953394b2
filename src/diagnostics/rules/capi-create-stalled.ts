/**
 * A Cluster API driver's create (or update) that cannot go on. Cluster API retries for ever,
 * so Magnum keeps the cluster *_IN_PROGRESS instead of failing it (magnum-capi-helm only moves
 * the status once the Cluster's conditions are True; magnum-cluster-api writes the latest
 * events to status_reason). What stops it shows in Cluster API Provider OpenStack's events,
 * in Nova (servers in ERROR, with their fault), in Octavia (the API load balancer) and in the
 * control plane machines' console (kubeadm). One finding per cause, most basic first.
 */
import { failedCapiEvent, parseCapiStatusReason, type CapiEvent } from '../../core/capi-status.js';
import type { Finding } from '../../core/finding.js';
import type { LoadBalancer, NovaServer } from '../../core/openstack-state.js';
import type { ClusterSnapshot } from '../../core/snapshot.js';
import { SOURCES, type SourceRef } from '../../core/sources.js';
import { capLines, clip, plural } from '../evidence.js';
import { humanDuration } from '../human-duration.js';
import { openstackRef } from '../object-refs.js';
import type { Rule, RuleContext } from '../rule.js';
import { createStartedAt } from './slow-create.js';

const RULE = 'capi-create-stalled';
/** A control plane machine running this long without its nodegroup completing has not initialised. */
const CONTROL_PLANE_INIT_MINUTES = 10;
const QUOTA = /quota exceeded|OverQuota|Quota exceeded/i;
const KUBEADM_FAILURE =
  /error execution phase|couldn't initialize a Kubernetes cluster|timed out waiting for the condition|\[kubelet-check\]/;

interface Cause {
  title: string;
  objects: string[];
  evidence: string[];
  explanation: string;
  remedy: string;
  reference: SourceRef;
}

function eventLine(e: CapiEvent): string {
  return `Cluster API event ${e.reason}: ${clip(e.message, 300)}`;
}

function quotaCause(event: CapiEvent | null, servers: NovaServer[]): Cause | null {
  const quotaServers = servers.filter((s) => s.fault !== null && QUOTA.test(s.fault));
  if (!(event !== null && QUOTA.test(event.message)) && quotaServers.length === 0) return null;
  const what = /\['(\w+)'\]/.exec(event?.message ?? '')?.[1] ?? /for (\w+)/.exec(quotaServers[0]?.fault ?? '')?.[1] ?? 'resources';
  return {
    title: `Cluster API cannot create the cluster: the project's ${what} quota is used up`,
    objects: quotaServers.map((s) => openstackRef('Server', s.name)),
    evidence: [...(event ? [eventLine(event)] : []), ...quotaServers.map((s) => `server ${s.name} ERROR: ${clip(s.fault ?? '', 200)}`)],
    explanation:
      'Neutron or Nova refused to create what the cluster needs because the project is at its quota. Cluster API retries the ' +
      'step every few minutes, so the create neither fails nor progresses: Magnum keeps saying CREATE_IN_PROGRESS.',
    remedy:
      `Free ${what} in the project (delete unused ones: \`openstack quota show\` lists usage) or ask the cloud operator to raise the quota; ` +
      'Cluster API picks the create up again on its next retry. Or delete the cluster.',
    reference: SOURCES.capoNetwork,
  };
}

function machinesCause(servers: NovaServer[]): Cause | null {
  const failed = servers.filter((s) => s.status === 'ERROR');
  if (failed.length === 0) return null;
  const fault = failed.find((s) => s.fault !== null)?.fault ?? 'no fault given';
  return {
    title: `${plural(failed.length, 'machine')} failed to boot: ${clip(fault, 120)}`,
    objects: failed.map((s) => openstackRef('Server', s.name)),
    evidence: failed.map((s) => `server ${s.name} ERROR${s.fault ? `: ${clip(s.fault, 200)}` : ''}`),
    explanation:
      'Nova put the machines Cluster API asked for in ERROR. "No valid host was found" means no hypervisor could take the flavor ' +
      '(capacity, or a flavor or availability zone the hosts do not offer). Cluster API waits on these machines, so the create stays in progress. ' +
      'An upgrade replaces machines by adding a new one before it removes an old one, so it needs room for one more machine than the cluster has.',
    remedy:
      'Check the flavor and availability zone of the nodegroup (`openstack coe nodegroup show`), then resize the nodegroup to 0 and back, ' +
      'or delete the cluster and create it with a flavor the cloud has room for. `openstack server show <server>` prints the fault.',
    reference: SOURCES.capoInstance,
  };
}

function loadBalancerCause(snapshot: ClusterSnapshot, event: CapiEvent | null): Cause | null {
  const apiLb: LoadBalancer | undefined = snapshot.loadBalancers.find((lb) => lb.name.endsWith('-kubeapi'));
  const lbEvent = event !== null && /LoadBalancer|Listener|Pool|Monitor|FloatingIP/.test(event.reason) ? event : null;
  const broken = apiLb !== undefined && apiLb.provisioningStatus === 'ERROR';
  if (!broken && lbEvent === null) return null;
  if (snapshot.cluster?.apiAddress) return null;
  return {
    title: "The API server's load balancer never became ACTIVE: the cluster's API has no address",
    objects: apiLb ? [openstackRef('LoadBalancer', apiLb.id)] : [],
    evidence: [
      ...(apiLb
        ? [`load balancer ${apiLb.name} (${apiLb.id}) provisioning ${apiLb.provisioningStatus}, operating ${apiLb.operatingStatus}`]
        : []),
      ...(lbEvent ? [eventLine(lbEvent)] : []),
      'api_address: none',
    ],
    explanation:
      'Cluster API Provider OpenStack puts an Octavia load balancer in front of the control plane and waits for it to be ACTIVE ' +
      'before the API gets its address. Octavia failed to provision it (amphora boot, or the provider), so nothing can join the cluster.',
    remedy:
      '`openstack loadbalancer show <id>` and `openstack loadbalancer amphora list --loadbalancer <id>` show what Octavia reports; ' +
      'a load balancer in ERROR is not retried: delete it (`openstack loadbalancer delete --cascade <id>`) and Cluster API creates a new one. ' +
      'If it fails again, ask the cloud operator about Octavia.',
    reference: SOURCES.capoLoadBalancer,
  };
}

function controlPlaneCause(snapshot: ClusterSnapshot, ctx: RuleContext): Cause | null {
  const master = snapshot.nodegroups.find((g) => g.role === 'master');
  if (master === undefined || master.status.endsWith('_COMPLETE')) return null;
  const running = (snapshot.servers ?? []).filter((s) => s.status === 'ACTIVE' && s.name.includes('-control-plane-'));
  const since = running.map((s) => s.createdAt ?? ctx.openstackNow).reduce((a, b) => Math.min(a, b), ctx.openstackNow);
  if (running.length === 0 || ctx.openstackNow - since < CONTROL_PLANE_INIT_MINUTES * 60_000) return null;
  const consoleLines = (snapshot.consoles ?? []).flatMap((c) =>
    c.lines.filter((l) => KUBEADM_FAILURE.test(l)).map((l) => `${c.server}: ${clip(l.trim(), 200)}`),
  );
  return {
    title: `The control plane is not initialising: ${plural(running.length, 'machine')} running for ${humanDuration(ctx.openstackNow - since)}, no Kubernetes API yet`,
    objects: running.map((s) => openstackRef('Server', s.name)),
    evidence: [
      `nodegroup ${master.name}: ${master.status}`,
      ...running.map((s) => `server ${s.name} ACTIVE`),
      ...(consoleLines.length > 0 ? consoleLines : ['console: no kubeadm error in the last lines']),
    ],
    explanation:
      'The control plane machines booted, but kubeadm init did not bring the API server up, so Cluster API never marks the control plane ' +
      'initialised and creates no workers. The console usually says why: images that cannot be pulled (no internet or registry access), ' +
      'a kubelet that does not start, or an image whose Kubernetes version does not match.',
    remedy:
      'Read the machine console (`openstack console log show <server>`) for the kubeadm error. Check that the machines reach the image registry ' +
      'and that the template image matches its Kubernetes version; then delete the cluster and create it again.',
    reference: SOURCES.magnumCapiHelmDriver,
  };
}

export const capiCreateStalled: Rule = {
  id: RULE,
  description:
    'Cluster API drivers: a create or update that cannot go on (quota, machines failing to boot, the API load balancer, the control plane not initialising).',
  suppresses: ['slow-create'],
  run(snapshot, ctx) {
    const cluster = snapshot.cluster;
    if (cluster === null || snapshot.driver?.family !== 'cluster-api') return [];
    if (cluster.status !== 'CREATE_IN_PROGRESS' && cluster.status !== 'UPDATE_IN_PROGRESS') return [];
    const event = failedCapiEvent(parseCapiStatusReason(cluster.statusReason));
    const servers = snapshot.servers ?? [];
    const cause =
      quotaCause(event, servers) ?? machinesCause(servers) ?? loadBalancerCause(snapshot, event) ?? controlPlaneCause(snapshot, ctx);
    if (cause === null) return [];
    const updating = cluster.status === 'UPDATE_IN_PROGRESS';
    const updatedAt = cluster.updatedAt ? Date.parse(cluster.updatedAt) : Number.NaN;
    const started = updating ? (Number.isNaN(updatedAt) ? null : updatedAt) : createStartedAt(snapshot);
    const finding: Finding = {
      rule: RULE,
      severity: 'critical',
      title: cause.title,
      objects: [openstackRef('Cluster', cluster.name), ...cause.objects],
      evidence: capLines(
        [
          `status: ${cluster.status}${started === null ? '' : ` for ${humanDuration(ctx.openstackNow - started)}`} (${snapshot.driver.driver}; it does not fail on its own)`,
          ...cause.evidence,
        ],
        ctx.thresholds.maxEvidenceLines,
      ),
      explanation: cause.explanation,
      remedy: cause.remedy,
      reference: cause.reference,
    };
    return [finding];
  },
};
