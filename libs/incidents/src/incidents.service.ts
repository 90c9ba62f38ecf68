import { Injectable } from '@nestjs/common';
import type { IncidentDetailView, IncidentEventDetail, IncidentView, SuspendedLinksView } from './incident.view.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { disableAccessPathsForIncident } from '@app/access-paths';
import { SendQuestionnaire, submittedAt } from '@app/assessments';
import { AuditTrail } from '@app/audit';
import { deliveriesAbout, oweEmail } from '@app/notifications';
import {
  addDays,
  Clock,
  ConflictError,
  NotFoundError,
  OrganisationConfig,
  RuleViolationError,
  sortOrder,
} from '@app/platform';
import { RiskRecompute } from '@app/suppliers';
import { exposureOf } from './exposure.js';
import {
  FIRST_REPORT_HOURS,
  FOLLOW_UP_HOURS,
  FOLLOW_UP_KEY,
  INCIDENT_SELECT as SELECT,
  INCIDENT_SEVERITIES,
  toIncidentView,
  type IncidentRow,
  type OpenIncident,
} from './incident.js';

/**
 * The fields the incident list sorts by (`?sort=field` or `-field`), also declared in the OpenAPI
 * document; `severity` ascends from low to critical.
 */
export const INCIDENT_SORTS: readonly string[] = ['createdAt', 'detectedAt', 'severity', 'status', 'closedAt'];
const SORT_COLUMNS: Record<string, string> = {
  createdAt: 'i.created_at',
  detectedAt: 'i.detected_at',
  status: 'i.status',
  closedAt: 'i.closed_at',
};

export type { IncidentView };

/**
 * Incident mode: one action answers "what of ours do they hold?" and starts the follow-up in the
 * same transaction (the 72-hour questionnaire, the notices to governance and the internal owners,
 * the timeline), exactly once per `Idempotency-Key`.
 */
