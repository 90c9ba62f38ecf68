import type { Changes } from './audit-event.entity.js';
import { canonicalJson } from './hash-chain.js';

/** Never copied into the audit trail, whatever entity carries them. */
const SECRET_FIELDS = new Set(['password', 'passwordHash', 'tokenHash', 'token']);

/**
 * The fields that changed between two snapshots (a missing snapshot means created or removed).
 * Secrets are recorded as changed, never with their values.
 */
export function changedFields(before: object | null, after: object | null): Changes {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const changes: Changes = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const was = normalise(b[key]);
    const now = normalise(a[key]);
    if (canonicalJson(was) === canonicalJson(now)) continue;
    changes[key] = SECRET_FIELDS.has(key)
      ? { before: was === null ? null : '[secret]', after: now === null ? null : '[secret]' }
      : { before: was, after: now };
  }
  return changes;
}

function normalise(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return JSON.parse(JSON.stringify(value)) as unknown;
}
