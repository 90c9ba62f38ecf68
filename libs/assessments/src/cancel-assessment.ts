import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { Clock } from '@app/platform';
import { transition } from './assessment-state.js';
import { OPEN_STATUSES, type Assessment } from './assessment.entity.js';
import { Invitations } from './invitations.js';

/** Withdraws a questionnaire not yet finished: it is closed and its links stop working. */
@Injectable()
export class CancelAssessment {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly invitations: Invitations,
  ) {}

  async cancel(id: string): Promise<Assessment> {
    return transition(
      this.dataSource,
      this.audit,
      { id, from: OPEN_STATUSES, verb: 'cancel', auditAction: 'assessment.cancelled' },
      async (m, a) => {
        a.status = 'cancelled';
        a.cancelledAt = this.clock.now();
        await this.invitations.revoke(m, a.id);
      },
    );
  }
}
