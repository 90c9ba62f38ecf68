import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { expectStatus, lockAssessment } from './assessment-state.js';
import { ANSWERABLE_STATUSES } from './assessment.entity.js';
import { Invitations } from './invitations.js';
import type { Sent } from './send-questionnaire.js';

/** A new link for an assessment still waiting for answers (the old one stops working) and a new invitation email. */
@Injectable()
export class ResendInvitation {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly invitations: Invitations,
  ) {}

  async resend(id: string): Promise<Sent> {
    return this.dataSource.transaction(async (m) => {
      const assessment = await lockAssessment(m, id);
      expectStatus(assessment, ANSWERABLE_STATUSES, 'resend');
      const invitationUrl = await this.invitations.issue(m, assessment, 'resend');
      await this.audit.record(m, {
        action: 'assessment.resent',
        entityType: 'assessment',
        entityId: id,
        before: { invitation: 'previous' },
        after: { invitation: 'new' },
      });
      return { assessment, invitationUrl };
    });
  }
}
