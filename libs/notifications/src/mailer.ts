import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { isMailboxAddress, MailConfig } from '@app/platform';
import type { RenderedEmail } from './email-renderer.js';

/** A pooled SMTP transport to SMTP_URL, one per worker, closed at shutdown. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(private readonly mail: MailConfig) {
    this.transport = nodemailer.createTransport({
      url: mail.smtpUrl,
      pool: true,
      maxConnections: mail.concurrency,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
  }

  /**
   * Sends, answering the provider's message id. Throws when the server refuses or cannot be reached,
   * or when an address breaks the rule the inputs check (isMailboxAddress). `messageId`, when given,
   * is the Message-ID header: the same on every attempt of one email, so a repeat is recognisable.
   */
  async send(
    to: string[],
    email: RenderedEmail,
    headers: Record<string, string> = {},
    attachments: { filename: string; content: Buffer; contentType: string }[] = [],
    messageId?: string,
  ): Promise<string> {
    const refused = to.filter((address) => !isMailboxAddress(address));
    if (refused.length) throw new Error(`not a deliverable address: ${refused.join(', ')}`);
    const info = await this.transport.sendMail({
      from: this.mail.from,
      to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers,
      attachments,
      ...(messageId ? { messageId } : {}),
    });
    return String(info.messageId);
  }

  /** The Message-ID of one outbox row's email: `<outbox-row-id@sender's domain>`, stable across attempts and workers. */
  messageIdFor(outboxId: string): string {
    const domain = /@([^>\s]+)>?\s*$/.exec(this.mail.from)?.[1] ?? 'assure.invalid';
    return `<outbox-${outboxId}@${domain}>`;
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
