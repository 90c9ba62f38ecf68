import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { Clock, requestContext } from '@app/platform';
import { ANSWERABLE_STATUSES } from './assessment.entity.js';

/**
 * The daily run that moves an unsubmitted assessment to `expired` once no link to it works any
 * more (every invitation revoked or past its expiry, 30 days after the due date by default).
 * Audited as a system change; running it twice changes nothing more.
 */
@Injectable()
export class AssessmentExpiry {
  private readonly logger = new Logger('AssessmentExpiry');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<{ expired: number }> {
    const now = this.clock.now();
    const expired = await requestContext.run(
      { requestId: `expiry-${now.toISOString().slice(0, 10)}`, actor: { type: 'system', id: 'assessment-expiry' } },
      () =>
        this.dataSource.transaction(async (m) => {
          // An UPDATE through TypeORM's query answers [rows, count].
          const [rows] = await m.query<[{ id: string; before: string }[], number]>(
            `WITH due AS (
             SELECT a.id, a.status FROM assessment a
              WHERE a.status = ANY($2)
                AND NOT EXISTS (SELECT 1 FROM assessment_invitation i WHERE i.assessment_id = a.id AND i.revoked_at IS NULL AND i.expires_at > $1)
              FOR UPDATE OF a SKIP LOCKED)
           UPDATE assessment a SET status = 'expired', updated_at = now() FROM due WHERE a.id = due.id
           RETURNING a.id, due.status AS before`,
            [now, ANSWERABLE_STATUSES],
          );
          await this.audit.recordMany(
            m,
            rows.map((r) => ({
              action: 'assessment.expired',
              entityType: 'assessment',
              entityId: r.id,
              before: { status: r.before },
              after: { status: 'expired' },
            })),
          );
          return rows.length;
        }),
    );
    if (expired) this.logger.log({ msg: 'assessments expired', expired });
    return { expired };
  }
}
