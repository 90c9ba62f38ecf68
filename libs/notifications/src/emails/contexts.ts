import { daysBetween, moneyText } from '@app/platform';
import { dateText, daysAgo, inDays, label, londonDateTime, plural } from './wording.js';

/**
 * What each email template is given, built from plain facts (no I/O): the worker passes what it
 * reloaded from the database, the admin preview passes realistic samples, so both render the
 * same wording. Every template answers the same checklist: who receives it, why, what to do, by
 * when, the one link that lets the reader do it (a portal link only to the contact it was issued
 * to), how to reach a person, and which organisation asks.
 */
export interface EmailSettings {
  /** ORGANISATION_NAME: the organisation that asks. */
  org: string;
  /** SUPPORT_EMAIL (else MAIL_FROM's address): where a reader reaches a person. */
  contactEmail: string;
  /** PUBLIC_URL: the base of every link. */
  baseUrl: string;
}

export interface Person {
  name: string;
  email: string;
}

/** One questionnaire sent to one supplier contact, as an email about it needs it. */
export interface AssessmentFacts {
  id: string;
  supplierId: string;
  supplierName: string;
  recipientName: string;
  recipientEmail: string;
  questionnaireTitle: string;
  questionnaireKey: string;
  /** YYYY-MM-DD */
  dueDate: string;
  /** YYYY-MM-DD (London): when the current recipient was asked. */
  askedOn: string;
  /** The supplier's internal owner (else whoever sent it), when active. */
  owner: Person | null;
  /** YYYY-MM-DD (London) at sending time. */
  today: string;
}

/** The incident behind an incident follow-up questionnaire. */
export interface IncidentFacts {
  summary: string;
  detectedAt: Date;
  /** The instant the email is rendered, to say whether the first deadline has passed. */
  now: Date;
}

/** The questionnaire's purpose, which sets the invitation's words. */
export type Purpose = 'security' | 'research' | 'incident' | 'other';

export function purposeOf(questionnaireKey: string): Purpose {
  if (questionnaireKey === 'incident-follow-up') return 'incident';
  if (questionnaireKey === 'research-data-partner') return 'research';
  if (questionnaireKey.startsWith('supplier-security')) return 'security';
  return 'other';
}

/** The hours after detection by which the follow-up's first answers, then all of them, are needed. */
export const INCIDENT_FIRST_HOURS = 24;
export const INCIDENT_FULL_HOURS = 72;

export const consoleUrl = (s: EmailSettings, path: string) => `${s.baseUrl}/console${path}`;

/** Whom a supplier contact can write to: the internal owner, and always the organisation's address. */
function supplierContact(s: EmailSettings, a: AssessmentFacts) {
  return a.owner
    ? { name: a.owner.name, email: a.owner.email, orgToo: a.owner.email.toLowerCase() !== s.contactEmail.toLowerCase() }
    : { name: s.org, email: s.contactEmail, orgToo: false };
}

export function common(s: EmailSettings, personal: boolean) {
  return { org: s.org, helpEmail: s.contactEmail, personal };
}

/** What a questionnaire of each purpose is called in subjects and headings: a research partner is not asked a "security questionnaire". */
const PURPOSE_NOUN: Record<Purpose, string> = {
  security: 'security questionnaire',
  research: 'research data questionnaire',
  incident: 'incident follow-up questionnaire',
  other: 'questionnaire',
};

function assessmentBase(s: EmailSettings, a: AssessmentFacts) {
  const daysLeft = daysBetween(a.today, a.dueDate);
  const kind = PURPOSE_NOUN[purposeOf(a.questionnaireKey)];
  return {
    supplier: { name: a.supplierName },
    recipientName: a.recipientName,
    recipientEmail: a.recipientEmail,
    questionnaire: { title: a.questionnaireTitle, kind, Kind: kind[0].toUpperCase() + kind.slice(1) },
    dueDate: dateText(a.dueDate),
    askedOn: dateText(a.askedOn),
    askedAgo: daysAgo(daysBetween(a.askedOn, a.today)),
    dueIn: inDays(daysLeft),
    pastDue: daysLeft < 0,
    overdueBy: plural(Math.max(0, -daysLeft), 'day'),
    contact: supplierContact(s, a),
  };
}

function incidentWords(i: IncidentFacts) {
  const first = new Date(i.detectedAt.getTime() + INCIDENT_FIRST_HOURS * 3_600_000);
  const full = new Date(i.detectedAt.getTime() + INCIDENT_FULL_HOURS * 3_600_000);
  return {
    // Shown mid-sentence, before "(detected ...)": a full stop of its own would end the sentence early.
    summary: i.summary.replace(/[\s.]+$/, ''),
    detectedAt: londonDateTime(i.detectedAt),
    firstBy: londonDateTime(first),
    firstPassed: first <= i.now,
    fullBy: londonDateTime(full),
    fullPassed: full <= i.now,
  };
}

