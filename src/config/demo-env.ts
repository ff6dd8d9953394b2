/** The few environment values the demo honours (it configures everything else itself). */
export function demoEnv(env: NodeJS.ProcessEnv = process.env): { redisUrl: string; logLevel: string } {
  return { redisUrl: env['REDIS_URL'] || 'redis://127.0.0.1:6379', logLevel: env['LOG_LEVEL'] || 'warn' };
}
