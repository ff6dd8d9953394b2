import { DEPLOY_FAILURE_TEXT } from './heat-schedule.js';
import type { ResourceNode, StackNode } from './heat-tree.js';
import { heatTime, stableUuid } from './ids.js';
import { floatingAddress } from './network-model.js';

const DESCRIPTION =
  'This template will boot a Kubernetes cluster with one or more minions (as specified by the number_of_minions parameter, which defaults to 1).\n';

/** Canonical URL of a stack: `<base>/stacks/<name>/<id>`. */
export function stackHref(base: string, stack: StackNode): string {
  return `${base}/stacks/${stack.name}/${stack.id}`;
}

function stackTimes(stack: StackNode): { created: number; updated: number | null } {
  if (!stack.parent)
    return { created: stack.cluster.createdAt, updated: stack.cluster.ops.length > 1 ? (stack.cluster.ops.at(-1)?.at ?? null) : null };
  const own = stack.parent.resources.find((r) => r.nested === stack);
  return { created: own?.createdAt ?? stack.cluster.createdAt, updated: own?.updatedAt ?? null };
}

/** The stack-list item Heat returns from `GET /stacks`. */
export function stackSummary(base: string, stack: StackNode): Record<string, unknown> {
  const t = stackTimes(stack);
  return {
    creation_time: heatTime(t.created),
    deletion_time: null,
    description: stack.parent ? 'No description' : DESCRIPTION,
    id: stack.id,
    links: [{ href: stackHref(base, stack), rel: 'self' }],
    parent: stack.parent?.id ?? null,
    stack_name: stack.name,
    stack_owner: null,
    stack_status: stack.status,
    stack_status_reason: stack.reason,
    stack_user_project_id: stableUuid(`${stack.cluster.uuid}-stack-user`).replace(/-/g, ''),
    tags: null,
    updated_time: t.updated === null ? null : heatTime(t.updated),
    project: stack.cluster.projectId,
  };
}

function outputs(stack: StackNode): object[] {
  const c = stack.cluster;
  if (stack.parent || !['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_IN_PROGRESS'].includes(stack.status)) return [];
  const masters = Array.from({ length: c.masterCount }, (_, i) => floatingAddress(c, i));
  const workers = Array.from({ length: c.nodeCount }, (_, i) => floatingAddress(c, 10 + i));
  return [
    {
      output_key: 'api_address',
      output_value: masters[0] ?? null,
      description: 'This is the API endpoint of the Kubernetes cluster. Use this to access the Kubernetes API.',
    },
    {
      output_key: 'kube_masters',
      output_value: masters,
      description:
        'This is a list of the "public" IP addresses of all the Kubernetes masters. Use these IP addresses to log in to the Kubernetes masters via ssh.',
    },
    {
      output_key: 'kube_minions',
      output_value: workers,
      description:
        'This is a list of the "public" IP addresses of all the Kubernetes minions. Use these IP addresses to log in to the Kubernetes minions via ssh.',
    },
  ];
}

/** `{"stack": ...}` as Heat's show returns it. */
export function stackDetail(base: string, stack: StackNode): object {
  const s = stackSummary(base, stack);
  const c = stack.cluster;
  return {
    stack: {
      parent: s['parent'],
      disable_rollback: true,
      description: s['description'],
      parameters: {
        'OS::project_id': c.projectId,
        'OS::stack_id': stack.id,
        'OS::stack_name': stack.name,
        number_of_masters: String(c.masterCount),
        number_of_minions: String(c.nodeCount),
      },
      deletion_time: null,
      stack_name: stack.name,
      stack_user_project_id: s['stack_user_project_id'],
      stack_status_reason: stack.reason,
      creation_time: s['creation_time'],
      links: s['links'],
      capabilities: [],
      notification_topics: [],
      tags: null,
      timeout_mins: c.createTimeout,
      stack_status: stack.status,
      stack_owner: null,
      updated_time: s['updated_time'],
      id: stack.id,
      outputs: outputs(stack),
      template_description: s['description'],
    },
  };
}

