import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { Clock, ConflictError, NotFoundError, RuleViolationError } from '@app/platform';
import { SupplierContact } from '@app/suppliers';
import { Assessment, type AssessmentStatus } from './assessment.entity.js';
import { Invitations } from './invitations.js';
import type { ReassignInput } from './reassign.input.js';

/** Only a questionnaire still waiting for the supplier's answers can be sent to someone else. */
export const REASSIGNABLE_STATUSES: readonly AssessmentStatus[] = ['sent', 'in_progress', 'returned'];

/**
 * Sends an open questionnaire to another contact of the same supplier: the old link is revoked
 * (its portal sessions end with it), the answers saved so far are kept, the new contact gets an
 * invitation of their own through the outbox, the escalation ladder starts again for them, and
 * the change is audited, all in one transaction.
 */
@Injectable()
export class ReassignAssessment {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invitations: Invitations,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async reassign(id: string, input: ReassignInput): Promise<{ assessment: Assessment; invitationUrl: string }> {
    return this.dataSource.transaction(async (m) => {
      const assessment = await m.findOne(Assessment, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!assessment) throw new NotFoundError('ASSESSMENT.NOT_FOUND', 'No such assessment.');
      if (!REASSIGNABLE_STATUSES.includes(assessment.status)) {
        throw new ConflictError(
          'ASSESSMENT.NOT_REASSIGNABLE',
          `This assessment is ${assessment.status.replace('_', ' ')}: only one still waiting for the supplier's answers can be sent to someone else.`,
          [{ path: 'status', message: `is ${assessment.status}` }],
        );
      }
      const contact = await m.findOneBy(SupplierContact, { id: input.recipientContactId });
      if (!contact || contact.supplierId !== assessment.supplierId) {
        throw new RuleViolationError(
          'ASSESSMENT.RECIPIENT_NOT_OF_SUPPLIER',
          'The questionnaire can only go to a contact of the supplier it is about.',
          [
            {
              path: 'recipientContactId',
              message: contact ? 'is a contact of another supplier' : 'is not a known contact',
            },
          ],
        );
      }
      if (contact.id === assessment.recipientContactId) {
        throw new RuleViolationError(
          'ASSESSMENT.SAME_RECIPIENT',
          'That contact already has it; resend it for a new link.',
          [{ path: 'recipientContactId', message: 'is already the recipient' }],
        );
      }
      const dueDate = input.dueDate ?? assessment.dueDate;
      if (dueDate <= this.clock.today()) {
        throw new RuleViolationError('ASSESSMENT.DUE_DATE_PAST', 'The new recipient needs a due date after today.', [
          {
            path: 'dueDate',
            message: input.dueDate ? 'must be after today' : `has passed (${assessment.dueDate}): give a new due date`,
          },
        ]);
      }
      const before = {
        recipientContactId: assessment.recipientContactId,
        recipientName: assessment.recipientName,
        recipientEmail: assessment.recipientEmail,
        dueDate: assessment.dueDate,
        escalationLevel: assessment.escalationLevel,
      };
      Object.assign(assessment, {
        recipientContactId: contact.id,
        recipientName: contact.name,
        recipientEmail: contact.email,
        dueDate,
        escalationLevel: 0,
      });
      await m.save(Assessment, assessment);
      const invitationUrl = await this.invitations.issue(m, assessment, 'reassign', {
        previousContactId: before.recipientContactId,
      });
      await this.audit.record(m, {
        action: 'assessment.reassigned',
        entityType: 'assessment',
        entityId: id,
        before: { ...before, invitation: 'revoked' },
        after: {
          recipientContactId: contact.id,
          recipientName: contact.name,
          recipientEmail: contact.email,
          dueDate,
          escalationLevel: 0,
          invitation: 'new',
        },
      });
      return { assessment, invitationUrl };
    });
  }
}
