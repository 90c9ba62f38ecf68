import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '@app/platform';
import type { RenderedEmail } from './email-renderer.js';

/** A pooled SMTP transport to SMTP_URL, one per worker, closed at shutdown. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(private readonly config: AppConfig) {
    this.transport = nodemailer.createTransport({
      url: config.smtpUrl,
      pool: true,
      maxConnections: config.emailConcurrency,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
  }

  /** Sends, answering the provider's message id. Throws when the server refuses or cannot be reached. */
  async send(to: string[], email: RenderedEmail, headers: Record<string, string> = {}, attachments: { filename: string; content: Buffer; contentType: string }[] = []): Promise<string> {
    const info = await this.transport.sendMail({ from: this.config.mailFrom, to, subject: email.subject, html: email.html, text: email.text, headers, attachments });
    return String(info.messageId);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
