import type { AuditEvent } from '@app/audit';
import { londonDateTime } from './dates.js';
import { formFields, type FieldSpec } from './forms.js';
import { fieldText } from './words.js';

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_ENTITIES = [
  'supplier',
  'data_sharing_link',
  'data_asset',
  'assessment',
  'finding',
  'risk_decision',
  'incident',
  'user',
  'questionnaire',
  'notification',
] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const words = (value: string) => value.replace(/[._]/g, ' ');

/** Every id an event mentions (its entity, its actor, and ids among its before and after values), to look their names up at once. */
export function idsIn(events: AuditEvent[]): string[] {
  const ids = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string' && UUID.test(v)) ids.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const e of events) {
    ids.add(e.entityId);
    if (e.actorId) ids.add(e.actorId);
    walk(e.changes);
  }
  return [...ids].filter((id) => UUID.test(id));
}

/** A value as a person reads it: names for ids, "none" for null, dates and lists in words. */
function valueText(v: unknown, names: Map<string, string>): string {
  if (v === null || v === undefined || v === '') return 'none';
  if (typeof v === 'string')
    return UUID.test(v)
      ? (names.get(v) ?? 'a record')
      : /^\d{4}-\d{2}-\d{2}T/.test(v)
        ? londonDateTime(new Date(v))
        : v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return v.toLocaleString('en-GB');
  if (Array.isArray(v)) return v.length ? v.map((x) => valueText(x, names)).join(', ') : 'none';
  return Object.entries(v as object)
    .map(([k, x]) => `${words(k)} ${valueText(x, names)}`)
    .join('; ');
}

/** Where an entity's page is in the console, if it has one. */
function entityLink(type: string, id: string): string | null {
  return (
    (
      {
        supplier: `/console/suppliers/${id}`,
        assessment: `/console/assessments/${id}`,
        finding: `/console/findings/${id}`,
        incident: `/console/incidents/${id}`,
        data_sharing_link: `/console/links/${id}`,
      } as Record<string, string>
    )[type] ?? null
  );
}

/** The audit trail page: filters, one row per event with names and before/after values, and whether the hash chain is intact. */
export function auditView(data: {
  items: AuditEvent[];
  total: number;
  page: number;
  chain: { firstBroken: unknown; checked: number };
  names: Map<string, string>;
  users: { id: string; name: string }[];
  filters: Record<string, string>;
}) {
  const { items, total, page, chain, names, filters } = data;
  const specs: FieldSpec[] = [
    {
      name: 'entityType',
      label: 'What changed',
      value: filters.entityType ?? '',
      options: AUDIT_ENTITIES.map((e) => ({ value: e, label: words(e) })),
      blank: 'Anything',
    },
    {
      name: 'actorId',
      label: 'Who changed it',
      value: filters.actorId ?? '',
      options: data.users.map((u) => ({ value: u.id, label: u.name })),
      blank: 'Anyone',
    },
    {
      name: 'action',
      label: 'Action',
      value: filters.action ?? '',
      width: 20,
      hint: 'For example supplier.offboarded, or supplier. for every supplier action',
    },
    { name: 'from', label: 'From', value: filters.from ?? '', date: true },
    { name: 'to', label: 'To', value: filters.to ?? '', date: true },
  ];
  const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  return {
    total,
    page,
    filtered: params.toString() !== '',
    intact: chain.firstBroken === null,
    checked: chain.checked,
    filterFields: formFields(specs, [], 'audit'),
    events: items.map((e) => ({
      at: londonDateTime(e.occurredAt),
      action: words(e.action),
      entityType: words(e.entityType),
      entity: names.get(e.entityId) ?? null,
      link: entityLink(e.entityType, e.entityId),
      actor:
        e.actorType === 'user'
          ? (names.get(e.actorId ?? '') ?? 'a user no longer known')
          : e.actorType === 'supplier'
            ? 'the supplier (through its link)'
            : 'Assure (automatic)',
      changes: Object.entries(e.changes ?? {}).map(([field, c]) => ({
        field: fieldText(field),
        before: valueText(c?.before, names),
        after: valueText(c?.after, names),
      })),
    })),
    next:
      page * AUDIT_PAGE_SIZE < total
        ? `/console/audit?${new URLSearchParams({ ...Object.fromEntries(params), page: String(page + 1) })}`
        : null,
  };
}
