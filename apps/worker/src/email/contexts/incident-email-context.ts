import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  incidentOpenedContext,
  type EmailContextBuilder,
  type EmailSettings,
  type OutboxRow,
  type Prepared,
} from '@app/notifications';
import { Clock, HttpConfig, OrganisationConfig } from '@app/platform';
import { emailSettings } from './email-settings.js';

/** An incident opened against a supplier, with its exposure at opening. */
@Injectable()
export class IncidentOpenedEmailContext implements EmailContextBuilder {
  readonly templates = ['incident-opened'];
  private readonly settings: EmailSettings;

  constructor(
    http: HttpConfig,
    private readonly organisation: OrganisationConfig,
    private readonly clock: Clock,
  ) {
    this.settings = emailSettings(http, organisation);
  }

  async prepare(m: EntityManager, row: OutboxRow): Promise<Prepared> {
    const [i] = await m.query<
      {
        supplier_id: string;
        supplier: string;
        summary: string;
        severity: string;
        source: string;
        detected_at: Date;
        exposure: {
          records: { total: number; byClassification: Record<string, number> };
          links: { asset: string; records: number }[];
          contacts: { name: string; email: string; role: string }[];
        };
        recipient_name: string | null;
      }[]
    >(
      `SELECT s.id AS supplier_id, s.name AS supplier, i.summary, i.severity, i.source, i.detected_at, i.exposure_at_open AS exposure, a.recipient_name
         FROM incident i JOIN supplier s ON s.id = i.supplier_id LEFT JOIN assessment a ON a.id = i.follow_up_assessment_id WHERE i.id = $1`,
      [row.refs.incidentId],
    );
    if (!i) return { skip: 'the incident no longer exists' };
    return {
      context: incidentOpenedContext(this.settings, {
        supplierId: i.supplier_id,
        supplierName: i.supplier,
        summary: i.summary,
        severity: i.severity,
        source: i.source,
        detectedAt: i.detected_at,
        records: i.exposure.records.total,
        byClassification: i.exposure.records.byClassification,
        assets: i.exposure.links,
        contacts: i.exposure.contacts,
        followUp: i.recipient_name
          ? {
              recipientName: i.recipient_name,
              incident: { summary: i.summary, detectedAt: i.detected_at, now: this.clock.now() },
            }
          : null,
        toGovernance:
          !!this.organisation.governanceEmail &&
          row.recipients.some((r) => r.toLowerCase() === this.organisation.governanceEmail!.toLowerCase()),
      }),
    };
  }
}
