import { createHash } from 'node:crypto';
import type { AuditEvent } from './audit-event.entity.js';

/** The hash a chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so that the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

type HashedContent = Pick<
  AuditEvent,
  'occurredAt' | 'actorType' | 'actorId' | 'action' | 'entityType' | 'entityId' | 'changes' | 'requestId' | 'ip'
>;

/** The canonical content of a row: what its hash covers besides the previous hash. */
export function chainContent(event: HashedContent): string {
  return canonicalJson({
    occurredAt: event.occurredAt.toISOString(),
    actorType: event.actorType,
    actorId: event.actorId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    changes: event.changes,
    requestId: event.requestId,
    ip: event.ip,
  });
}

/**
 * hash = sha256(previous hash + '\n' + canonical content of this row). The database's
 * `audit_append` computes the same when it appends; `verify` recomputes it here.
 */
export function chainHash(prevHash: string, event: HashedContent): string {
  const content = chainContent(event);
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}
