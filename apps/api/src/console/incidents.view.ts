import type { IncidentsService, IncidentView } from '@app/incidents';
import { moneyText } from '@app/platform';
import { dateText, londonDateTime } from './dates.js';
import { countText } from './words.js';

type IncidentDetail = Awaited<ReturnType<IncidentsService['get']>>;

const words = (value: string) => value.replace(/_/g, ' ');
const EVENT: Record<string, string> = {
  detected: 'Detected',
  exposure_produced: 'Exposure produced',
  follow_up_sent: '72-hour follow-up questionnaire sent',
  links_suspended: 'Data-sharing links suspended',
  closed: 'Closed',
};

/** The incident list: newest first. */
export function incidentListView(items: IncidentView[], total: number, status: string | undefined) {
  return {
    total,
    status,
    statuses: ['open', 'closed'].map((value) => ({ value, selected: value === status })),
    items: items.map((i) => ({
      id: i.id,
      supplier: i.supplierName,
      supplierId: i.supplierId,
      summary: i.summary.length > 120 ? `${i.summary.slice(0, 117)}...` : i.summary,
      severity: i.severity,
      status: i.status,
      detected: londonDateTime(new Date(i.detectedAt)),
      records: i.exposure.records.total.toLocaleString('en-GB'),
    })),
  };
}

/** One incident: what happened, what of ours they hold now, the follow-up, the timeline, and the actions. */
export function incidentView(i: IncidentDetail, actors: Map<string, string>) {
  const e = i.exposureNow;
  const detail = (kind: string, d: Record<string, unknown>) =>
    kind === 'exposure_produced'
      ? `${countText(Number(d.links ?? 0), 'link')}, ${countText(Number(d.records ?? 0), 'record')}`
      : kind === 'links_suspended'
        ? countText(Number(d.count ?? 0), 'link')
        : kind === 'follow_up_sent'
          ? `due by ${d.dueBy ? londonDateTime(new Date(String(d.dueBy))) : '–'}${d.reused ? ' (one already open was reused)' : ''}`
          : kind === 'closed'
            ? String(d.note ?? '')
            : kind === 'detected'
              ? `${words(String(d.source ?? ''))}, ${String(d.severity ?? '')} severity`
              : '';
  const active = e.links.filter((l) => l.status === 'active').length;
  return {
    incident: {
      id: i.id,
      supplier: i.supplierName,
      supplierId: i.supplierId,
      summary: i.summary,
      severity: i.severity,
      source: words(i.source),
      status: i.status,
      detected: londonDateTime(new Date(i.detectedAt)),
      opened: londonDateTime(new Date(i.createdAt)),
      closed: i.closedAt ? londonDateTime(new Date(i.closedAt)) : null,
    },
    open: i.status === 'open',
    followUp: i.followUp
      ? {
          assessmentId: i.followUp.assessmentId,
          status: words(i.followUp.status ?? ''),
          due: dateText(i.followUp.dueDate),
        }
      : null,
    exposure: {
      computed: londonDateTime(new Date(e.computedAt)),
      records: e.records.total.toLocaleString('en-GB'),
      classifications: Object.entries(e.records.byClassification).map(([name, n]) => ({
        name: words(name),
        records: n.toLocaleString('en-GB'),
      })),
      links: e.links.map((l) => ({
        asset: l.asset,
        classification: words(l.classification),
        records: l.records.toLocaleString('en-GB'),
        status: l.status,
        agreement: l.agreementRef ?? 'none',
        owner: l.owner ? l.owner.name : 'no owner recorded',
      })),
      contacts: e.contacts.map((c) => ({ name: c.name, role: c.role, email: c.email, phone: c.phone })),
      risk: {
        valueAtRisk: moneyText(e.risk.valueAtRisk),
        netValueAtRisk: moneyText(e.risk.netValueAtRisk),
        rating: e.risk.rating,
        band: e.risk.band ?? 'not assessed',
      },
      openFindings: countText(e.openFindings.total, 'open finding'),
    },
    activeLinks: active,
    activeLinksText: countText(active, 'active data-sharing link'),
    activeOne: active === 1,
    timeline: i.timeline.map((t) => ({
      at: londonDateTime(new Date(t.at)),
      what: EVENT[t.kind] ?? words(t.kind),
      detail: detail(t.kind, t.detail as Record<string, unknown>),
      by: t.actorId ? (actors.get(t.actorId) ?? 'a user') : 'Assure',
    })),
  };
}
