import { randomUUID } from 'node:crypto';
import type { ContainerLogs, SimObject } from './kube-types.js';

/** A recurring event: its count and lastTimestamp follow the clock while the cause lasts. */
export interface Recurrence {
  everyMs: number;
}

/**
 * The simulated cluster's objects, by resource (`pods`, `deployments`...), in etcd key order
 * (namespace, then name), plus container logs and recurring-event bookkeeping.
 */
export class KubeStore {
  private readonly objects = new Map<string, Map<string, SimObject>>();
  private readonly logs = new Map<string, ContainerLogs>();
  private readonly recurrences = new Map<string, Recurrence>();
  private revision = 1000;

  /** Objects of a resource, optionally in one namespace, sorted as etcd lists them. */
  list(resource: string, namespace?: string): SimObject[] {
    const all = [...(this.objects.get(resource)?.entries() ?? [])];
    return all
      .filter(([, obj]) => namespace === undefined || obj.metadata.namespace === namespace)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, obj]) => obj);
  }

  get(resource: string, namespace: string | undefined, name: string): SimObject | undefined {
    return this.objects.get(resource)?.get(key(namespace, name));
  }

  /** Adds or replaces an object; fills uid and bumps resourceVersion. */
  put<T extends SimObject>(resource: string, obj: T): T {
    let byKey = this.objects.get(resource);
    if (!byKey) {
      byKey = new Map();
      this.objects.set(resource, byKey);
    }
    obj.metadata.uid ||= randomUUID();
    obj.metadata.resourceVersion = String(++this.revision);
    byKey.set(key(obj.metadata.namespace, obj.metadata.name), obj);
    return obj;
  }

  remove(resource: string, namespace: string | undefined, name: string): boolean {
    return this.objects.get(resource)?.delete(key(namespace, name)) ?? false;
  }

  resourceVersion(): string {
    return String(this.revision);
  }

  setLogs(namespace: string, pod: string, container: string, logs: ContainerLogs): void {
    this.logs.set(`${namespace}/${pod}/${container}`, logs);
  }

  getLogs(namespace: string, pod: string, container: string): ContainerLogs | undefined {
    return this.logs.get(`${namespace}/${pod}/${container}`);
  }

  setRecurrence(namespace: string, eventName: string, recurrence: Recurrence): void {
    this.recurrences.set(`${namespace}/${eventName}`, recurrence);
  }

  getRecurrence(namespace: string, eventName: string): Recurrence | undefined {
    return this.recurrences.get(`${namespace}/${eventName}`);
  }

  /** The cause is gone: the event keeps its count and time so far and recurs no more. */
  endRecurrence(namespace: string, eventName: string, now: number): void {
    const recurrence = this.recurrences.get(`${namespace}/${eventName}`);
    const event = this.get('events', namespace, eventName);
    if (!recurrence || !event) return;
    const first = Date.parse(String(event['firstTimestamp']));
    if (now > first) {
      const repeats = Math.floor((now - first) / recurrence.everyMs);
      event['count'] = Number(event['count'] ?? 1) + repeats;
      event['lastTimestamp'] = new Date(first + repeats * recurrence.everyMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    this.recurrences.delete(`${namespace}/${eventName}`);
  }
}

function key(namespace: string | undefined, name: string): string {
  return namespace === undefined ? name : `${namespace}/${name}`;
}
