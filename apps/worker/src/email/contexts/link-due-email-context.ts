import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  linkDueContext,
  type EmailContextBuilder,
  type EmailSettings,
  type OutboxRow,
  type Prepared,
} from '@app/notifications';
import { Clock, HttpConfig, OrganisationConfig } from '@app/platform';
import { emailSettings, londonToday } from './email-settings.js';
import { readerMay } from './reader.js';

/** A data-sharing link's review or end date: skipped once the link ended or the date moved. */
@Injectable()
export class LinkDueEmailContext implements EmailContextBuilder {
  readonly templates = ['data-sharing-link-due'];
  private readonly settings: EmailSettings;

  constructor(
    http: HttpConfig,
    private readonly organisation: OrganisationConfig,
    private readonly clock: Clock,
  ) {
    this.settings = emailSettings(http, organisation);
  }

  async prepare(m: EntityManager, row: OutboxRow): Promise<Prepared> {
    const [link] = await m.query<
      {
        status: string;
        review_date: string | null;
        end_date: string | null;
        purpose: string;
        agreement_ref: string | null;
        record_count: string;
        supplier_id: string;
        supplier_name: string;
        asset_name: string;
      }[]
    >(
      `SELECT l.status, l.review_date::text, l.end_date::text, l.purpose, l.agreement_ref, l.record_count::text, s.id AS supplier_id, s.name AS supplier_name, d.name AS asset_name
         FROM data_sharing_link l JOIN supplier s ON s.id = l.supplier_id JOIN data_asset d ON d.id = l.data_asset_id WHERE l.id = $1`,
      [row.refs.linkId],
    );
    if (!link) return { skip: 'the data-sharing link no longer exists' };
    if (link.status === 'ended') return { skip: 'the link has ended' };
    const date = row.refs.field === 'end' ? link.end_date : link.review_date;
    if (date !== row.refs.date) return { skip: `the ${row.refs.field} date changed` };
    return {
      context: linkDueContext(this.settings, {
        linkId: row.refs.linkId,
        supplierId: link.supplier_id,
        supplierName: link.supplier_name,
        assetName: link.asset_name,
        purpose: link.purpose,
        agreementRef: link.agreement_ref,
        recordCount: Number(link.record_count),
        isEnd: row.refs.field === 'end',
        date,
        today: londonToday(this.clock),
        // The reader's role decides the link: the link's form for those who may change it, else the supplier's page.
        canEdit: await readerMay(m, row.recipients[0], 'register.write'),
      }),
    };
  }
}
