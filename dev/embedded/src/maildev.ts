import { freePort } from './ports.js';

export interface RunningInbox {
  smtpUrl: string;
  webUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts MailDev (an SMTP sink with a web inbox) for the demo, so emails can be opened and clicked.
 * With `mailDirectory` the inbox is kept on disk, so a second run still shows the first run's mail.
 */
export async function startMaildev(options: { mailDirectory?: string } = {}): Promise<RunningInbox> {
  const { MailDev } = await import('maildev');
  const smtp = await freePort();
  const web = await freePort();
  const maildev = new MailDev({
    smtp,
    web,
    ip: '127.0.0.1',
    webIp: '127.0.0.1',
    silent: true,
    ...(options.mailDirectory ? { mailDirectory: options.mailDirectory } : {}),
  });
  await maildev.start();
  return {
    smtpUrl: `smtp://127.0.0.1:${smtp}`,
    // The root: the inbox app finds its API from there (opened at /index.html it stays on "Loading").
    webUrl: `http://127.0.0.1:${web}/`,
    stop: () => maildev.stop(),
  };
}
