import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { addDays, Clock, NotFoundError } from '@app/platform';
import { SupplierContact } from '@app/suppliers';
import { expectStatus } from './assessment-state.js';
import { Assessment } from './assessment.entity.js';
import { SendQuestionnaire, type Sent } from './send-questionnaire.js';

/** A reassessment sent in one click is due this many days later. */
export const REASSESSMENT_DUE_DAYS = 30;

/**
 * The one-click reassessment of the reassessment-due email: the same questionnaire (its latest
 * version) to the same contact (else the primary one), due in 30 days.
 */
@Injectable()
export class ReassessAssessment {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly sending: SendQuestionnaire,
  ) {}

  async reassess(id: string, actorId: string | null): Promise<Sent & { alsoSent: Sent[] }> {
    const previous = await this.dataSource.getRepository(Assessment).findOneBy({ id });
    if (!previous) throw new NotFoundError('ASSESSMENT.NOT_FOUND', 'No such assessment.');
    expectStatus(previous, ['completed'], 'reassess from');
    const contact = await this.dataSource.getRepository(SupplierContact).findOneBy({ id: previous.recipientContactId });
    const dueDate = addDays(this.clock.today(), REASSESSMENT_DUE_DAYS);
    return this.sending.send(
      {
        supplierId: previous.supplierId,
        questionnaireKey: previous.questionnaireKey,
        dueDate,
        recipientContactId: contact?.id,
      },
      actorId,
    );
  }
}
