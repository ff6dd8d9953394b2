import type { Message } from '../core/ports.js';

/** Slack truncates message text past this many characters. */
export const MAX_TEXT_CHARS = 40_000;
/** Blocks per message (modals and Home tab allow 100). */
export const MAX_BLOCKS = 50;
/** A section block's text. */
export const MAX_SECTION_TEXT_CHARS = 3_000;

const ELLIPSIS = '…';

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - ELLIPSIS.length)}${ELLIPSIS}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fitSection(block: object): object {
  if (!isRecord(block) || block['type'] !== 'section') return block;
  const text = block['text'];
  if (!isRecord(text) || typeof text['text'] !== 'string' || text['text'].length <= MAX_SECTION_TEXT_CHARS) return block;
  return { ...block, text: { ...text, text: truncate(text['text'], MAX_SECTION_TEXT_CHARS) } };
}

/**
 * Trims a message to Slack's documented limits so an oversized render degrades (cut with a
 * note) instead of failing with `msg_too_long` / `invalid_blocks`. The renderers should stay
 * well under these; this is the last line of defence.
 */
export function fitMessage(message: Message): { text: string; blocks: object[] | undefined } {
  const text = truncate(message.text, MAX_TEXT_CHARS);
  if (message.blocks === undefined) return { text, blocks: undefined };
  let blocks = message.blocks.map(fitSection);
  if (blocks.length > MAX_BLOCKS) {
    const dropped = blocks.length - (MAX_BLOCKS - 1);
    blocks = [
      ...blocks.slice(0, MAX_BLOCKS - 1),
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${dropped} more blocks were cut (Slack allows ${MAX_BLOCKS}).` }] },
    ];
  }
  return { text, blocks };
}
