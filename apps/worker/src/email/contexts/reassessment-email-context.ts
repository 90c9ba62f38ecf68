import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OPEN_STATUSES } from '@app/assessments';
import {
  reassessmentContext,
  type EmailContextBuilder,
  type EmailSettings,
  type OutboxRow,
  type Prepared,
} from '@app/notifications';
import { Clock, HttpConfig, OrganisationConfig } from '@app/platform';
import { emailSettings } from './email-settings.js';
import { readerMay } from './reader.js';

/** A supplier due for reassessment: skipped when offboarded or a new assessment is open. */
@Injectable()
export class ReassessmentEmailContext implements EmailContextBuilder {
  readonly templates = ['reassessment-due'];
  private readonly settings: EmailSettings;

  constructor(
    http: HttpConfig,
    private readonly organisation: OrganisationConfig,
    private readonly clock: Clock,
  ) {
    this.settings = emailSettings(http, organisation);
  }

  async prepare(m: EntityManager, row: OutboxRow): Promise<Prepared> {
    const [s] = await m.query<
      { name: string; status: string; tier: number; completed_on: string; questionnaire_title: string; open: boolean }[]
    >(
      `SELECT s.name, s.status, s.tier, (a.completed_at AT TIME ZONE 'Europe/London')::date::text AS completed_on, q.title AS questionnaire_title,
              EXISTS (SELECT 1 FROM assessment o WHERE o.supplier_id = s.id AND o.status = ANY($3)) AS open
         FROM supplier s JOIN assessment a ON a.id = $2 JOIN questionnaire_version q ON q.id = a.questionnaire_version_id WHERE s.id = $1`,
      [row.refs.supplierId, row.refs.assessmentId, OPEN_STATUSES],
    );
    if (!s) return { skip: 'the supplier no longer exists' };
    if (s.status === 'offboarded') return { skip: 'the supplier is offboarded' };
    if (s.open) return { skip: 'a new assessment is already open' };
    return {
      context: reassessmentContext(this.settings, {
        supplierId: row.refs.supplierId,
        supplierName: s.name,
        tier: s.tier,
        lastAssessed: s.completed_on,
        questionnaireTitle: s.questionnaire_title,
        canSend: await readerMay(m, row.recipients[0], 'assessment.send'),
      }),
    };
  }
}
