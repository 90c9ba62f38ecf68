import {
  digestContext,
  expiringContext,
  incidentOpenedContext,
  linkDueContext,
  reassessmentContext,
  type EmailSettings,
} from './contexts.js';
import { accessPathReviewContext, certificationExpiryContext } from './assurance-contexts.js';
import { SAMPLE_ID as ID, SAMPLE_SUPPLIER_ID as SUPPLIER_ID, type EmailSample, type SampleFacts } from './samples.js';

/** The register's and the committee's emails: digest, link dates, incidents, reassessments, expiring decisions, certificates, access paths. */
export function registerSamples(s: EmailSettings, { today, at, incident }: SampleFacts): EmailSample[] {
  return [
    { template: 'committee-digest', variant: 'the monthly digest', to: 'the governance committee', context: digestContext(s, {
      period: today.slice(0, 7), suppliers: 30, valueAtRisk: 6_412_345, netValueAtRisk: 4_187_900, critical: 2, high: 5,
      top: [{ name: 'Northgate Pathology Ltd', rating: 'critical', netValueAtRisk: 2_480_000 }, { name: 'Riverside University', rating: 'critical', netValueAtRisk: 1_130_500 }, { name: 'Carecloud EPR', rating: 'high', netValueAtRisk: 412_000 }],
      overdue: [{ supplier: 'Imaging Connect', daysOverdue: 10, level: 1 }, { supplier: 'Payroll Bureau Ltd', daysOverdue: 1, level: 0 }],
      expiring: [{ supplier: 'Carecloud EPR', kind: 'insurance', date: at(40) }, { supplier: 'Telecare Monitoring', kind: 'acceptance', date: at(75) }],
    }) },
    { template: 'data-sharing-link-due', variant: 'review due in 30 days', to: "the data asset's owner", context: linkDueContext(s, { linkId: ID, supplierId: SUPPLIER_ID, supplierName: 'Riverside University', assetName: 'Major trauma research dataset', purpose: 'Outcomes research under the trauma study protocol', agreementRef: 'DSA-2024-017', recordCount: 1_100_000, isEnd: false, date: at(30), today, canEdit: true }) },
    { template: 'data-sharing-link-due', variant: 'review due, to an owner whose role cannot change links', to: "the data asset's owner (governance or viewer)", context: linkDueContext(s, { linkId: ID, supplierId: SUPPLIER_ID, supplierName: 'Riverside University', assetName: 'Major trauma research dataset', purpose: 'Outcomes research under the trauma study protocol', agreementRef: 'DSA-2024-017', recordCount: 1_100_000, isEnd: false, date: at(30), today, canEdit: false }) },
    { template: 'data-sharing-link-due', variant: 'sharing ends in 7 days, no agreement', to: "the data asset's owner", context: linkDueContext(s, { linkId: ID, supplierId: SUPPLIER_ID, supplierName: 'Payroll Bureau Ltd', assetName: 'Payroll', purpose: 'Monthly payroll processing', agreementRef: null, recordCount: 1, isEnd: true, date: at(7), today, canEdit: true }) },
    { template: 'data-sharing-link-due', variant: 'sharing ends, to an owner whose role cannot change links', to: "the data asset's owner (governance or viewer)", context: linkDueContext(s, { linkId: ID, supplierId: SUPPLIER_ID, supplierName: 'Payroll Bureau Ltd', assetName: 'Payroll', purpose: 'Monthly payroll processing', agreementRef: null, recordCount: 1, isEnd: true, date: at(7), today, canEdit: false }) },
    { template: 'incident-opened', variant: 'a critical incident', to: 'the governance committee and internal owners', context: incidentOpenedContext(s, {
      supplierId: SUPPLIER_ID, supplierName: 'Northgate Pathology Ltd', summary: incident.summary, severity: 'critical', source: 'supplier_notice', detectedAt: incident.detectedAt,
      records: 1_109_000, byClassification: { special_category: 1_100_000, personal: 9_000 }, assets: [{ asset: 'Pathology results', records: 1_100_000 }, { asset: 'Clinic letters', records: 9_000 }],
      contacts: [{ name: 'Security Office', email: 'security@northgate.example', role: 'security' }, { name: 'Lee Grant', email: 'dpo@northgate.example', role: 'dpo' }],
      followUp: { recipientName: 'Security Office', incident }, toGovernance: false,
    }) },
    { template: 'reassessment-due', variant: 'tier 1, interval passed', to: 'the internal owner', context: reassessmentContext(s, { supplierId: SUPPLIER_ID, supplierName: 'Northgate Pathology Ltd', tier: 1, lastAssessed: at(-370), questionnaireTitle: 'Supplier security questionnaire (full)', canSend: true }) },
    { template: 'reassessment-due', variant: 'to an owner whose role cannot send questionnaires', to: 'the internal owner (governance or viewer)', context: reassessmentContext(s, { supplierId: SUPPLIER_ID, supplierName: 'Northgate Pathology Ltd', tier: 1, lastAssessed: at(-370), questionnaireTitle: 'Supplier security questionnaire (full)', canSend: false }) },
    { template: 'risk-acceptance-expiring', variant: 'insurance expires', to: 'the governance committee', context: expiringContext(s, { supplierId: SUPPLIER_ID, supplierName: 'Carecloud EPR', what: 'transfer', rationale: 'Cyber policy covers the hosted EPR (Example Mutual, policy CY-1)', date: at(30), today }) },
    { template: 'risk-acceptance-expiring', variant: 'accepted finding lapses', to: 'the governance committee', context: expiringContext(s, { supplierId: SUPPLIER_ID, supplierName: 'Telecare Monitoring', what: 'finding', rationale: 'BCK-02: offline backups planned for the spring release', date: at(1), today }) },
    { template: 'certification-expiry', variant: '30 days before expiry', to: "procurement (the supplier's owner)", context: certificationExpiryContext(s, { supplierId: SUPPLIER_ID, supplierName: 'Northgate Pathology Ltd', certification: 'Cyber Essentials Plus certificate', reference: 'CEP-2026-0412', scope: 'Whole organisation', expiresOn: at(30), expired: false, today, canAct: true }) },
    { template: 'certification-expiry', variant: 'to an owner whose role cannot record certificates', to: "the supplier's owner (governance or viewer)", context: certificationExpiryContext(s, { supplierId: SUPPLIER_ID, supplierName: 'Northgate Pathology Ltd', certification: 'Cyber Essentials Plus certificate', reference: 'CEP-2026-0412', scope: 'Whole organisation', expiresOn: at(30), expired: false, today, canAct: false }) },
    { template: 'certification-expiry', variant: 'on expiry', to: "procurement (the supplier's owner)", context: certificationExpiryContext(s, { supplierId: SUPPLIER_ID, supplierName: 'Riverside University', certification: 'Data Security and Protection Toolkit assessment', reference: null, scope: null, expiresOn: today, expired: true, today, canAct: true }) },
    { template: 'access-path-review-due', variant: 'not reviewed for 12 months', to: "the supplier's owner", context: accessPathReviewContext(s, { supplierId: SUPPLIER_ID, supplierName: 'Imaging Connect Ltd', kind: 'remote_support', description: 'Vendor remote support to the PACS servers', mfa: 'none', monitored: false, lastReviewed: at(-400), today, canAct: true }) },
    { template: 'access-path-review-due', variant: 'to an owner whose role cannot change access paths', to: "the supplier's owner (governance or viewer)", context: accessPathReviewContext(s, { supplierId: SUPPLIER_ID, supplierName: 'Imaging Connect Ltd', kind: 'remote_support', description: 'Vendor remote support to the PACS servers', mfa: 'none', monitored: false, lastReviewed: at(-400), today, canAct: false }) },
  ];
}