@Injectable()
export class IncidentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sending: SendQuestionnaire,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly organisation: OrganisationConfig,
    private readonly risk: RiskRecompute,
  ) {}

  async open(
    input: OpenIncident,
    idempotencyKey: string | null,
    actorId: string | null,
  ): Promise<{ incident: IncidentView; created: boolean }> {
    return this.dataSource.transaction(async (m) => {
      if (idempotencyKey) {
        // Two identical requests at once: the second waits here, then finds the first's incident.
        await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`incident:${idempotencyKey}`]);
        const [existing] = await m.query<{ id: string; supplier_id: string }[]>(
          'SELECT id, supplier_id FROM incident WHERE idempotency_key = $1',
          [idempotencyKey],
        );
        if (existing) {
          if (existing.supplier_id !== input.supplierId)
            throw new ConflictError(
              'INCIDENT.IDEMPOTENCY_KEY_REUSED',
              'This Idempotency-Key was used for another incident.',
              [{ path: 'Idempotency-Key', message: 'was used for a different request' }],
            );
          return { incident: await this.view(m, existing.id), created: false };
        }
      }
      const [supplier] = await m.query<{ id: string; status: string }[]>(
        'SELECT id, status FROM supplier WHERE id = $1 FOR UPDATE',
        [input.supplierId],
      );
      if (!supplier)
        throw new RuleViolationError('INCIDENT.SUPPLIER_UNKNOWN', 'No such supplier.', [
          { path: 'supplierId', message: 'is not a known supplier' },
        ]);
      if (input.detectedAt > this.clock.now().toISOString())
        throw new RuleViolationError('INCIDENT.DETECTED_IN_FUTURE', 'An incident cannot be detected in the future.', [
          { path: 'detectedAt', message: 'must not be in the future' },
        ]);
      const now = this.clock.now();
      const exposure = await exposureOf(m, input.supplierId, now);
      const [row] = await m.query<{ id: string }[]>(
        `INSERT INTO incident (supplier_id, summary, detected_at, source, severity, idempotency_key, exposure_at_open, opened_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          input.supplierId,
          input.summary,
          input.detectedAt,
          input.source,
          input.severity,
          idempotencyKey,
          exposure,
          actorId,
          now,
        ],
      );
      const id = row.id;
      await this.event(
        m,
        id,
        new Date(input.detectedAt),
        'detected',
        { source: input.source, severity: input.severity },
        actorId,
      );
      await this.event(
        m,
        id,
        now,
        'exposure_produced',
        { links: exposure.links.length, records: exposure.records.total },
        actorId,
      );

      const followUp =
        supplier.status === 'offboarded'
          ? null
          : await this.followUp(m, input.supplierId, new Date(input.detectedAt), now, actorId);
      if (followUp) {
        await m.query('UPDATE incident SET follow_up_assessment_id = $2 WHERE id = $1', [id, followUp.assessmentId]);
        await this.event(
          m,
          id,
          now,
          'follow_up_sent',
          {
            assessmentId: followUp.assessmentId,
            firstReportDueBy: followUp.firstReportDueBy,
            dueBy: followUp.dueBy,
            reused: followUp.reused,
          },
          actorId,
        );
      }
      const recipients = new Set([
        ...(this.organisation.governanceEmail ? [this.organisation.governanceEmail] : []),
        ...exposure.internalOwners.map((o) => o.email),
      ]);
      for (const email of recipients) {
        await oweEmail(m, {
          kind: 'incident.opened',
          recipients: [email],
          template: 'incident-opened',
          refs: { incidentId: id },
          dedupeKey: `incident:${id}:opened:${email.toLowerCase()}`,
        });
      }
      await this.audit.record(m, {
        action: 'incident.opened',
        entityType: 'incident',
        entityId: id,
        before: null,
        after: {
          supplierId: input.supplierId,
          severity: input.severity,
          source: input.source,
          detectedAt: input.detectedAt,
          records: exposure.records.total,
          followUp: followUp?.assessmentId ?? null,
        },
      });
      return { incident: await this.view(m, id), created: true };
    });
  }

  /**
   * The follow-up questionnaire to the supplier's security contact (else its primary): a first
   * report due 24 hours after detection, the full answer 72 hours after (the assessment's due date
   * is that day, and never before tomorrow); an open one is reused.
   */
  private async followUp(
    m: EntityManager,
    supplierId: string,
    detectedAt: Date,
    now: Date,
    actorId: string | null,
  ): Promise<{ assessmentId: string; firstReportDueBy: string; dueBy: string; reused: boolean } | null> {
    const dueBy = new Date(detectedAt.getTime() + FOLLOW_UP_HOURS * 3_600_000);
    const firstReportDueBy = new Date(detectedAt.getTime() + FIRST_REPORT_HOURS * 3_600_000).toISOString();
    const [open] = await m.query<{ id: string }[]>(
      "SELECT id FROM assessment WHERE supplier_id = $1 AND questionnaire_key = $2 AND status IN ('sent', 'in_progress', 'submitted', 'returned') LIMIT 1",
      [supplierId, FOLLOW_UP_KEY],
    );
    if (open) return { assessmentId: open.id, firstReportDueBy, dueBy: dueBy.toISOString(), reused: true };
    const [contact] = await m.query<{ id: string }[]>(
      "SELECT id FROM supplier_contact WHERE supplier_id = $1 AND role IN ('security', 'primary') ORDER BY array_position(ARRAY['security', 'primary'], role), position LIMIT 1",
      [supplierId],
    );
    if (!contact) return null;
    const london = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(d);
    const tomorrow = addDays(london(now), 1);
    const dueDate = london(dueBy) < tomorrow ? tomorrow : london(dueBy);
    const { assessment } = await this.sending.sendWith(
      m,
      { supplierId, questionnaireKey: FOLLOW_UP_KEY, dueDate, recipientContactId: contact.id },
      actorId,
    );
    return { assessmentId: assessment.id, firstReportDueBy, dueBy: dueBy.toISOString(), reused: false };
  }

  async list(query: {
    supplierId?: string;
    status?: string;
    sort?: string;
    page: number;
    pageSize: number;
  }): Promise<{ items: IncidentView[]; total: number }> {
    const { field, direction } = sortOrder(query.sort, '-createdAt', INCIDENT_SORTS);
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.supplierId) where.push(`i.supplier_id = $${params.push(query.supplierId)}`);
    if (query.status) where.push(`i.status = $${params.push(query.status)}`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order =
      field === 'severity'
        ? `array_position($${params.push([...INCIDENT_SEVERITIES])}::text[], i.severity)`
        : SORT_COLUMNS[field];
    const rows = await this.dataSource.query<IncidentRow[]>(
      `${SELECT} ${filter} ORDER BY ${order} ${direction} NULLS LAST, i.id LIMIT $${params.push(query.pageSize)} OFFSET $${params.push((query.page - 1) * query.pageSize)}`,
      params,
    );
    const [{ n }] = await this.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM incident i ${filter}`,
      params.slice(0, where.length),
    );
    return { items: rows.map(toIncidentView), total: Number(n) };
  }

  /** The incident with its exposure as it was when opened and as it is now, and its timeline. */
  async get(id: string): Promise<IncidentDetailView> {
    const m = this.dataSource.manager;
    const incident = await this.view(m, id);
    const stored = await m.query<{ at: Date; kind: string; detail: IncidentEventDetail; actor_id: string | null }[]>(
      'SELECT at, kind, detail, actor_id FROM incident_event WHERE incident_id = $1 ORDER BY at, id',
      [id],
    );
    const timeline = [...stored, ...(await this.followUpEvents(m, incident.followUp?.assessmentId ?? null))].sort(
      (a, b) => a.at.getTime() - b.at.getTime(),
    );
    return {
      ...incident,
      exposureNow: await exposureOf(m, incident.supplierId, this.clock.now()),
      timeline: timeline.map((t) => ({ at: t.at.toISOString(), kind: t.kind, detail: t.detail, actorId: t.actor_id })),
    };
  }

  /**
   * The follow-up's own events, derived from the rows that record them (its invitation sent from the
   * outbox, its submission) rather than copied into `incident_event` by the libraries that write them.
   */
  private async followUpEvents(m: EntityManager, assessmentId: string | null) {
    if (!assessmentId) return [];
    const notified = (await deliveriesAbout(m, assessmentId, 'assessment-invitation')).map((d) => ({
      at: d.at,
      kind: 'supplier_notified',
      detail: { to: d.to },
      actor_id: null,
    }));
    const answered = await submittedAt(m, assessmentId);
    return [
      ...notified,
      ...(answered ? [{ at: answered, kind: 'supplier_answered', detail: { assessmentId }, actor_id: null }] : []),
    ];
  }

  /**
   * Suspends every active link of the supplier in one action, recorded on each link and audited, and
   * disables every active way in (access path), each on the timeline.
   */
  async suspendLinks(id: string, actorId: string | null): Promise<SuspendedLinksView> {
    return this.dataSource.transaction(async (m) => {
      const [incident] = await m.query<{ supplier_id: string; status: string }[]>(
        'SELECT supplier_id, status FROM incident WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!incident) throw new NotFoundError('INCIDENT.NOT_FOUND', 'No such incident.');
      const now = this.clock.now();
      const [rows] = await m.query<[{ id: string }[], number]>(
        "UPDATE data_sharing_link SET status = 'suspended', suspended_by_incident = $2, suspended_at = $3, updated_at = now() WHERE supplier_id = $1 AND status = 'active' RETURNING id",
        [incident.supplier_id, id, now],
      );
      const linkIds = rows.map((r) => r.id);
      await this.audit.recordMany(
        m,
        linkIds.map((linkId) => ({
          action: 'data_sharing_link.suspended',
          entityType: 'data_sharing_link',
          entityId: linkId,
          before: { status: 'active' },
          after: { status: 'suspended', incidentId: id },
        })),
      );
      await this.event(m, id, now, 'links_suspended', { count: linkIds.length, linkIds }, actorId);
      const paths = await disableAccessPathsForIncident(m, incident.supplier_id, id);
      await this.audit.recordMany(
        m,
        paths.map((p) => ({
          action: 'access_path.disabled',
          entityType: 'access_path',
          entityId: p.id,
          before: { status: 'active' },
          after: { status: 'disabled', incidentId: id },
        })),
      );
      for (const p of paths)
        await this.event(
          m,
          id,
          now,
          'access_path_disabled',
          { accessPathId: p.id, kind: p.kind, description: p.description },
          actorId,
        );
      if (linkIds.length || paths.length) await this.risk.forSupplier(m, incident.supplier_id);
      return {
        suspended: linkIds.length,
        linkIds,
        accessPathsDisabled: paths.length,
        accessPathIds: paths.map((p) => p.id),
      };
    });
  }

  async close(id: string, note: string, actorId: string | null): Promise<IncidentView> {
    return this.dataSource.transaction(async (m) => {
      const [incident] = await m.query<{ status: string }[]>('SELECT status FROM incident WHERE id = $1 FOR UPDATE', [
        id,
      ]);
      if (!incident) throw new NotFoundError('INCIDENT.NOT_FOUND', 'No such incident.');
      if (incident.status === 'closed') throw new ConflictError('INCIDENT.CLOSED', 'The incident is already closed.');
      const now = this.clock.now();
      await m.query("UPDATE incident SET status = 'closed', closed_at = $2 WHERE id = $1", [id, now]);
      await this.event(m, id, now, 'closed', { note }, actorId);
      await this.audit.record(m, {
        action: 'incident.closed',
        entityType: 'incident',
        entityId: id,
        before: { status: 'open' },
        after: { status: 'closed', note },
      });
      return this.view(m, id);
    });
  }

  private async view(m: EntityManager, id: string): Promise<IncidentView> {
    const [row] = await m.query<IncidentRow[]>(`${SELECT} WHERE i.id = $1`, [id]);
    if (!row) throw new NotFoundError('INCIDENT.NOT_FOUND', 'No such incident.');
    return toIncidentView(row);
  }

  private async event(
    m: EntityManager,
    incidentId: string,
    at: Date,
    kind: string,
    detail: IncidentEventDetail,
    actorId: string | null,
  ): Promise<void> {
    await m.query('INSERT INTO incident_event (incident_id, at, kind, detail, actor_id) VALUES ($1, $2, $3, $4, $5)', [
      incidentId,
      at,
      kind,
      detail,
      actorId,
    ]);
    await this.audit.record(m, {
      action: `incident.${kind}`,
      entityType: 'incident',
      entityId: incidentId,
      before: null,
      after: { at: at.toISOString(), ...detail },
    });
  }
}
