/**
 * Tiny Block Kit builders that keep within Slack's limits (section text 3,000 chars,
 * 10 fields of 2,000, 50 blocks, button value 2,000, action_id 255).
 */
import { truncate } from './mrkdwn.js';

export const LIMITS = { sectionText: 3000, field: 2000, fields: 10, blocks: 50, buttonValue: 2000, messageText: 40000 } as const;

export type Block = Record<string, unknown>;

export function section(mrkdwn: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.sectionText) } };
}

export function fields(pairs: ReadonlyArray<readonly [string, string]>): Block {
  return {
    type: 'section',
    fields: pairs.slice(0, LIMITS.fields).map(([label, value]) => ({
      type: 'mrkdwn',
      text: truncate(`*${label}*\n${value}`, LIMITS.field),
    })),
  };
}

export function context(mrkdwn: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.sectionText) }] };
}

export function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, 150), emoji: false } };
}

export function divider(): Block {
  return { type: 'divider' };
}

export interface ButtonSpec {
  actionId: string;
  text: string;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
  confirm?: { title: string; text: string; confirm: string; deny: string };
}

export function button(spec: ButtonSpec): Block {
  const b: Block = { type: 'button', action_id: spec.actionId, text: { type: 'plain_text', text: truncate(spec.text, 75) } };
  if (spec.value !== undefined) {
    if (spec.value.length > LIMITS.buttonValue) throw new RangeError('button value over Slack limit');
    b['value'] = spec.value;
  }
  if (spec.url !== undefined) b['url'] = spec.url;
  if (spec.style !== undefined) b['style'] = spec.style;
  if (spec.confirm !== undefined) {
    b['confirm'] = {
      title: { type: 'plain_text', text: spec.confirm.title },
      text: { type: 'mrkdwn', text: spec.confirm.text },
      confirm: { type: 'plain_text', text: spec.confirm.confirm },
      deny: { type: 'plain_text', text: spec.confirm.deny },
    };
  }
  return b;
}

export function actions(blockId: string, elements: Block[]): Block {
  return { type: 'actions', block_id: blockId, elements: elements.slice(0, 25) };
}

/** Keeps a message within the block limit, saying what was left out. */
export function capBlocks(blocks: Block[]): Block[] {
  if (blocks.length <= LIMITS.blocks) return blocks;
  const kept = blocks.slice(0, LIMITS.blocks - 1);
  return [...kept, context(`… ${blocks.length - kept.length} more blocks not shown`)];
}
