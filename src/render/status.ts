/** One emoji per status family, so a thread can be scanned at a glance. */
export function statusEmoji(status: string): string {
  if (status.endsWith('FAILED')) return ':red_circle:';
  if (status.endsWith('IN_PROGRESS')) return ':large_blue_circle:';
  if (status === 'UNHEALTHY') return ':large_orange_circle:';
  return ':large_green_circle:';
}