/** A resource as Heat lists it; `parent` names the parent resource for nested listings. */
export function resourceView(base: string, stack: StackNode, r: ResourceNode, parent: string | null): object {
  const links = [
    { href: `${stackHref(base, stack)}/resources/${r.name}`, rel: 'self' },
    { href: stackHref(base, stack), rel: 'stack' },
  ];
  if (r.nested) links.push({ href: stackHref(base, r.nested), rel: 'nested' });
  return {
    resource_name: r.name,
    links,
    logical_resource_id: r.name,
    creation_time: heatTime(r.createdAt),
    resource_status: r.status,
    updated_time: heatTime(r.updatedAt),
    required_by: [],
    resource_status_reason: r.reason,
    physical_resource_id: r.physicalId,
    resource_type: r.type,
    ...(parent === null ? {} : { parent_resource: parent }),
  };
}

/** The software deployment behind a SoftwareDeployment resource (what `stack failures list` prints). */
export function deploymentView(r: ResourceNode, serverId: string): object {
  const failed = r.status.endsWith('_FAILED');
  const done = r.status.endsWith('_COMPLETE') && r.status !== 'INIT_COMPLETE';
  const stderr = failed
    ? '+ systemctl start kubelet\nJob for kubelet.service failed because the control process exited with error code.\nSee "systemctl status kubelet.service" and "journalctl -xe" for details.\n'
    : '';
  return {
    software_deployment: {
      status: failed ? 'FAILED' : done ? 'COMPLETE' : 'IN_PROGRESS',
      server_id: serverId,
      config_id: stableUuid(`${r.physicalId}-config`),
      output_values:
        done || failed
          ? {
              deploy_stdout: failed ? 'Starting kubelet on master...\n' : 'Done\n',
              deploy_stderr: stderr,
              deploy_status_code: failed ? 1 : 0,
            }
          : null,
      creation_time: heatTime(r.createdAt),
      input_values: {},
      action: 'CREATE',
      status_reason: failed ? DEPLOY_FAILURE_TEXT : done ? 'Outputs received' : 'Deploy data available',
      id: r.physicalId,
      updated_time: heatTime(r.updatedAt),
    },
  };
}

/** Heat's events for the resources of one stack level, oldest first. */
export function eventsView(base: string, stack: StackNode, resources: ResourceNode[]): object[] {
  const events = resources.flatMap((r) => {
    if (r.status === 'INIT_COMPLETE') return [];
    const action = r.status.split('_')[0] as string;
    const list = [{ r, status: `${action}_IN_PROGRESS`, reason: 'state changed', at: r.createdAt }];
    if (!r.status.endsWith('_IN_PROGRESS')) list.push({ r, status: r.status, reason: r.reason, at: r.updatedAt });
    return list;
  });
  // Heat also records the stack's own transitions, under the stack's name.
  const self = { name: stack.name, physicalId: stack.id } as ResourceNode;
  const times = stackTimes(stack);
  const action = stack.status.split('_')[0] as string;
  events.unshift({ r: self, status: `${action}_IN_PROGRESS`, reason: `Stack ${action} started`, at: times.updated ?? times.created });
  if (!stack.status.endsWith('_IN_PROGRESS')) {
    const last = Math.max(times.created, ...resources.map((r) => r.updatedAt));
    events.push({ r: self, status: stack.status, reason: stack.reason, at: last });
  }
  events.sort((a, b) => a.at - b.at);
  return events.map((e) => {
    const id = stableUuid(`${stack.id}-${e.r.name}-${e.status}`);
    return {
      resource_name: e.r.name,
      event_time: heatTime(e.at),
      links: [
        { href: `${stackHref(base, stack)}/resources/${e.r.name}/events/${id}`, rel: 'self' },
        { href: `${stackHref(base, stack)}/resources/${e.r.name}`, rel: 'resource' },
        { href: stackHref(base, stack), rel: 'stack' },
      ],
      logical_resource_id: e.r.name,
      resource_status: e.status,
      resource_status_reason: e.reason,
      physical_resource_id: e.r.physicalId,
      id,
    };
  });
}
