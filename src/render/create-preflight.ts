import type { Finding } from '../core/finding.js';
import type { Message } from '../core/ports.js';
import { actions, button, context, section } from './blocks.js';
import { formatDuration } from './duration.js';
import { code, escapeMrkdwn, link, mentionUser } from './mrkdwn.js';
import { CREATE_ACTIONS } from '../core/requests/create-request.js';

/** The pre-flight warning (the Catalyst known issue: docker volume size on an overlay2 template): what and why. */
export function renderCreatePreflight(cluster: string, finding: Finding): Message {
  const evidence = finding.evidence.map((e) => `• ${escapeMrkdwn(e)}`).join('\n');
  return {
    text: `Before creating ${cluster}: ${finding.title}`,
    blocks: [
      section(`:warning: *Before creating ${code(cluster)}:* ${escapeMrkdwn(finding.title)}`),
      section(
        `${evidence}\n${escapeMrkdwn(finding.explanation)}${finding.reference ? `\n_Reference:_ ${link(finding.reference.url, finding.reference.title)}` : ''}`,
      ),
    ],
  };
}

/**
 * What "create without the volume" can mean. Magnum gives a cluster the template's
 * docker_volume_size whenever the request sets none (and refuses 0), so only a volume that
 * comes from the request alone can simply be left out; a template's own volume needs a
 * template without it.
 */
export type WithoutVolumeChoice =
  | { kind: 'omit-size' }
  | { kind: 'other-template'; from: string; template: string }
  | { kind: 'unavailable'; from: string; size: number; alternatives: readonly string[] };

const WITHOUT_VOLUME_BUTTON = 'Create without the volume';

function withVolumeButton(token: string) {
  return button({
    actionId: CREATE_ACTIONS.withVolume,
    text: 'Create with the volume anyway',
    value: token,
    style: 'danger',
    confirm: {
      title: 'Create with the volume?',
      text: 'The known issue leaves kube-system pods in ContainerCreating; the cluster will need to be recreated.',
      confirm: 'Create anyway',
      deny: 'Back',
    },
  });
}

/** Why a template's own volume cannot just be left out, and what "without" does instead. */
function templateNote(cluster: string, without: Exclude<WithoutVolumeChoice, { kind: 'omit-size' }>): string {
  const why = `Template ${code(without.from)} sets docker_volume_size itself, and Magnum gives it to every cluster that sets none (it refuses 0).`;
  if (without.kind === 'other-template') {
    return `${why} Without the volume, ${code(cluster)} is made from ${code(without.template)}: the same template apart from docker_volume_size.`;
  }
  const others = without.alternatives.map(code).join(', ');
  const first = without.alternatives[0];
  const rerun = first === undefined ? '' : ` (${code(`/kube create ${cluster} --template ${first}`)})`;
  return `${why} No template here is the same apart from the volume. ${others ? `Templates without this combination: ${others}; create from one of them instead${rerun}.` : 'The project has no template without this combination.'}`;
}

/**
 * The choice, in its own message (replaced once decided, the warning above stays). All the
 * buttons carry the same single-use token, so only the first click counts; the safe choice
 * is the primary one (cancel, when the volume cannot be left out).
 */
export function renderCreatePreflightChoice(
  cluster: string,
  opts: { user: string; token: string; expiresInMs: number; without?: WithoutVolumeChoice },
): Message {
  const without = opts.without ?? { kind: 'omit-size' };
  const who = context(`Only ${mentionUser(opts.user)} or an admin can choose; the buttons expire in ${formatDuration(opts.expiresInMs)}.`);
  if (without.kind === 'unavailable') {
    const question = `${cluster} cannot be created from template ${escapeMrkdwn(without.from)} without its ${without.size} GB docker volume: create it with the volume anyway, or cancel?`;
    return {
      text: question,
      blocks: [
        section(
          `${code(cluster)} cannot be created from template ${code(without.from)} without its ${without.size} GB docker volume: create it with the volume anyway, or cancel?`,
        ),
        section(templateNote(cluster, without)),
        actions('lifecycle-create-preflight', [
          button({ actionId: CREATE_ACTIONS.cancel, text: 'Cancel', value: opts.token, style: 'primary' }),
          withVolumeButton(opts.token),
        ]),
        who,
      ],
    };
  }
  const recommended =
    without.kind === 'other-template'
      ? `recommended: from template ${escapeMrkdwn(without.template)}, the same apart from docker_volume_size`
      : 'recommended';
  const blocks = [section(`Create ${code(cluster)} without the docker volume (recommended), with it anyway, or cancel?`)];
  if (without.kind === 'other-template') blocks.push(section(templateNote(cluster, without)));
  return {
    text: `Create ${cluster} without the docker volume (${recommended}), with it anyway, or cancel?`,
    blocks: [
      ...blocks,
      actions('lifecycle-create-preflight', [
        button({ actionId: CREATE_ACTIONS.withoutVolume, text: WITHOUT_VOLUME_BUTTON, value: opts.token, style: 'primary' }),
        withVolumeButton(opts.token),
        button({ actionId: CREATE_ACTIONS.cancel, text: 'Cancel', value: opts.token }),
      ]),
      who,
    ],
  };
}

/** The thread note when "without the volume" switched to the template that has none. */
export function renderCreateFromTwinTemplate(cluster: string, from: string, to: string): Message {
  return {
    text: `Creating ${cluster} from template ${escapeMrkdwn(to)} (the same as ${escapeMrkdwn(from)} without docker_volume_size), so it gets no docker volume.`,
    blocks: [
      section(
        `Creating ${code(cluster)} from template ${code(to)} (the same as ${code(from)} without docker_volume_size), so it gets no docker volume.`,
      ),
    ],
  };
}

/** Replaces a confirmation message's buttons once someone decided. */
export function renderDecided(original: string, decision: string): Message {
  return { text: `${original} ${decision}`, blocks: [section(`${escapeMrkdwn(original)}\n${decision}`)] };
}
