import type { KPod, KubeState } from '../core/kube-state.js';
import type { Message } from '../core/ports.js';
import { SOURCES } from '../core/sources.js';
import { context, section } from './blocks.js';
import { code, escapeMrkdwn, link, mentionUser } from './mrkdwn.js';

/** Kolla-Kubernetes' resource order (its multi-node guide, "Check Status"): storage, then service, config, bootstrap, pods. */
export const APP_RESOURCE_KINDS = ['pv', 'pvc', 'svc', 'configmap', 'bootstrap', 'pod'] as const;
export type AppResourceKind = (typeof APP_RESOURCE_KINDS)[number];

export const APP_MARKS = ['ok', 'pending', 'fail', 'missing'] as const;
export type AppMark = (typeof APP_MARKS)[number];

export interface AppStatusItem {
  kind: AppResourceKind;
  /** `ns/name`, or the name for cluster-scoped objects; `-` when missing. */
  name: string;
  mark: AppMark;
  detail: string;
}

const EMOJI: Readonly<Record<AppMark, string>> = {
  ok: ':white_check_mark:',
  pending: ':hourglass_flowing_sand:',
  fail: ':x:',
  missing: ':heavy_minus_sign:',
};

const belongs = (name: string, app: string) => name === app || name.startsWith(`${app}-`);

function appPods(state: KubeState, app: string): KPod[] {
  return state.pods.filter(
    (p) =>
      p.owner?.kind !== 'Job' &&
      (p.labels['service'] === app || p.labels['app'] === app || p.labels['app.kubernetes.io/name'] === app || belongs(p.name, app)),
  );
}

function podItem(p: KPod): AppStatusItem {
  const regular = p.containers.filter((c) => !c.init);
  const ready = regular.filter((c) => c.ready).length;
  const running = p.status === 'Running' && ready === regular.length && p.deletionTimestamp === null;
  const status = p.deletionTimestamp !== null ? 'Terminating' : p.status;
  const mark: AppMark = running
    ? 'ok'
    : status === 'Pending' || status === 'ContainerCreating' || status.startsWith('Init:')
      ? 'pending'
      : 'fail';
  return {
    kind: 'pod',
    name: `${p.namespace}/${p.name}`,
    mark,
    detail: `${status} ${ready}/${regular.length} ready${p.nodeName ? ` on ${p.nodeName}` : ''}`,
  };
}

/** The application's objects in dependency order, each with a status mark. Pure. */
export function appStatusItems(state: KubeState, app: string): AppStatusItem[] {
  const pvcs = state.pvcs.filter((c) => belongs(c.name, app));
  const pvcKeys = new Set(pvcs.map((c) => `${c.namespace}/${c.name}`));
  const pvs = state.pvs.filter((v) => belongs(v.name, app) || (v.claim !== null && pvcKeys.has(`${v.claim.namespace}/${v.claim.name}`)));
  const items: AppStatusItem[] = [];
  const missing = (kind: AppResourceKind) => items.push({ kind, name: '-', mark: 'missing', detail: 'not found' });
  if (pvs.length === 0) missing('pv');
  for (const v of pvs) {
    items.push({
      kind: 'pv',
      name: v.name,
      mark: v.phase === 'Bound' ? 'ok' : v.phase === 'Available' ? 'pending' : 'fail',
      detail: `${v.phase} (${v.source})`,
    });
  }
  if (pvcs.length === 0) missing('pvc');
  for (const c of pvcs) {
    items.push({
      kind: 'pvc',
      name: `${c.namespace}/${c.name}`,
      mark: c.phase === 'Bound' ? 'ok' : c.phase === 'Pending' ? 'pending' : 'fail',
      detail: c.phase,
    });
  }
  const services = state.services.filter((s) => s.name === app);
  if (services.length === 0) missing('svc');
  for (const s of services) {
    const ep = state.endpoints.find((e) => e.namespace === s.namespace && e.name === s.name);
    const ready = ep?.readyAddresses ?? 0;
    const ok = s.selector === null || ready > 0;
    items.push({
      kind: 'svc',
      name: `${s.namespace}/${s.name}`,
      mark: ok ? 'ok' : 'fail',
      detail: s.selector === null ? s.type : `${ready} ready endpoint${ready === 1 ? '' : 's'}`,
    });
  }
  const maps = state.configMaps.filter((m) => belongs(m.name, app));
  if (maps.length === 0) missing('configmap');
  for (const m of maps)
    items.push({
      kind: 'configmap',
      name: `${m.namespace}/${m.name}`,
      mark: 'ok',
      detail: `${m.keys.length} key${m.keys.length === 1 ? '' : 's'}`,
    });
  const jobs = state.jobs.filter((j) => belongs(j.name, app) && j.name.includes('bootstrap'));
  if (jobs.length === 0) missing('bootstrap');
  for (const j of jobs) {
    const mark: AppMark = j.failed > 0 && j.succeeded === 0 ? 'fail' : j.succeeded > 0 ? 'ok' : 'pending';
    const detail =
      j.succeeded > 0
        ? 'Complete (Kolla: delete the bootstrap job once done, known issue #1)'
        : j.active > 0
          ? 'Running'
          : j.failed > 0
            ? `Failed (${j.failed})`
            : 'Pending';
    items.push({ kind: 'bootstrap', name: `${j.namespace}/${j.name}`, mark, detail });
  }
  const pods = appPods(state, app);
  if (pods.length === 0) missing('pod');
  items.push(...pods.map(podItem));
  return items;
}

/** The `/kube status NAME APP` answer: one line per object, in Kolla's order. */
export function renderAppStatusMessage(input: {
  cluster: string;
  app: string;
  items: readonly AppStatusItem[];
  requester: string;
}): Message {
  const found = input.items.filter((i) => i.mark !== 'missing');
  const bad = input.items.filter((i) => i.mark === 'fail' || i.mark === 'pending').length;
  const headline =
    found.length === 0
      ? `:grey_question: Nothing named ${code(input.app)} on ${code(input.cluster)}`
      : `${bad === 0 ? ':large_green_circle:' : ':large_orange_circle:'} Status of ${code(input.app)} on ${code(input.cluster)}: ${bad === 0 ? 'all ready' : `${bad} not ready`}`;
  const lines = input.items.map((i) => `${EMOJI[i.mark]} *${i.kind}* ${i.name === '-' ? '-' : code(i.name)}: ${escapeMrkdwn(i.detail)}`);
  return {
    text: `Status of ${input.app} on ${input.cluster}`,
    blocks: [
      section(headline),
      section(lines.join('\n')),
      context(
        `Requested by ${mentionUser(input.requester)} · order: pv, pvc, svc, configmap, bootstrap, pod, as in the ${link(SOURCES.kollaK8sStatus.url, 'Kolla-Kubernetes multi-node guide')}`,
      ),
    ],
  };
}
