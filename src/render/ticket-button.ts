import type { Message } from '../core/ports.js';
import { TICKET_ACTION_ID } from '../core/requests/ticket-request.js';

/**
 * The same message with every "Attach to support ticket" button replaced by `link` (the
 * ticket's link button). Actions blocks left empty are dropped.
 */
export function replaceTicketButton(message: Message, link: object): Message {
  if (!message.blocks) return message;
  const blocks = message.blocks.map((block) => {
    const b = block as { type?: unknown; elements?: unknown };
    if (b.type !== 'actions' || !Array.isArray(b.elements)) return block;
    const elements = (b.elements as { action_id?: unknown }[]).map((e) => (e.action_id === TICKET_ACTION_ID ? link : e));
    return { ...b, elements };
  });
  return { ...message, blocks };
}
