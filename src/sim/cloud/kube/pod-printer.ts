import type { SimPod } from './kube-types.js';

/** The cells kubectl prints for a pod (a port of kubectl's printPod, the 1.27 rules). */
export interface PodColumns {
  ready: string;
  status: string;
  restarts: number | string;
  age: string;
  ip: string;
  node: string;
  nominatedNode: string;
  readinessGates: string;
}

/** Computes the `kubectl get pods -o wide` columns of a pod at `now`. */
export function podColumns(pod: SimPod, now: number): PodColumns {
  const { status, spec } = pod;
  let reason = status.reason ?? status.phase;
  let restarts = 0;
  let lastRestart = 0;
  let ready = 0;
  let initializing = false;
  const noteRestart = (finishedAt: string | undefined) => {
    const at = finishedAt ? Date.parse(finishedAt) : 0;
    if (at > lastRestart) lastRestart = at;
  };
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [i, c] of initStatuses.entries()) {
    restarts += c.restartCount;
    noteRestart(c.lastState.terminated?.finishedAt);
    const t = c.state.terminated;
    if (t && t.exitCode === 0) continue;
    if (t) reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
    else if (c.state.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${spec.initContainers?.length ?? initStatuses.length}`;
    initializing = true;
    break;
  }
  const initialized = status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false;
  if (!initializing || initialized) {
    restarts = 0;
    lastRestart = 0;
    let hasRunning = false;
    const containers = status.containerStatuses ?? [];
    for (let i = containers.length - 1; i >= 0; i -= 1) {
      const c = containers[i];
      if (!c) continue;
      restarts += c.restartCount;
      noteRestart(c.lastState.terminated?.finishedAt);
      const t = c.state.terminated;
      if (c.state.waiting?.reason) reason = c.state.waiting.reason;
      else if (t?.reason) reason = t.reason;
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
      else if (c.ready && c.state.running) {
        hasRunning = true;
        ready += 1;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';
  const gates = spec.readinessGates ?? [];
  const gatesTrue = gates.filter((g) => status.conditions?.some((c) => c.type === g.conditionType && c.status === 'True')).length;
  return {
    ready: `${ready}/${spec.containers.length}`,
    status: reason,
    restarts: lastRestart > 0 ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : restarts,
    age: humanDuration(now - Date.parse(pod.metadata.creationTimestamp)),
    ip: status.podIP ?? '<none>',
    node: spec.nodeName ?? '<none>',
    nominatedNode: status.nominatedNodeName ?? '<none>',
    readinessGates: gates.length > 0 ? `${gatesTrue}/${gates.length}` : '<none>',
  };
}

/** Go's `duration.HumanDuration`, which kubectl uses for AGE. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (Number.isNaN(seconds)) return '<unknown>';
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}
