import type { DemoStage } from './demo.js';
import { DEMO_OPERATOR } from './demo-world.js';
import { CREATE_ACTIONS } from '../core/requests/create-request.js';
import { DELETE_ACTIONS, LOADBALANCERS_ACTIONS } from '../core/requests/delete-request.js';
import { TICKET_ACTION_ID } from '../core/requests/ticket-request.js';

/** The scripted conversation of `npm run demo`, scene by scene. */
export async function playDemoScript(stage: DemoStage): Promise<void> {
  const { world } = stage;

  stage.scene('/kube help', 'Usage is answered at once, only to the person who asked.');
  stage.printAck(await world.say('help'), DEMO_OPERATOR);

  stage.scene('/kube list', 'The channel’s project: one cluster per simulated failure scenario.');
  const list = await stage.command('list', /clusters?, /);
  await stage.printThread(list, /clusters?, /);

  stage.scene(
    '/kube create demo-a --template k8s-1.27-overlay2 --nodes 2 --docker-volume-size 20',
    'The pre-flight knows the overlay2 + docker_volume_size bug (Catalyst known issue 2); Olivia creates without the volume.\nThe create takes ~18 simulated minutes; one progress message is edited in place.',
  );
  await world.say('create demo-a --template k8s-1.27-overlay2 --nodes 2 --docker-volume-size 20');
  const choice = await world.waitForMessage(/^Create demo-a without the docker volume/);
  await world.click(choice, CREATE_ACTIONS.withoutVolume);
  const ready = await world.waitForMessage(/demo-a is ready/, 120_000);
  await stage.printThread(ready, /no problems|finding|Health check|health check/i);

  stage.scene(
    '/kube create demo-capi --template k8s-1.30-capi-helm --nodes 1',
    'A Cluster API driver (magnum-capi-helm), as clouds run Magnum now: no Heat stack; progress is the machines in Nova against the nodegroups, in the usual 5-15 min.',
  );
  const capi = await stage.command('create demo-capi --template k8s-1.30-capi-helm --nodes 1', /^Create demo-capi requested/);
  await world.waitForMessage(/demo-capi is ready/, 120_000);
  await stage.printThread(capi, /Health check of demo-capi|Diagnosis of demo-capi/);

  stage.scene(
    '/kube diagnose capi-machines-fail',
    'A Cluster API create never fails on its own: Magnum stays CREATE_IN_PROGRESS while the workers sit in Nova ERROR. The bot names the machines and the fault.',
  );
  const machines = await stage.command('diagnose capi-machines-fail', /^Cluster capi-machines-fail is/);
  await stage.printThread(machines, /^Diagnosis of capi-machines-fail/);

  stage.scene('/kube show healthy', 'The ticket-ready dump, byte-identical to `openstack coe cluster show` apart from redacted values.');
  const show = await stage.command('show healthy', /^Cluster healthy is/);
  await stage.printThread(show, /openstack coe cluster show/);

  stage.scene(
    '/kube diagnose docker-volume-overlay2',
    'CREATE_COMPLETE, yet kube-system pods sit in ContainerCreating: the bot names the Catalyst known issue and its remedy.',
  );
  const overlay = await stage.command('diagnose docker-volume-overlay2', /^Cluster docker-volume-overlay2 is/);
  await stage.printThread(overlay, /^Diagnosis of docker-volume-overlay2/);

  stage.scene('/kube pods docker-volume-overlay2 --problems', 'The `kubectl get pods -A -o wide` view of the seed, problems first.');
  await world.say('pods docker-volume-overlay2 --problems');
  const pods = await world.waitForMessage(/^Pods of docker-volume-overlay2/);
  await stage.printThread(pods, /^Pods of docker-volume-overlay2/);

  stage.scene('/kube diagnose crash-loop', 'Generic Kubernetes failures too: a crash loop with its exit code, an OOM kill.');
  const crash = await stage.command('diagnose crash-loop', /^Cluster crash-loop is/);
  await stage.printThread(crash, /^Diagnosis of crash-loop/);

  stage.scene(
    '/kube delete lb-blocks-delete',
    'A load balancer added after creation blocks the delete (Catalyst known issue 1): the bot finds it and offers the fix.',
  );
  const preview = await stage.command('delete lb-blocks-delete', /^Delete lb-blocks-delete/);
  await world.click(preview, DELETE_ACTIONS.confirm);
  const offer = await world.waitForMessage(/^Delete (this|these \d+) load balancers? and retry/, 120_000);
  await world.click(offer, LOADBALANCERS_ACTIONS.confirm);
  await world.waitForMessage(/lb-blocks-delete is deleted/, 120_000);
  await stage.printThread(preview, /lb-blocks-delete is deleted/);

  stage.scene(
    'Attach to support ticket',
    'One click on the docker-volume-overlay2 diagnosis: the bundle (cluster show, template, findings, Heat failures, events, history), redacted, goes to the ticket system.',
  );
  const diagnosis = await world.waitForMessage(/^Diagnosis of docker-volume-overlay2/);
  await world.click(diagnosis, TICKET_ACTION_ID);
  await world.waitForMessage(/^Opened .* with the support bundle/, 60_000);
  await stage.printThread(diagnosis, /^Opened .* with the support bundle/);
  const ticket = world.zendesk.state.tickets[0];
  if (ticket)
    console.log(
      `\nZendesk stand-in: ticket #${ticket.id} "${ticket.subject}" with ${ticket.comments[0]?.attachments.length ?? 0} attachment(s).`,
    );
}
