import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** A child service this process started and must stop. */
export interface RunningService {
  readonly url: string;
  stop(): Promise<void>;
}

export class ServiceStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceStartError';
  }
}

/**
 * Starts a long-running child and resolves once a line of its output says it is ready. Rejects
 * with the tail of its output when it exits first or does not become ready in time.
 */
export function spawnUntilReady(
  command: string,
  args: string[],
  options: SpawnOptions & { ready: RegExp; name: string; timeoutMs?: number },
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let settled = false;
    const timer = setTimeout(
      () => fail(`did not become ready within ${(options.timeoutMs ?? 30_000) / 1000}s`),
      options.timeoutMs ?? 30_000,
    );
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
      if (!settled && options.ready.test(output)) {
        settled = true;
        clearTimeout(timer);
        resolve(child);
      }
    };
    function fail(reason: string) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new ServiceStartError(`${options.name} ${reason}. Its last output:\n${output.trim()}`));
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', (error) => fail(`could not be started: ${error.message}`));
    child.on('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
  });
}

/** Sends a signal and waits for the child to exit, killing it if it takes too long. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** Runs a short command and returns whether it succeeded. */
export function succeeds(command: string, args: string[], options: SpawnOptions = {}): boolean {
  return spawnSync(command, args, { ...options, stdio: 'ignore' }).status === 0;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}
