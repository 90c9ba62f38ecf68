/**
 * Graceful shutdown on SIGTERM or SIGINT: run `close` once (stop taking work, finish what is in
 * hand, close pools), then exit 0; a second signal, or a close that hangs, exits at once.
 */
export function closeOnSignal(close: () => Promise<void>, log: (message: string) => void, graceMs = 30_000): void {
  let closing = false;
  const handler = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    log(`${signal} received: shutting down`);
    setTimeout(() => process.exit(1), graceMs).unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
