import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Between,
  type DataSource,
  type EntityManager,
  type FindOptionsWhere,
  LessThanOrEqual,
  Like,
  MoreThanOrEqual,
} from 'typeorm';
import { Clock, requestContext, sortOrder, type Actor } from '@app/platform';
import { AuditEvent } from './audit-event.entity.js';
import { changedFields } from './diff.js';
import { chainContent, chainHash, GENESIS_HASH } from './hash-chain.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before: object | null;
  after: object | null;
  /** Defaults to the authenticated caller of the current request, or the system. */
  actor?: Actor;
}

export interface ChainCheck {
  checked: number;
  firstBroken: { id: string; reason: string } | null;
}

/** Where a verified walk of the chain ended: the last row's id and hash. */
interface ChainEnd {
  afterId: string;
  prevHash: string;
  checked: number;
}

/** How long a page may rely on the last full walk of the chain. */
const FULL_WALK_MS = 60_000;

/**
 * The fields the audit trail sorts by (`?sort=field` or `-field`), also declared in the OpenAPI
 * document. `occurredAt` is the chain's order: the order the events were recorded in.
 */
export const AUDIT_SORTS: readonly string[] = ['occurredAt', 'action', 'entityType'];

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** An action or the start of one (`supplier.` for every supplier action). */
  action?: string;
  from?: Date;
  to?: Date;
  sort?: string;
  page: number;
  pageSize: number;
}

/**
 * The append-only audit trail. Each write use-case records its changes through here, inside its own
 * transaction, so that a change and its audit row commit or fail together.
 */
