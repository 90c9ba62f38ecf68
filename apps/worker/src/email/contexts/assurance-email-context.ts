import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CERTIFICATION_LABELS, type CertificationKind } from '@app/certifications';
import {
  accessPathReviewContext,
  certificationExpiryContext,
  type EmailContextBuilder,
  type EmailSettings,
  type OutboxRow,
  type Prepared,
} from '@app/notifications';
import { Clock, HttpConfig, OrganisationConfig } from '@app/platform';
import { emailSettings, londonToday } from './email-settings.js';
import { readerMay } from './reader.js';

/** A certification's expiry notice: skipped when it was renewed (its expiry moved) since it was owed. */
export async function certificationExpiryEmail(
  m: EntityManager,
  row: OutboxRow,
  settings: EmailSettings,
  today: string,
): Promise<Prepared> {
  const [c] = await m.query<
    {
      supplier_id: string;
      supplier: string;
      kind: string;
      reference: string | null;
      scope: string | null;
      expires_on: string | null;
      verified_on: string | null;
    }[]
  >(
    `SELECT c.supplier_id, s.name AS supplier, c.kind, c.reference, c.scope, c.expires_on::text, c.verified_on::text
       FROM certification c JOIN supplier s ON s.id = c.supplier_id WHERE c.id = $1`,
    [row.refs.certificationId],
  );
  if (!c) return { skip: 'the certification no longer exists' };
  if (c.expires_on !== row.refs.expiresOn) return { skip: 'the certification was renewed' };
  const expired = row.refs.step === 'expiry';
  return {
    context: certificationExpiryContext(settings, {
      supplierId: c.supplier_id,
      supplierName: c.supplier,
      certification: `${CERTIFICATION_LABELS[c.kind as CertificationKind] ?? c.kind} certificate`,
      reference: c.reference,
      scope: c.scope,
      expiresOn: c.expires_on!,
      expired,
      today,
      canAct: await readerMay(m, row.recipients[0], 'register.write'),
    }),
  };
}

/** An access path's review notice: skipped once it was reviewed, disabled or removed. */
export async function accessPathReviewEmail(
  m: EntityManager,
  row: OutboxRow,
  settings: EmailSettings,
  today: string,
): Promise<Prepared> {
  const [p] = await m.query<
    {
      supplier_id: string;
      supplier: string;
      kind: string;
      description: string;
      mfa: string;
      monitored: boolean;
      status: string;
      basis: string;
    }[]
  >(
    `SELECT p.supplier_id, s.name AS supplier, p.kind, p.description, p.mfa, p.monitored, p.status,
            coalesce(p.last_reviewed_on, (p.created_at AT TIME ZONE 'Europe/London')::date)::text AS basis
       FROM access_path p JOIN supplier s ON s.id = p.supplier_id WHERE p.id = $1`,
    [row.refs.accessPathId],
  );
  if (!p) return { skip: 'the access path no longer exists' };
  if (p.status !== 'active') return { skip: `the access path is ${p.status}` };
  if (p.basis !== row.refs.basis) return { skip: 'the access path was reviewed since' };
  return {
    context: accessPathReviewContext(settings, {
      supplierId: p.supplier_id,
      supplierName: p.supplier,
      kind: p.kind,
      description: p.description,
      mfa: p.mfa,
      monitored: p.monitored,
      lastReviewed: p.basis,
      today,
      canAct: await readerMay(m, row.recipients[0], 'register.write'),
    }),
  };
}

@Injectable()
export class CertificationExpiryEmailContext implements EmailContextBuilder {
  readonly templates = ['certification-expiry'];
  constructor(
    private readonly http: HttpConfig,
    private readonly organisation: OrganisationConfig,
    private readonly clock: Clock,
  ) {}

  prepare(m: EntityManager, row: OutboxRow): Promise<Prepared> {
    return certificationExpiryEmail(m, row, emailSettings(this.http, this.organisation), londonToday(this.clock));
  }
}

@Injectable()
export class AccessPathReviewEmailContext implements EmailContextBuilder {
  readonly templates = ['access-path-review-due'];
  constructor(
    private readonly http: HttpConfig,
    private readonly organisation: OrganisationConfig,
    private readonly clock: Clock,
  ) {}

  prepare(m: EntityManager, row: OutboxRow): Promise<Prepared> {
    return accessPathReviewEmail(m, row, emailSettings(this.http, this.organisation), londonToday(this.clock));
  }
}
