import type { AssessmentFacts, EmailSettings } from './contexts.js';
import { questionnaireSamples } from './questionnaire-samples.js';
import { registerSamples } from './register-samples.js';

/** One realistic rendering of a template: who gets it, and the context the worker would build. */
export interface EmailSample {
  template: string;
  /** What this variant shows, e.g. "to the escalation contact, level 1". */
  variant: string;
  /** Who receives it, in words. */
  to: string;
  context: Record<string, unknown>;
}

export const SAMPLE_ID = '5f2c9a7e-3b1d-4e8a-9c0f-2a6b7d8e9f10';
export const SAMPLE_SUPPLIER_ID = '0c8e1f4a-6d2b-4b7e-8a3c-9d1e2f3a4b5c';

/** The facts the samples share: a questionnaire asked today (and one overdue), its owner, its link, an incident. */
function sampleFacts(s: EmailSettings, today: string, now: Date) {
  const at = (days: number) => {
    const d = new Date(`${today}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  };
  const owner = { name: 'Priya Shah', email: 'priya.shah@trust.nhs.example' };
  const base: AssessmentFacts = {
    id: SAMPLE_ID,
    supplierId: SAMPLE_SUPPLIER_ID,
    supplierName: 'Northgate Pathology Ltd',
    recipientName: 'Sam Okafor',
    recipientEmail: 'sam.okafor@northgate.example',
    questionnaireTitle: 'Supplier security questionnaire (full)',
    questionnaireKey: 'supplier-security-core',
    dueDate: at(30),
    askedOn: today,
    owner,
    today,
  };
  const overdue = { ...base, askedOn: at(-40), dueDate: at(-10) };
  const link = `${s.baseUrl}/portal/i/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE`;
  const incident = {
    summary: 'Ransomware on the laboratory information system; file servers encrypted',
    detectedAt: new Date(now.getTime() - 5 * 3_600_000),
    now,
  };
  return { today, now, at, base, overdue, link, incident };
}

export type SampleFacts = ReturnType<typeof sampleFacts>;

/**
 * Every template in the variants that change its words, with data as the worker would find it
 * (a Wednesday in Europe/London). The console's preview page and the template tests render these:
 * what an admin reviews is what is tested. `today` is the day the samples are seen from.
 */
export function emailSamples(s: EmailSettings, today: string, now: Date): EmailSample[] {
  const facts = sampleFacts(s, today, now);
  return [...questionnaireSamples(s, facts), ...registerSamples(s, facts)];
}
