import { iso } from './kube-names.js';
import type { KubeStore } from './kube-store.js';
import type { SimPod } from './kube-types.js';
import { badRequest } from './kube-status.js';

export interface LogQuery {
  container: string | null;
  previous: boolean;
  tailLines: number | null;
  limitBytes: number | null;
}

/** `GET .../pods/{name}/log`: the container's log text, with the API server's 400s for bad asks. */
export function readLog(store: KubeStore, pod: SimPod, query: LogQuery): string {
  const name = pod.metadata.name;
  const names = pod.spec.containers.map((c) => c.name);
  const initNames = pod.spec.initContainers?.map((c) => c.name) ?? [];
  let container = query.container;
  if (!container) {
    if (names.length !== 1) throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`);
    container = names[0] ?? '';
  }
  if (!names.includes(container) && !initNames.includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
  const status = [...(pod.status.containerStatuses ?? []), ...(pod.status.initContainerStatuses ?? [])].find((s) => s.name === container);
  const logs = store.getLogs(pod.metadata.namespace ?? '', name, container);
  let text: string;
  if (query.previous) {
    if (!status?.lastState.terminated || logs?.previous === undefined)
      throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    text = logs.previous;
  } else {
    const crashed = status?.state.waiting && status.lastState.terminated;
    if (!status || (status.state.waiting && !crashed)) {
      throw badRequest(
        `container "${container}" in pod "${name}" is waiting to start: ${status?.state.waiting?.reason ?? 'ContainerCreating'}`,
      );
    }
    // A container waiting to restart still has its last run's log, which the kubelet serves.
    const last = crashed ? logs?.previous : logs?.current;
    text =
      last ??
      defaultLog(
        container,
        status.state.running?.startedAt ?? status.state.terminated?.startedAt ?? status.lastState.terminated?.startedAt,
      );
  }
  if (query.tailLines !== null) {
    const lines = text.split('\n');
    const trailing = lines.at(-1) === '' ? lines.pop() : undefined;
    text = lines.slice(Math.max(0, lines.length - query.tailLines)).join('\n') + (trailing === '' && query.tailLines > 0 ? '\n' : '');
  }
  if (query.limitBytes !== null) text = Buffer.from(text).subarray(0, query.limitBytes).toString();
  return text;
}

function defaultLog(container: string, startedAt: string | undefined): string {
  const start = startedAt ? Date.parse(startedAt) : 0;
  const at = (s: number) => iso(start + s * 1000);
  return [
    `${at(0)} I ${container}: starting`,
    `${at(1)} I ${container}: configuration loaded`,
    `${at(2)} I ${container}: serving`,
    '',
  ].join('\n');
}
