import nodemailer from 'nodemailer';
import { SmtpSink } from './support/smtp-sink.js';

describe('SMTP sink for tests that assert emails', () => {
  it('receives what a real SMTP client sends', async () => {
    const sink = await new SmtpSink().start();
    try {
      const transport = nodemailer.createTransport({ url: sink.url } as never);
      await transport.sendMail({
        from: 'assure@trust.nhs.uk',
        to: 'dpo@supplier.example',
        subject: 'Security questionnaire due',
        text: 'Hello',
      });
      transport.close();
      const [mail] = await sink.waitFor(1);
      expect(mail.to).toEqual(['dpo@supplier.example']);
      expect(mail.headers.subject).toBe('Security questionnaire due');
      expect(mail.raw).toContain('Hello');
    } finally {
      await sink.stop();
    }
  });
});
