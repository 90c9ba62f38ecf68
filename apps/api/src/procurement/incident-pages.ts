import type { IncidentsService } from '@app/incidents';
import { TemplateSet } from '@app/platform';
import { inlineStyles } from '@app/reports';

type IncidentDetail = Awaited<ReturnType<IncidentsService['get']>>;

/** The incident's exposure as a printable page (then PDF): strict, escaped, no external request. */
export class IncidentExposurePage {
  private readonly template = new TemplateSet('reports').template('incident-exposure');
  private readonly styles = inlineStyles();

  render(incident: IncidentDetail, org: string): string {
    const e = incident.exposureNow;
    const count = (n: number) => n.toLocaleString('en-GB');
    return this.template({
      styles: this.styles,
      org,
      supplier: incident.supplierName,
      summary: incident.summary,
      severity: incident.severity,
      source: incident.source.replace('_', ' '),
      detectedAt: incident.detectedAt,
      status: incident.status,
      computedAt: e.computedAt,
      records: count(e.records.total),
      classifications: Object.entries(e.records.byClassification).map(([name, n]) => ({
        name: name.replace('_', '-'),
        records: count(n),
      })),
      categories: Object.entries(e.records.byCategory).map(([name, n]) => ({
        name: name.replace('_', ' '),
        records: count(n),
      })),
      links: e.links.map((l) => ({
        asset: l.asset,
        classification: l.classification.replace('_', '-'),
        records: count(l.records),
        status: l.status,
        endDate: l.endDate,
        pseudonymisation: l.pseudonymisation,
        basis: [l.article6Basis, l.article9Condition].filter(Boolean).join(' + ') || 'no basis recorded',
        agreement: l.agreementRef ? `${l.agreementType ?? ''} ${l.agreementRef}`.trim() : 'no agreement',
        location: l.processingCountry ? `${l.processingLocation} (${l.processingCountry})` : l.processingLocation,
        owner: l.owner ? `${l.owner.name} <${l.owner.email}>` : 'no owner recorded',
      })),
      contacts: e.contacts.map((c) => ({ name: c.name, role: c.role, email: c.email, phone: c.phone })),
      timeline: incident.timeline.map((t) => ({ at: t.at, kind: t.kind.replaceAll('_', ' ') })),
    });
  }
}
