import type { ModalOpener } from '../core/slack-request.js';
import { toSlackError } from './slack-errors.js';
import type { SlackWebClient } from './web-client.js';

/** ModalOpener over `views.open`; call it right after the ack (trigger ids live 3 s). */
export function createModalOpener(client: SlackWebClient): ModalOpener {
  return {
    async open(triggerId: string, view: object): Promise<void> {
      try {
        await client.apiCall('views.open', { trigger_id: triggerId, view });
      } catch (error) {
        throw toSlackError(error, 'views.open');
      }
    },
  };
}
