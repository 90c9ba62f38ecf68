import { createDecipheriv, hkdfSync } from 'node:crypto';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pino, type Logger as Logger_ } from 'pino';
import { InvitationTokenBox } from '@app/assessments';
import { EmailRenderer, Mailer } from '@app/notifications';
import { Clock, MailConfig, PinoNestLogger, addDays } from '@app/platform';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { EmailContent } from '../apps/worker/src/email/email-content.js';
import { EmailDelivery } from '../apps/worker/src/email/email-delivery.js';
import type { TestApi } from './support/app.js';
import { query } from './support/db.js';
import { waitUntil } from './support/processes.js';
import { SmtpSink } from './support/smtp-sink.js';
import { signIn, type SignedIn } from './support/users.js';

const until = (probe: () => Promise<unknown>, timeoutMs = 20_000) =>
  waitUntil(async () => ((await probe()) ? true : undefined), timeoutMs);

/** Secrets, logs and email (issue 17): nothing secret left behind, every email recognisable. */
describe('hardening: secrets, logs and email', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let buyer: SignedIn;
  const lines: string[] = [];
  let apiLogger: Logger_;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    // The API's log lines are kept, to check what a failed statement writes.
    apiLogger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const { createApiApp } = await import('../apps/api/src/bootstrap.js');
    const { loadConfig } = await import('@app/platform');
    const { testEnvironment } = await import('./support/app.js');
    const config = loadConfig(
      await testEnvironment({
        SMTP_URL: sink.url,
        RATE_LIMIT_PER_MINUTE: '10000',
        EMAIL_ATTEMPTS: '2',
        EMAIL_BACKOFF_MS: '100',
        SWEEP_INTERVAL_MS: '300',
        SWEEP_GRACE_MS: '200',
      }),
    );
    const app = await createApiApp(config, apiLogger);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    api = {
      app,
      config,
      clock: app.get((await import('@app/platform')).Clock),
      databaseUrl: config.database.url,
      request: (o) => app.getHttpAdapter().getInstance().inject(o),
      close: () => app.close(),
    };
    worker = await createWorker(api.config, pino({ level: 'silent' }));
    await worker.init();
    buyer = await signIn(api, 'procurement');
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.stop();
  });

  const newSupplier = async (name: string, email: string) => {
    const res = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name,
        kind: 'supplier',
        criticality: 'low',
        status: 'active',
        contacts: [{ name: 'Pat', email, role: 'primary' }],
      },
    });
    return res;
  };

  it('removes the sealed invitation token from the outbox once the email is sent, and seals it with its own key', async () => {
    const supplier = await newSupplier('Sealed Ltd', 'pat@sealed.example');
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: { supplierId: supplier.json().id, dueDate: addDays(api.clock.today(), 60) },
    });
    const token = sent.json().invitationUrl.split('/portal/i/')[1];
    const [waiting] = await query<{ sealed: string }>(
      api.databaseUrl,
      "SELECT refs->>'sealedToken' AS sealed FROM outbox_message WHERE refs->>'assessmentId' = $1",
      [sent.json().id],
    );
    // While it waits it opens with the box (LINK_SEALING_SECRET), and not with a key derived from JWT_SECRET.
    if (waiting.sealed) {
      expect(api.app.get(InvitationTokenBox).open(waiting.sealed)).toBe(token);
      const raw = Buffer.from(waiting.sealed, 'base64url');
      const jwtKey = Buffer.from(
        hkdfSync('sha256', api.config.auth.jwtSecret, 'assure', 'outbox-invitation-token', 32),
      );
      const decipher = createDecipheriv('aes-256-gcm', jwtKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      expect(() => Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()])).toThrow();
    }
    await until(
      async () =>
        (
          await query(
            api.databaseUrl,
            "SELECT 1 FROM outbox_message WHERE refs->>'assessmentId' = $1 AND status = 'sent'",
            [sent.json().id],
          )
        ).length === 1,
    );
    const [done] = await query<{ refs: Record<string, unknown> }>(
      api.databaseUrl,
      "SELECT refs FROM outbox_message WHERE refs->>'assessmentId' = $1",
      [sent.json().id],
    );
    expect(done.refs).toEqual({ assessmentId: sent.json().id, invitationId: expect.any(String) });
    expect(JSON.stringify(done.refs)).not.toContain(token);
  });

  it('removes it from a row that is skipped; a dead row keeps it sealed, for its retry', async () => {
    const supplier = await newSupplier('Skipped Ltd', 'pat@skipped.example');
    const first = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: { supplierId: supplier.json().id, dueDate: addDays(api.clock.today(), 60) },
    });
    await api.request({ method: 'POST', url: `/api/v1/assessments/${first.json().id}/cancel`, headers: buyer.headers });
    await until(
      async () =>
        (
          await query(
            api.databaseUrl,
            "SELECT 1 FROM outbox_message WHERE refs->>'assessmentId' = $1 AND status IN ('sent', 'skipped')",
            [first.json().id],
          )
        ).length >= 1,
    );
    expect(
      await query(
        api.databaseUrl,
        "SELECT 1 FROM outbox_message WHERE refs ? 'sealedToken' AND status IN ('sent', 'skipped')",
      ),
    ).toHaveLength(0);

    sink.refusing = true;
    try {
      const other = await newSupplier('Dies Ltd', 'pat@dies.example');
      const dying = await api.request({
        method: 'POST',
        url: '/api/v1/assessments',
        headers: buyer.headers,
        payload: { supplierId: other.json().id, dueDate: addDays(api.clock.today(), 60) },
      });
      await until(
        async () =>
          (
            await query(
              api.databaseUrl,
              "SELECT 1 FROM outbox_message WHERE refs->>'assessmentId' = $1 AND status = 'dead'",
              [dying.json().id],
            )
          ).length === 1,
      );
      const [dead] = await query<{ refs: Record<string, unknown> }>(
        api.databaseUrl,
        "SELECT refs FROM outbox_message WHERE refs->>'assessmentId' = $1",
        [dying.json().id],
      );
      expect(api.app.get(InvitationTokenBox).open(String(dead.refs.sealedToken))).toBe(
        dying.json().invitationUrl.split('/portal/i/')[1],
      );
    } finally {
      sink.refusing = false;
    }
  });

  it('gives every email a Message-ID derived from its outbox row, the same on a repeat', async () => {
    const supplier = await newSupplier('Message Ltd', 'pat@message.example');
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: { supplierId: supplier.json().id, dueDate: addDays(api.clock.today(), 60) },
    });
    await until(async () => sink.to('pat@message.example').length === 1);
    const [row] = await query<{ id: string; provider_message_id: string }>(
      api.databaseUrl,
      "SELECT id, provider_message_id FROM outbox_message WHERE refs->>'assessmentId' = $1",
      [sent.json().id],
    );
    const expected = worker.get(Mailer).messageIdFor(row.id);
    expect(expected).toBe(`<outbox-${row.id}@localhost>`);
    expect(sink.to('pat@message.example')[0].headers['message-id']).toBe(expected);
    expect(row.provider_message_id).toBe(expected);
    // A worker killed between send and commit sends again (its transaction, token removal included, never
    // committed: the row is as it was): the repeat carries the same Message-ID.
    const sealed = api.app.get(InvitationTokenBox).seal(sent.json().invitationUrl.split('/portal/i/')[1]);
    await query(
      api.databaseUrl,
      "UPDATE outbox_message SET status = 'queued', refs = refs || jsonb_build_object('sealedToken', $2::text) WHERE id = $1",
      [row.id, sealed],
    );
    // The restarted worker remembers nothing of what the killed one sent: a delivery of its own.
    const restarted = new EmailDelivery(
      worker.get(EmailRenderer),
      worker.get(DataSource),
      worker.get(EmailContent),
      worker.get(Mailer),
      worker.get(Clock),
      worker.get(MailConfig),
    );
    expect(await restarted.deliver(row.id, 2, false)).toBe('sent');
    const copies = sink.to('pat@message.example');
    expect(copies).toHaveLength(2);
    expect(copies[1].headers['message-id']).toBe(expected);
  });

  it('refuses at input a contact address the SMTP server would refuse', async () => {
    for (const email of [
      '"<img src=x onerror=alert(1)>"@example.com',
      'a..b@example.com',
      'pat@[127.0.0.1]',
      'pat@localhost',
      'pät@example.com',
    ]) {
      const res = await newSupplier('Bad Address Ltd', email);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ path: 'contacts[0].email', message: 'must be an email address' }]);
    }
    expect(
      (
        await api.request({
          method: 'POST',
          url: '/api/v1/users',
          headers: (await signIn(api, 'admin')).headers,
          payload: {
            email: '"quoted"@trust.nhs.test',
            name: 'Q',
            role: 'viewer',
            password: 'correct horse battery staple',
          },
        })
      ).statusCode,
    ).toBe(400);
    expect((await newSupplier('Good Address Ltd', "o'brien+security@sub.example.co.uk")).statusCode).toBe(201);
  });

  it('logs a failed statement through the JSON logger, without its parameters', async () => {
    // One process, one logger: the worker booted in this test file took Nest's logger over; give it back to the API's.
    Logger.overrideLogger(new PinoNestLogger(apiLogger));
    lines.length = 0;
    await expect(
      api.app.get(DataSource).query('SELECT $1::int AS n', ['$argon2id$v=19$secret-hash']),
    ).rejects.toThrow();
    const failed = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'query failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ context: 'Database', code: '22P02', sql: 'SELECT $1::int AS n' });
    expect(lines.join('\n')).not.toContain('secret-hash');
  });
});