@Injectable()
export class AuditTrail {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, entry: AuditEntry): Promise<AuditEvent | null> {
    const [event] = await this.recordMany(manager, [entry]);
    return event ?? null;
  }

  /**
   * Several changes of one transaction, appended to the chain in one round trip: the database
   * function `audit_append` waits for the chain's end (a row lock held until commit), links each
   * row to the one before it and inserts them in chain order.
   */
  async recordMany(manager: EntityManager, entries: AuditEntry[]): Promise<AuditEvent[]> {
    const events = this.draft(entries);
    if (events.length === 0) return [];
    const appended = await manager.query<{ id: string; prev_hash: string; hash: string }[]>(
      'SELECT id, prev_hash, hash FROM audit_append($1::jsonb)',
      [AuditTrail.appendPayload(events)],
    );
    events.forEach((event, i) =>
      Object.assign(event, { id: appended[i].id, prevHash: appended[i].prev_hash, hash: appended[i].hash }),
    );
    return events;
  }

  /**
   * The argument of `audit_append` for these changes, for a database function that appends them
   * itself in the same statement as the change (the portal's answer save); null when nothing changed.
   */
  prepare(entries: AuditEntry[]): string | null {
    const events = this.draft(entries);
    return events.length ? AuditTrail.appendPayload(events) : null;
  }

  private draft(entries: AuditEntry[]): AuditEvent[] {
    const context = requestContext.current();
    const now = this.clock.now();
    return entries
      .map((entry) => ({ entry, changes: changedFields(entry.before, entry.after) }))
      .filter(({ changes }) => Object.keys(changes).length > 0) // nothing changed, nothing to say
      .map(({ entry, changes }) => {
        const actor = entry.actor ?? context?.actor ?? { type: 'system', id: null };
        return Object.assign(new AuditEvent(), {
          occurredAt: now,
          actorType: actor.type,
          actorId: actor.id,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId,
          changes,
          requestId: context?.requestId ?? null,
          ip: context?.ip ?? null,
        });
      });
  }

  private static appendPayload(events: AuditEvent[]): string {
    return JSON.stringify(
      events.map((event) => ({ ...event, occurredAt: event.occurredAt.toISOString(), content: chainContent(event) })),
    );
  }

  async list(query: AuditQuery): Promise<{ items: AuditEvent[]; total: number }> {
    const where: FindOptionsWhere<AuditEvent> = {};
    if (query.entityType) where.entityType = query.entityType;
    if (query.entityId) where.entityId = query.entityId;
    if (query.actorId) where.actorId = query.actorId;
    if (query.action)
      where.action = query.action.endsWith('.') ? Like(`${query.action.replace(/[%_\\]/g, '\\$&')}%`) : query.action;
    if (query.from && query.to) where.occurredAt = Between(query.from, query.to);
    else if (query.from) where.occurredAt = MoreThanOrEqual(query.from);
    else if (query.to) where.occurredAt = LessThanOrEqual(query.to);
    const { field, direction } = sortOrder(query.sort, '-occurredAt', AUDIT_SORTS);
    const events = this.dataSource.getRepository(AuditEvent);
    const items = await events.find({
      where,
      order: field === 'occurredAt' ? { id: direction } : { [field]: direction, id: direction },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    // A first page that is not full holds them all; otherwise count(*) over the same filter
    // (TypeORM's own count is COUNT(DISTINCT id), which sorts every id of the trail).
    if (query.page === 1 && items.length < query.pageSize) return { items, total: items.length };
    if (Object.keys(where).length === 0) {
      // The whole trail: the chain's head counts what it appended (migration AuditEventCount).
      const [head] = await this.dataSource.query<{ n: string }[]>('SELECT event_count AS n FROM audit_chain_head');
      return { items, total: Number(head?.n ?? 0) };
    }
    const counted = await events
      .createQueryBuilder('e')
      .select('COUNT(*)', 'n')
      .where(where)
      .getRawOne<{ n: string }>();
    return { items, total: Number(counted?.n ?? 0) };
  }

  /**
   * Walks the whole chain in order and returns the first row whose link or content does not
   * match, or null when every row verifies.
   */
  async verify(batchSize = 1000): Promise<ChainCheck> {
    return this.walk({ afterId: '0', prevHash: GENESIS_HASH, checked: 0 }, batchSize);
  }

  /**
   * The chain's check as a page shows it, without walking the whole chain on every load: the rows
   * appended since the last verified row (each must link to it), and a full walk at most once per
   * FULL_WALK_MS in this process. The first load walks the whole chain itself; after that a due full
   * walk runs beside the loads (one at a time), which keep checking the recent rows meanwhile: its
   * cost grows with the trail and no page waits for it. A row changed behind the database's
   * append-only trigger is found by that walk, within a minute and its own duration, and the next
   * load walks the chain again and reports it.
   */
  async verifyRecent(batchSize = 1000): Promise<ChainCheck> {
    const now = performance.now();
    if (!this.verified || this.chainBroken) {
      // One full walk at a time in this process: loads arriving meanwhile wait for it.
      const full = await this.fullWalkFrom(now, batchSize);
      if (full.firstBroken) return full;
    } else if (now - this.verified.walkedAt >= FULL_WALK_MS && !this.fullWalk) {
      void this.fullWalkFrom(now, batchSize).catch(() => (this.verified = null));
    }
    const from = this.verified ?? { afterId: '0', prevHash: GENESIS_HASH, checked: 0, walkedAt: now };
    const result = await this.walk(from, batchSize, (end) => {
      // A full walk that ended meanwhile keeps its later time.
      this.verified = { ...end, walkedAt: Math.max(from.walkedAt, this.verified?.walkedAt ?? 0) };
    });
    if (result.firstBroken) this.verified = null;
    return result;
  }

  /** The whole chain from its start (shared by concurrent callers); a broken chain forgets the last verified row. */
  private fullWalkFrom(startedAt: number, batchSize: number): Promise<ChainCheck> {
    this.fullWalk ??= this.walk(
      { afterId: '0', prevHash: GENESIS_HASH, checked: 0 },
      batchSize,
      (end) => (this.verified = { ...end, walkedAt: startedAt }),
    )
      .then((full) => {
        // Kept until a full walk passes: a recent check finishing meanwhile must not hide it.
        this.chainBroken = full.firstBroken !== null;
        if (full.firstBroken) this.verified = null;
        return full;
      })
      .finally(() => {
        this.fullWalk = null;
      });
    return this.fullWalk;
  }

  private fullWalk: Promise<ChainCheck> | null = null;
  private chainBroken = false;
  private verified: (ChainEnd & { walkedAt: number }) | null = null;

  private async walk(from: ChainEnd, batchSize: number, reached?: (end: ChainEnd) => void): Promise<ChainCheck> {
    const repository = this.dataSource.getRepository(AuditEvent);
    let { prevHash, checked, afterId } = from;
    for (;;) {
      const rows = await repository
        .createQueryBuilder('e')
        .where('e.id > :afterId', { afterId })
        .orderBy('e.id', 'ASC')
        .limit(batchSize)
        .getMany();
      if (rows.length === 0) {
        reached?.({ afterId, prevHash, checked });
        return { checked, firstBroken: null };
      }
      for (const row of rows) {
        if (row.prevHash !== prevHash)
          return { checked, firstBroken: { id: row.id, reason: 'does not link to the row before it' } };
        if (chainHash(row.prevHash, row) !== row.hash)
          return { checked, firstBroken: { id: row.id, reason: 'content does not match its hash' } };
        prevHash = row.hash;
        checked++;
      }
      afterId = rows[rows.length - 1].id;
    }
  }
}
