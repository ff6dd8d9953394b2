import type { Message } from '../core/ports.js';
import { context, section } from './blocks.js';
import { codeBlock, escapeMrkdwn } from './mrkdwn.js';

export interface HelpEntry {
  name: string;
  summary: string;
  usage: string;
  examples: readonly string[];
  role: string;
}

/** `/kube help`: every subcommand with its usage. */
export function renderHelp(entries: readonly HelpEntry[]): Message {
  const lines = entries.map((e) => `\`${e.usage}\`\n      ${escapeMrkdwn(e.summary)}`);
  const text = `kube-chatops: run and diagnose Magnum Kubernetes clusters.\n${entries.map((e) => e.usage).join('\n')}`;
  return {
    text,
    blocks: [
      section('*kube-chatops* runs and diagnoses Kubernetes clusters on OpenStack Magnum.'),
      section(lines.join('\n')),
      context('`/kube help SUBCOMMAND` shows examples. Changes (create, delete, resize, upgrade, scale, restart) need the operator role.'),
    ],
  };
}

/** `/kube help SUB`: one subcommand in detail. */
export function renderCommandHelp(entry: HelpEntry): Message {
  const examples = entry.examples.join('\n');
  return {
    text: `${entry.usage}\n${entry.summary}\nExamples:\n${examples}`,
    blocks: [
      section(`*/kube ${escapeMrkdwn(entry.name)}*: ${escapeMrkdwn(entry.summary)}`),
      section(`Usage\n${codeBlock(entry.usage)}`),
      section(`Examples\n${codeBlock(examples)}`),
      context(`Needs the ${entry.role} role.`),
    ],
  };
}
