/** Heat v1 response bodies: only the fields the bot reads. */
import { z } from 'zod';

const text = z.string().nullish();

export const Link = z.object({ href: z.string(), rel: z.string().nullish() });

export const StackBody = z.object({
  stack: z.object({
    id: z.string(),
    stack_name: z.string(),
    stack_status: z.string(),
    stack_status_reason: text,
    creation_time: text,
    updated_time: text,
  }),
});

/** `GET /stacks?show_nested=True`: `parent` is the parent stack's id (null for a top-level stack). */
export const StackListBody = z.object({
  stacks: z.array(z.object({ id: z.string(), stack_name: z.string(), stack_status: z.string(), parent: text })),
});

export const ResourceBody = z.object({
  resource_name: z.string(),
  resource_type: z.string().nullish(),
  resource_status: z.string().nullish(),
  resource_status_reason: text,
  physical_resource_id: text,
  updated_time: text,
  creation_time: text,
  // Present on resources of nested stacks when listed with nested_depth.
  parent_resource: text,
  links: z.array(Link).nullish(),
});

export const ResourceListBody = z.object({ resources: z.array(ResourceBody) });

export type ResourceBody = z.infer<typeof ResourceBody>;
export type StackBody = z.infer<typeof StackBody>;