export type InvitationReason = 'invitation' | 'resend' | 'reassign';

/** To the contact asked, with their own link: the first email, a new link, or the questionnaire passed to them. */
export function invitationContext(
  s: EmailSettings,
  a: AssessmentFacts,
  o: { link: string; reason: InvitationReason; previousRecipient: string | null; incident: IncidentFacts | null },
) {
  const purpose = purposeOf(a.questionnaireKey);
  const incident = purpose === 'incident' && o.incident ? incidentWords(o.incident) : null;
  return {
    ...common(s, true),
    ...assessmentBase(s, a),
    link: o.link,
    resend: o.reason === 'resend',
    reassigned: o.reason === 'reassign',
    previousRecipient: o.previousRecipient,
    isIncident: incident !== null,
    isResearch: purpose === 'research',
    isSecurity: purpose === 'security' || (purpose === 'incident' && incident === null),
    incident,
  };
}

/**
 * To the incident follow-up's recipient, with their own link, before its first report is due:
 * the three answers needed first and by when (24 hours after detection), then the rest (72 hours).
 */
export function firstReportReminderContext(
  s: EmailSettings,
  a: AssessmentFacts,
  incident: IncidentFacts,
  link: string | null,
) {
  return { ...common(s, link !== null), ...assessmentBase(s, a), link, incident: incidentWords(incident) };
}

/** To the contact asked, with their own link, before the due date. */
export function reminderContext(s: EmailSettings, a: AssessmentFacts, link: string | null) {
  return { ...common(s, link !== null), ...assessmentBase(s, a), link };
}

/** To the contact asked, with their own link, after the due date. */
export function overdueContext(s: EmailSettings, a: AssessmentFacts, link: string | null) {
  return { ...common(s, link !== null), ...assessmentBase(s, a), link };
}

/**
 * To the supplier's escalation contact: who was asked, since when, and what the reader can do
 * (chase them, or ask us to send it to someone else). Never a link: the link belongs to the person asked.
 */
export function escalationContext(s: EmailSettings, a: AssessmentFacts) {
  return { ...common(s, false), ...assessmentBase(s, a) };
}

/** To the internal owner (overdue, level 1) or governance (level 2): what to do, on the console page where it is done. */
export function overdueInternalContext(s: EmailSettings, a: AssessmentFacts, level: number, canReassign: boolean) {
  return {
    ...common(s, false),
    ...assessmentBase(s, a),
    owner: a.owner ? { name: a.owner.name, email: a.owner.email } : null,
    escalated: level > 0,
    toGovernance: level >= 2,
    // The reassign page is procurement's; a reader of another role gets the assessment (every role opens it).
    canReassign,
    reassignUrl: consoleUrl(s, canReassign ? `/assessments/${a.id}/reassign` : `/assessments/${a.id}`),
    assessmentUrl: consoleUrl(s, `/assessments/${a.id}`),
  };
}

/** To the contact asked, with their own link: what to clarify. */
export function returnedContext(
  s: EmailSettings,
  a: AssessmentFacts,
  o: { link: string | null; message: string; questions: string[] },
) {
  return {
    ...common(s, o.link !== null),
    ...assessmentBase(s, a),
    link: o.link,
    returnMessage: o.message,
    returnedQuestions: o.questions,
  };
}

/** To the internal owner: the review is theirs to do. */
export function submittedContext(s: EmailSettings, a: AssessmentFacts, canReview: boolean) {
  return { ...common(s, false), ...assessmentBase(s, a), canReview, reviewUrl: consoleUrl(s, `/assessments/${a.id}`) };
}

export interface LinkDueFacts {
  linkId: string;
  supplierId: string;
  supplierName: string;
  assetName: string;
  purpose: string;
  agreementRef: string | null;
  recordCount: number;
  isEnd: boolean;
  /** YYYY-MM-DD */
  date: string;
  today: string;
  /**
   * Whether the reader's role may change the link (`register.write`). A data asset's owner may hold
   * any role; one who cannot is sent to the supplier's page (which every role opens) and told who
   * records the decision, never to the link's form, which would refuse them.
   */
  canEdit: boolean;
}

/** To the data asset's owner: review or end a data-sharing link. */
export function linkDueContext(s: EmailSettings, l: LinkDueFacts) {
  return {
    ...common(s, false),
    supplier: { name: l.supplierName },
    asset: { name: l.assetName },
    purpose: l.purpose,
    agreementRef: l.agreementRef,
    records: plural(l.recordCount, 'record'),
    isEnd: l.isEnd,
    date: dateText(l.date),
    dueIn: inDays(daysBetween(l.today, l.date)),
    canEdit: l.canEdit,
    linkUrl: l.canEdit ? consoleUrl(s, `/links/${l.linkId}`) : consoleUrl(s, `/suppliers/${l.supplierId}#links`),
  };
}

