import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  expiringContext,
  type EmailContextBuilder,
  type EmailSettings,
  type OutboxRow,
  type Prepared,
} from '@app/notifications';
import { Clock, HttpConfig, OrganisationConfig } from '@app/platform';
import { emailSettings, londonToday } from './email-settings.js';
import { decisionLapsesOnSql } from '@app/scoring';

/** A risk acceptance, transfer or accepted finding nearing its date: skipped once replaced or changed. */
@Injectable()
export class ExpiringEmailContext implements EmailContextBuilder {
  readonly templates = ['risk-acceptance-expiring'];
  private readonly settings: EmailSettings;

  constructor(
    http: HttpConfig,
    private readonly organisation: OrganisationConfig,
    private readonly clock: Clock,
  ) {
    this.settings = emailSettings(http, organisation);
  }

  async prepare(m: EntityManager, row: OutboxRow): Promise<Prepared> {
    type Item = {
      supplier_id: string;
      supplier_name: string;
      what: 'accept' | 'transfer' | 'finding';
      date: string;
      live: boolean;
      rationale: string;
    };
    const [item] = row.refs.decisionId
      ? await m.query<Item[]>(
          `SELECT s.id AS supplier_id, s.name AS supplier_name, d.decision AS what, ${decisionLapsesOnSql('d')}::text AS date,
                  d.current AS live, d.rationale || CASE WHEN d.decision = 'transfer' THEN ' (' || d.insurer || ', policy ' || d.policy_ref || ')' ELSE '' END AS rationale
             FROM risk_decision d JOIN supplier s ON s.id = d.supplier_id WHERE d.id = $1`,
          [row.refs.decisionId],
        )
      : await m.query<Item[]>(
          `SELECT s.id AS supplier_id, s.name AS supplier_name, 'finding' AS what, f.accepted_until::text AS date,
                  (f.status = 'accepted' AND f.superseded_at IS NULL) AS live, f.question_code || ': ' || f.acceptance_reason AS rationale
             FROM finding f JOIN supplier s ON s.id = f.supplier_id WHERE f.id = $1`,
          [row.refs.findingId],
        );
    if (!item) return { skip: 'it no longer exists' };
    if (!item.live || item.date !== row.refs.date) return { skip: 'it was replaced or changed since' };
    return {
      context: expiringContext(this.settings, {
        supplierId: item.supplier_id,
        supplierName: item.supplier_name,
        what: item.what,
        rationale: item.rationale,
        date: item.date,
        today: londonToday(this.clock),
      }),
    };
  }
}
