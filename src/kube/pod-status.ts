import type { WirePod } from './kube-schemas.js';

/**
 * The STATUS column of `kubectl get pods`: a port of kubectl's printPod (1.27), so the bot
 * says "ContainerCreating", "Init:0/2", "CrashLoopBackOff" or "Terminating" exactly where
 * kubectl would.
 */
export function podStatusColumn(pod: WirePod): string {
  const status = pod.status ?? {};
  let reason = status.reason || status.phase || 'Unknown';
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  const initCount = pod.spec?.initContainers?.length ?? initStatuses.length;
  for (const [i, c] of initStatuses.entries()) {
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (terminated) {
      reason = terminated.reason
        ? `Init:${terminated.reason}`
        : terminated.signal
          ? `Init:Signal:${terminated.signal}`
          : `Init:ExitCode:${terminated.exitCode ?? 0}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
    break;
  }
  const initialized = status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false;
  if (!initializing || initialized) {
    let hasRunning = false;
    const containers = status.containerStatuses ?? [];
    for (let i = containers.length - 1; i >= 0; i -= 1) {
      const c = containers[i];
      const terminated = c?.state?.terminated;
      if (c?.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated) reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      else if (c?.ready && c.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      reason = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') return 'Unknown';
  if (pod.metadata.deletionTimestamp && status.phase !== 'Succeeded' && status.phase !== 'Failed') return 'Terminating';
  return reason;
}
