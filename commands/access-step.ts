import type { Actor, Role } from '../src/core/access.js';
import { auditRecord } from '../src/core/audit.js';
import type { Logger } from '../src/core/ports.js';
import type { HandlerDeps } from './definition.js';
import { writeAudit } from './handler-audit.js';

/** What was asked, for the audit record of a denial. */
export interface AskedFor {
  /** The subcommand, or the job a button or form would start. */
  action: string;
  target: string;
  threadTs?: string | undefined;
}

/**
 * The permission step every slash command, button and form goes through: the actor's role
 * against the one needed, and a `denied` audit record (with both roles) when it falls short.
 */
export async function authorizeStep(
  deps: Pick<HandlerDeps, 'access' | 'audit' | 'clock'>,
  actor: Actor,
  role: Role,
  asked: AskedFor,
  log: Logger,
): Promise<{ allowed: true; cloud: string } | { allowed: false; message: string }> {
  const cloud = deps.access.cloudFor(actor.channelId);
  const decision = await deps.access.authorize(actor, role, asked.action);
  if (decision.allowed) return { allowed: true, cloud };
  log.info({ needed: role, role: decision.role, action: asked.action }, 'request denied');
  const record = auditRecord(deps.clock, {
    actor: actor.userId,
    channelId: actor.channelId,
    cloud,
    action: asked.action,
    target: asked.target,
    decision: 'denied',
    outcome: `needs the ${role} role; the user has ${decision.role}`,
    role: decision.role,
    ...(asked.threadTs === undefined ? {} : { threadTs: asked.threadTs }),
  });
  await writeAudit(deps.audit, [record], log);
  return { allowed: false, message: decision.message };
}
