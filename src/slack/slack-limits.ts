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

const MENTION = /<@[UW][A-Z0-9]+>/g;

/**
 * The fallback `text` of a message with blocks, escaped as the blocks' mrkdwn is: it is what
 * mobile notifications show, Slack parses `<!channel>`, `<@U…>` and `<url|label>` in it too,
 * and it is built from untrusted words (a status_reason, a pod name). Idempotent: an entity
 * already there (`&amp;`, `&lt;`, `&gt;`) stays as it is. A user mention survives only when the
 * blocks carry the same one: the blocks escape untrusted text, so a mention there is the bot's.
 */
export function escapeFallbackText(text: string, blocks: readonly object[] = []): string {
  const trusted = new Set(JSON.stringify(blocks).match(MENTION) ?? []);
  const escape = (part: string) =>
    part
      .replace(/&(?!(?:amp|lt|gt);)/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;');
  let out = '';
  let at = 0;
  for (const m of text.matchAll(MENTION)) {
    if (!trusted.has(m[0])) continue;
    out += escape(text.slice(at, m.index)) + m[0];
    at = m.index + m[0].length;
  }
  return out + escape(text.slice(at));
}

/**
 * Trims a message to Slack's documented limits so an oversized render degrades (cut with a
 * note) instead of failing with `msg_too_long` / `invalid_blocks`, and escapes the fallback
 * text of a message with blocks. The renderers should stay well under these; this is the last
 * line of defence.
 */
export function fitMessage(message: Message): { text: string; blocks: object[] | undefined } {
  if (message.blocks === undefined) return { text: truncate(message.text, MAX_TEXT_CHARS), blocks: undefined };
  const text = truncate(escapeFallbackText(message.text, message.blocks), MAX_TEXT_CHARS);
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
