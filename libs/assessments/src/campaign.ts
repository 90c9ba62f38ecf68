import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@app/platform';
import { questionnaireToSend, refusePastDueDate, SendQuestionnaire } from './send-questionnaire.js';
import { sendTargets } from './send-targets.query.js';

export interface CampaignInput {
  questionnaireKey: string;
  dueDate: string;
  supplierIds?: string[];
  filter?: { kind?: string; tier?: number; tag?: string; status?: string };
}

export interface CampaignResult {
  sent: number;
  skipped: { supplierId: string; name: string | null; reason: string }[];
  assessments: { id: string; supplierId: string; invitationUrl: string }[];
}

/**
 * One questionnaire to many suppliers, in one transaction with set-based statements: a campaign of
 * 5,000 is a handful of INSERT ... SELECT / unnest statements, not 5,000 round trips. Who may be
 * sent it and what sending writes are the one-supplier send's rules (`sendTargets`,
 * `SendQuestionnaire.deliver`).
 */
@Injectable()
export class CampaignService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly sending: SendQuestionnaire,
  ) {}

  async run(input: CampaignInput, actorId: string | null): Promise<CampaignResult> {
    refusePastDueDate(input.dueDate, this.clock.today());
    return this.dataSource.transaction(async (m) => {
      const version = await questionnaireToSend(m, input.questionnaireKey);
      const targets = await sendTargets(m, input, version.key);
      const skipped = targets
        .filter((t) => t.reason)
        .map((t) => ({ supplierId: t.supplier_id, name: t.name, reason: t.reason! }));
      const assessments = await this.sending.deliver(
        m,
        version,
        input.dueDate,
        targets.filter((t) => !t.reason),
        actorId,
        { campaign: true },
      );
      return { sent: assessments.length, skipped, assessments };
    });
  }

  /**
   * What a campaign would do, without doing it: the questionnaire, who would receive it (with the
   * contact it goes to) and who would be skipped and why; nothing is written.
   */
  async preview(input: CampaignInput): Promise<{
    questionnaire: { key: string; version: number; title: string };
    eligible: { supplierId: string; name: string; contactName: string; contactEmail: string }[];
    skipped: CampaignResult['skipped'];
  }> {
    const m = this.dataSource.manager;
    const version = await questionnaireToSend(m, input.questionnaireKey);
    const targets = await sendTargets(m, input, version.key);
    return {
      questionnaire: { key: version.key, version: version.version, title: version.title },
      eligible: targets
        .filter((t) => !t.reason)
        .map((t) => ({
          supplierId: t.supplier_id,
          name: t.name!,
          contactName: t.contact_name!,
          contactEmail: t.contact_email!,
        })),
      skipped: targets
        .filter((t) => t.reason)
        .map((t) => ({ supplierId: t.supplier_id, name: t.name, reason: t.reason! })),
    };
  }
}
