import {
  digestContext, escalationContext, expiringContext, incidentOpenedContext, invitationContext, linkDueContext, overdueContext, overdueInternalContext,
  reassessmentContext, reminderContext, returnedContext, submittedContext, firstReportReminderContext, type AssessmentFacts, type EmailSettings,
} from './contexts.js';
import { accessPathReviewContext, certificationExpiryContext } from './assurance-contexts.js';

/** One realistic rendering of a template: who gets it, and the context the worker would build. */
export interface EmailSample {
  template: string;
  /** What this variant shows, e.g. "to the escalation contact, level 1". */
  variant: string;
  /** Who receives it, in words. */
  to: string;
  context: Record<string, unknown>;
}

const ID = '5f2c9a7e-3b1d-4e8a-9c0f-2a6b7d8e9f10';
const SUPPLIER_ID = '0c8e1f4a-6d2b-4b7e-8a3c-9d1e2f3a4b5c';

/**
 * Every template in the variants that change its words, with data as the worker would find it
 * (a Wednesday in Europe/London). The console's preview page and the template tests render these:
 * what an admin reviews is what is tested. `today` is the day the samples are seen from.
 */
export function emailSamples(s: EmailSettings, today: string, now: Date): EmailSample[] {
  const at = (days: number) => {
    const d = new Date(`${today}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  };
  const owner = { name: 'Priya Shah', email: 'priya.shah@trust.nhs.example' };
  const base: AssessmentFacts = {
    id: ID, supplierId: SUPPLIER_ID, supplierName: 'Northgate Pathology Ltd', recipientName: 'Sam Okafor', recipientEmail: 'sam.okafor@northgate.example',
    questionnaireTitle: 'Supplier security questionnaire (full)', questionnaireKey: 'supplier-security-core', dueDate: at(30), askedOn: today, owner, today,
  };
  const overdue = { ...base, askedOn: at(-40), dueDate: at(-10) };
  const link = `${s.baseUrl}/portal/i/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE`;
  const incident = { summary: 'Ransomware on the laboratory information system; file servers encrypted', detectedAt: new Date(now.getTime() - 5 * 3_600_000), now };
  return [
    { template: 'assessment-invitation', variant: 'routine supplier security', to: 'the supplier contact asked', context: invitationContext(s, base, { link, reason: 'invitation', previousRecipient: null, incident: null }) },
    { template: 'assessment-invitation', variant: 'research data partner', to: 'the partner contact asked', context: invitationContext(s, { ...base, supplierName: 'Riverside University', recipientName: 'Dr Ana Lopes', questionnaireTitle: 'Research data partner questionnaire', questionnaireKey: 'research-data-partner' }, { link, reason: 'invitation', previousRecipient: null, incident: null }) },
    { template: 'assessment-invitation', variant: 'incident follow-up (24 and 72 hours from detection)', to: "the supplier's security contact", context: invitationContext(s, { ...base, questionnaireTitle: 'Security incident follow-up', questionnaireKey: 'incident-follow-up', dueDate: at(3) }, { link, reason: 'invitation', previousRecipient: null, incident }) },
    { template: 'assessment-invitation', variant: 'passed to another contact (reassigned)', to: 'the new contact', context: invitationContext(s, { ...overdue, recipientName: 'Jo Patel', recipientEmail: 'jo.patel@northgate.example', askedOn: today, dueDate: at(14) }, { link, reason: 'reassign', previousRecipient: 'Sam Okafor', incident: null }) },
    { template: 'assessment-invitation', variant: 'a new link (resend)', to: 'the supplier contact asked', context: invitationContext(s, base, { link, reason: 'resend', previousRecipient: null, incident: null }) },
    { template: 'incident-first-report-reminder', variant: '12 hours after detection, first answers still missing', to: "the incident follow-up's recipient", context: firstReportReminderContext(s, { ...base, questionnaireTitle: 'Security incident follow-up', questionnaireKey: 'incident-follow-up', dueDate: at(3) }, { ...incident, detectedAt: new Date(now.getTime() - 12 * 3_600_000) }, link) },
    { template: 'assessment-reminder', variant: '3 days before the due date', to: 'the supplier contact asked', context: reminderContext(s, { ...base, askedOn: at(-27), dueDate: at(3) }, link) },
    { template: 'assessment-reminder', variant: 'the day before', to: 'the supplier contact asked', context: reminderContext(s, { ...base, askedOn: at(-29), dueDate: at(1) }, link) },
    { template: 'assessment-overdue', variant: 'a day overdue', to: 'the supplier contact asked', context: overdueContext(s, { ...overdue, dueDate: at(-1) }, link) },
    { template: 'assessment-escalation', variant: 'escalation level 1', to: "the supplier's escalation contact (no link: it is not theirs)", context: escalationContext(s, overdue) },
    { template: 'assessment-overdue-internal', variant: 'overdue', to: 'the internal owner', context: overdueInternalContext(s, { ...overdue, dueDate: at(-1) }, 0, true) },
    { template: 'assessment-overdue-internal', variant: 'overdue, to an owner whose role cannot send questionnaires', to: 'the internal owner (governance or viewer)', context: overdueInternalContext(s, { ...overdue, dueDate: at(-1) }, 0, false) },
    { template: 'assessment-overdue-internal', variant: 'escalation level 1', to: 'the internal owner', context: overdueInternalContext(s, { ...overdue, dueDate: at(-7) }, 1, true) },
    { template: 'assessment-overdue-internal', variant: 'escalation level 2', to: 'the governance committee', context: overdueInternalContext(s, { ...overdue, dueDate: at(-14) }, 2, false) },
    { template: 'assessment-returned', variant: 'returned for clarification', to: 'the supplier contact asked', context: returnedContext(s, { ...base, dueDate: at(14) }, { link, message: 'Which remote access routes does your multi-factor authentication cover? Please attach the policy.', questions: ['ACC-03', 'ACC-04'] }) },
    { template: 'assessment-submitted', variant: 'submitted on time', to: 'the internal owner', context: submittedContext(s, { ...base, askedOn: at(-20), dueDate: at(10) }, true) },
    { template: 'assessment-submitted', variant: 'to an owner whose role cannot review', to: 'the internal owner (governance or viewer)', context: submittedContext(s, { ...base, askedOn: at(-20), dueDate: at(10) }, false) },
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
