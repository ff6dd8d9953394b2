import type { InteractionHandler, SlashCommandHandler } from '../src/core/slack-request.js';
import type { CommandDefinition } from './definition.js';
import { createInteractionRouter } from './interaction-router.js';
import { createCommandRouter, type RegistryDeps } from './slash-router.js';

export type { RegistryDeps } from './slash-router.js';

/** The one registry of the subcommands: it routes slash commands, their buttons and their forms. */
export function createRegistry(
  definitions: readonly CommandDefinition[],
  deps: RegistryDeps,
): { commands: SlashCommandHandler; interactions: InteractionHandler } {
  return { commands: createCommandRouter(definitions, deps), interactions: createInteractionRouter(definitions, deps) };
}
