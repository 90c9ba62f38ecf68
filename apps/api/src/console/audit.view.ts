import type { AuditEvent } from '@app/audit';

/** The audit trail page: one row per event, and whether the hash chain is intact. */
export function auditView(data: { items: AuditEvent[]; total: number; page: number; chain: { firstBroken: unknown; checked: number } }) {
  const { items, total, page, chain } = data;
  return {
    total, page,
    intact: chain.firstBroken === null, checked: chain.checked,
    events: items.map((e) => ({ at: e.occurredAt.toISOString().slice(0, 19).replace('T', ' '), action: e.action, entity: `${e.entityType} ${e.entityId}`, actor: `${e.actorType}${e.actorId ? ` ${e.actorId}` : ''}`, changes: Object.keys(e.changes ?? {}).join(', ') })),
    next: page * 50 < total ? `/console/audit?page=${page + 1}` : null,
  };
}