export interface ReassessmentFacts {
  supplierId: string;
  supplierName: string;
  tier: number;
  /** YYYY-MM-DD */
  lastAssessed: string;
  questionnaireTitle: string;
  /** Whether the reader's role may send questionnaires (the supplier page shows the form only then). */
  canSend: boolean;
}

/** To the internal owner: the tier's interval has passed; send the questionnaire again. */
export function reassessmentContext(s: EmailSettings, r: ReassessmentFacts) {
  return {
    ...common(s, false),
    supplier: { name: r.supplierName },
    tier: r.tier,
    lastAssessed: dateText(r.lastAssessed),
    questionnaire: { title: r.questionnaireTitle },
    canSend: r.canSend,
    supplierUrl: consoleUrl(
      s,
      r.canSend ? `/suppliers/${r.supplierId}#send-questionnaireKey` : `/suppliers/${r.supplierId}#assessments`,
    ),
  };
}

export interface ExpiringFacts {
  supplierId: string;
  supplierName: string;
  what: 'accept' | 'transfer' | 'finding';
  rationale: string;
  /** YYYY-MM-DD */
  date: string;
  today: string;
}

/** To governance: a decision or an accepted finding lapses; record a new decision. */
export function expiringContext(s: EmailSettings, e: ExpiringFacts) {
  return {
    ...common(s, false),
    supplier: { name: e.supplierName },
    isInsurance: e.what === 'transfer',
    isFinding: e.what === 'finding',
    rationale: e.rationale,
    date: dateText(e.date),
    dueIn: inDays(daysBetween(e.today, e.date)),
    decisionsUrl: consoleUrl(s, `/suppliers/${e.supplierId}#decisions`),
  };
}

export interface IncidentNoticeFacts {
  supplierId: string;
  supplierName: string;
  summary: string;
  severity: string;
  source: string;
  detectedAt: Date;
  records: number;
  byClassification: Record<string, number>;
  assets: { asset: string; records: number }[];
  contacts: { name: string; email: string; role: string }[];
  followUp: { recipientName: string; incident: IncidentFacts } | null;
  /** Whether this copy goes to the governance committee's address (else to an internal owner). */
  toGovernance: boolean;
}

/** To governance and the internal owners: what of ours the supplier holds, whom to call, what to decide. */
export function incidentOpenedContext(s: EmailSettings, i: IncidentNoticeFacts) {
  return {
    ...common(s, false),
    supplier: { name: i.supplierName },
    summary: i.summary,
    severity: label(i.severity),
    source: label(i.source),
    detectedAt: londonDateTime(i.detectedAt),
    records: plural(i.records, 'record'),
    classifications: Object.entries(i.byClassification).map(([c, n]) => ({
      text: `${plural(n, 'record')} ${label(c)}`,
    })),
    assets: i.assets.slice(0, 10).map((l) => ({ asset: l.asset, records: plural(l.records, 'record') })),
    contacts: i.contacts.map((c) => ({ name: c.name, email: c.email, role: label(c.role) })),
    followUp: i.followUp ? { recipientName: i.followUp.recipientName, ...incidentWords(i.followUp.incident) } : null,
    supplierUrl: consoleUrl(s, `/suppliers/${i.supplierId}`),
    toGovernance: i.toGovernance,
  };
}

export interface DigestFacts {
  /** YYYY-MM */
  period: string;
  suppliers: number;
  valueAtRisk: number;
  netValueAtRisk: number;
  critical: number;
  high: number;
  top: { name: string; rating: string; netValueAtRisk: number }[];
  overdue: { supplier: string; daysOverdue: number; level: number }[];
  expiring: { supplier: string; kind: string; date: string }[];
}

const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** To governance, monthly: the pack in brief (the PDF attached), and where to act. */
export function digestContext(s: EmailSettings, d: DigestFacts) {
  const [year, month] = d.period.split('-').map(Number);
  return {
    ...common(s, false),
    month: monthName.format(Date.UTC(year, month - 1, 1)),
    suppliers: plural(d.suppliers, 'supplier and partner', 'suppliers and partners'),
    valueAtRisk: moneyText(d.valueAtRisk),
    netValueAtRisk: moneyText(d.netValueAtRisk),
    critical: d.critical,
    high: d.high,
    top: d.top
      .slice(0, 5)
      .map((t) => ({ name: t.name, rating: label(t.rating), netValueAtRisk: moneyText(t.netValueAtRisk) })),
    overdue: d.overdue.map((o) => ({
      supplier: o.supplier,
      overdueBy: plural(o.daysOverdue, 'day'),
      escalation: o.level > 0 ? `escalation level ${o.level}` : 'not yet escalated',
    })),
    expiring: d.expiring.map((e) => ({ supplier: e.supplier, what: label(e.kind), date: dateText(e.date) })),
    reportUrl: consoleUrl(s, '/report'),
    decisionsUrl: consoleUrl(s, '/decisions'),
  };
}
