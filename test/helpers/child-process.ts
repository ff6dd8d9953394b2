import { fork, type ChildProcess } from 'node:child_process';

/**
 * Forks a TypeScript file under tsx with its output piped through this process, never
 * inherited: a child that outlives its test must not hold jest's output open (jest would
 * wait for it forever).
 */
export function forkTypeScript(file: string, args: string[]): ChildProcess {
  const child = fork(file, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(chunk));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return child;
}

/** SIGKILLs `child` unless it has exited, and waits for the exit. */
export async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
