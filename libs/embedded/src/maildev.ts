import { freePort } from './ports.js';

export interface RunningInbox {
  smtpUrl: string;
  webUrl: string;
  stop(): Promise<void>;
}

/** Starts MailDev (an SMTP sink with a web inbox) for the demo, so emails can be opened and clicked. */
export async function startMaildev(): Promise<RunningInbox> {
  const { MailDev } = await import('maildev');
  const smtp = await freePort();
  const web = await freePort();
  const maildev = new MailDev({ smtp, web, ip: '127.0.0.1', webIp: '127.0.0.1', silent: true });
  await maildev.start();
  return {
    smtpUrl: `smtp://127.0.0.1:${smtp}`,
    // MailDev 3 serves its inbox page at /index.html (its / answers 404).
    webUrl: `http://127.0.0.1:${web}/index.html`,
    stop: () => maildev.stop(),
  };
}
