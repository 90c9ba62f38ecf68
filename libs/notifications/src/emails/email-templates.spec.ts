import { EmailRenderer } from '../email-renderer.js';
import {
  escalationContext,
  invitationContext,
  overdueContext,
  overdueInternalContext,
  reminderContext,
  returnedContext,
  submittedContext,
  type AssessmentFacts,
} from './contexts.js';
import { emailSamples } from './samples.js';
import { label, londonDateTime, plural } from './wording.js';

const settings = {
  org: 'Royal Test NHS Trust',
  contactEmail: 'assurance@trust.nhs.example',
  baseUrl: 'https://assure.trust.nhs.example',
};
// A Wednesday in winter (GMT) and one in summer (BST): the wording must hold in both.
const DAYS = [
  { today: '2026-12-02', now: new Date('2026-12-02T10:30:00Z') },
  { today: '2027-07-07', now: new Date('2027-07-07T10:30:00Z') },
];
/** Stored values that must never reach a reader as they are stored. */
const RAW_ENUMS = [
  'special_category',
  'supplier_notice',
  'threat_intelligence',
  'in_progress',
  'research_partner',
  'nhs_body',
  'remediation_planned',
  'dpo',
  'incident-follow-up',
  'supplier-security-core',
  'research-data-partner',
];

describe('email templates, rendered with realistic data', () => {
  const renderer = new EmailRenderer();

  it('has a sample of every template', () => {
    const sampled = new Set(emailSamples(settings, DAYS[0].today, DAYS[0].now).map((s) => s.template));
    expect(renderer.names().filter((n) => !sampled.has(n))).toEqual([]);
  });

  for (const { today, now } of DAYS) {
    for (const sample of emailSamples(settings, today, now)) {
      it(`${sample.template}, ${sample.variant} (${today})`, () => {
        const email = renderer.render(sample.template, sample.context);
        const withoutUrls = (s: string) => s.replace(/https?:\/\/\S+/g, 'URL').replace(/[\w.+-]+@[\w.-]+/g, 'EMAIL');
        for (const [part, body] of Object.entries({ subject: email.subject, text: email.text, html: email.html })) {
          const visible = withoutUrls(part === 'html' ? body.replace(/<[^>]+>/g, ' ') : body);
          expect({ part, leftover: /\{\{|\}\}/.exec(body)?.[0] ?? null }).toEqual({ part, leftover: null });
          expect({ part, plural: /\(s\)/.exec(visible)?.[0] ?? null }).toEqual({ part, plural: null });
          expect({ part, iso: /\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?/.exec(visible)?.[0] ?? null }).toEqual({
            part,
            iso: null,
          });
          expect({
            part,
            raw: RAW_ENUMS.filter((e) => new RegExp(`(^|[^\\w-])${e}([^\\w-]|$)`).test(visible)),
          }).toEqual({ part, raw: [] });
          expect({ part, blank: /\b(undefined|null|NaN|\[object Object\])\b/.exec(visible)?.[0] ?? null }).toEqual({
            part,
            blank: null,
          });
        }
        // Names the asking organisation, and how to reach a person.
        expect(email.text).toContain(settings.org);
        expect(email.text).toContain(settings.contactEmail);
        // A portal link only where it is the reader's own, and then the footer says so.
        const portalLinks = email.text.match(/\/portal\/i\/[A-Za-z0-9_-]+/g) ?? [];
        if (sample.context.personal) expect(portalLinks.length).toBeGreaterThan(0);
        else expect(portalLinks).toEqual([]);
        // Internal emails link to the console page where the reader acts, and say what to do.
        if (!sample.context.personal && sample.template !== 'assessment-escalation') {
          expect(email.text).toMatch(/https:\/\/assure\.trust\.nhs\.example\/console\//);
          expect(email.text).toMatch(/What to do:/);
        }
      });
    }
  }

  it('a fresh invitation never shows a past due date as the deadline', () => {
    const [invitation] = emailSamples(settings, DAYS[0].today, DAYS[0].now);
    const late = { ...invitation.context, pastDue: true };
    const email = renderer.render('assessment-invitation', late);
    expect(email.subject).toBe('Security questionnaire for Northgate Pathology Ltd now overdue');
    expect(email.text).toContain('please submit it as soon as you can');
    expect(email.text).not.toContain('Please submit it by');
  });

  it('the incident follow-up names the incident and its 24- and 72-hour deadlines from detection, in London time', () => {
    const sample = emailSamples(settings, '2027-07-07', new Date('2027-07-07T10:30:00Z')).find((s) =>
      s.variant.startsWith('incident follow-up'),
    )!;
    const email = renderer.render(sample.template, sample.context);
    // Detected 05:30 UTC = 06:30 BST; 24 hours later 06:30 BST on Thursday, 72 hours 06:30 BST on Saturday.
    expect(email.subject).toBe(
      'Urgent: security incident at Northgate Pathology Ltd: first answers needed by 06:30 on Thu 8 Jul 2027',
    );
    expect(email.text).toContain('Ransomware on the laboratory information system');
    expect(email.text).toContain('What we need first: by 06:30 on Thu 8 Jul 2027');
    expect(email.text).toContain('Everything else: by 06:30 on Sat 10 Jul 2027');
  });

  it("a data-sharing link notice sends an owner who cannot change links to the supplier's page, and says who records the decision", () => {
    const linkDue = emailSamples(settings, DAYS[0].today, DAYS[0].now).filter(
      (s) => s.template === 'data-sharing-link-due',
    );
    const texts = linkDue.map((s) => ({
      canEdit: s.context.canEdit,
      text: renderer.render(s.template, s.context).text,
    }));
    expect(texts.map((t) => t.canEdit)).toEqual([true, false, true, false]);
    for (const { canEdit, text } of texts) {
      const consoleLinks = text.match(/https:\/\/assure\.trust\.nhs\.example\/console\/\S+/g);
      if (canEdit) {
        expect(consoleLinks).toEqual([
          'https://assure.trust.nhs.example/console/links/5f2c9a7e-3b1d-4e8a-9c0f-2a6b7d8e9f10',
        ]);
      } else {
        // The link's form is procurement's: a governance or viewer owner gets the supplier's page, which every role opens.
        expect(consoleLinks).toEqual([
          'https://assure.trust.nhs.example/console/suppliers/0c8e1f4a-6d2b-4b7e-8a3c-9d1e2f3a4b5c#links',
        ]);
        expect(text).toContain(
          'Your role in Assure cannot change the link. When you have decided, write to assurance@trust.nhs.example and procurement will record',
        );
        expect(text).not.toMatch(/then (end|record) the/);
      }
    }
  });

  it('an owner whose role cannot act gets a page their role opens, and is told who acts and how to reach them', () => {
    // Console pages that refuse every role but procurement (and admin).
    const procurementOnly = /\/console\/(links\/[\w-]+|assessments\/[\w-]+\/reassign|suppliers\/[\w-]+#send-)/;
    const limited = emailSamples(settings, DAYS[0].today, DAYS[0].now).filter((s) =>
      s.to.includes('(governance or viewer)'),
    );
    expect(limited.map((s) => s.template).sort()).toEqual([
      'access-path-review-due',
      'assessment-overdue-internal',
      'assessment-submitted',
      'certification-expiry',
      'data-sharing-link-due',
      'data-sharing-link-due',
      'reassessment-due',
    ]);
    for (const sample of limited) {
      const { text, html } = renderer.render(sample.template, sample.context);
      const urls = text.match(/https:\/\/assure\.trust\.nhs\.example\/console\/\S+/g) ?? [];
      expect({ v: sample.variant, urls: urls.length, refused: urls.filter((u) => procurementOnly.test(u)) }).toEqual({
        v: sample.variant,
        urls: 1,
        refused: [],
      });
      expect({
        v: sample.variant,
        says:
          /[Yy]our role in Assure cannot/.test(text) &&
          text.includes('write to assurance@trust.nhs.example') &&
          html.includes('mailto:assurance@trust.nhs.example'),
      }).toEqual({ v: sample.variant, says: true });
    }
  });

  it('a research data partner is never told it owes a "security questionnaire", in any email about it', () => {
    const research: AssessmentFacts = {
      id: 'a1',
      supplierId: 's1',
      supplierName: 'Riverside University',
      recipientName: 'Dr Ana Lopes',
      recipientEmail: 'ana@riverside.example',
      questionnaireTitle: 'Research data partner questionnaire',
      questionnaireKey: 'research-data-partner',
      dueDate: '2026-12-01',
      askedOn: '2026-10-20',
      owner: null,
      today: '2026-12-02',
    };
    const link = 'https://assure.trust.nhs.example/portal/i/AbCd';
    const emails = {
      'assessment-invitation': invitationContext(
        settings,
        { ...research, dueDate: '2027-01-05', today: '2026-12-02', askedOn: '2026-12-02' },
        { link, reason: 'invitation', previousRecipient: null, incident: null },
      ),
      'assessment-reminder': reminderContext(settings, { ...research, dueDate: '2026-12-05' }, link),
      'assessment-overdue': overdueContext(settings, research, link),
      'assessment-escalation': escalationContext(settings, research),
      'assessment-overdue-internal': overdueInternalContext(settings, research, 1, true),
      'assessment-returned': returnedContext(
        settings,
        { ...research, dueDate: '2026-12-20' },
        { link, message: 'Which data?', questions: ['R-01'] },
      ),
      'assessment-submitted': submittedContext(settings, research, true),
    };
    for (const [template, context] of Object.entries(emails)) {
      const email = renderer.render(template, context);
      expect({
        template,
        subject: email.subject,
        says: /security questionnaire/i.test(`${email.subject}\n${email.text}`),
      }).toEqual({ template, subject: expect.stringMatching(/research data questionnaire/i), says: false });
    }
  });

  it('plain text keeps its paragraphs apart, and the incident reads as one sentence', () => {
    for (const sample of emailSamples(settings, DAYS[0].today, DAYS[0].now)) {
      const { text } = renderer.render(sample.template, sample.context);
      // A paragraph never runs straight into the next line's "Open your questionnaire:" or a heading-like line.
      expect({
        v: sample.variant,
        run:
          /[.)]\n(Open your questionnaire:|Please submit|What we need first|Overdue questionnaires|Decisions expiring|The report in Assure)/.exec(
            text,
          )?.[0] ?? null,
      }).toEqual({ v: sample.variant, run: null });
    }
    // Through the builder: a summary typed with a full stop still reads as one sentence before "(detected ...)".
    const built = invitationContext(
      settings,
      {
        id: 'x',
        supplierId: 'y',
        supplierName: 'Eastfield University',
        recipientName: 'Security team',
        recipientEmail: 'sec@eastfield.example',
        questionnaireTitle: 'Security incident follow-up',
        questionnaireKey: 'incident-follow-up',
        dueDate: '2026-12-05',
        askedOn: '2026-12-02',
        owner: null,
        today: '2026-12-02',
      },
      {
        link: 'https://x/portal/i/abc',
        reason: 'invitation',
        previousRecipient: null,
        incident: {
          summary: 'A ransomware group lists the supplier on its leak site. ',
          detectedAt: DAYS[0].now,
          now: DAYS[0].now,
        },
      },
    );
    expect(renderer.render('assessment-invitation', built).text).toContain(
      'lists the supplier on its leak site (detected 10:30 on Wed 2 Dec 2026)',
    );
  });

  it('the digest says "not yet escalated" rather than "escalation level 0"', () => {
    const digest = emailSamples(settings, DAYS[0].today, DAYS[0].now).find((s) => s.template === 'committee-digest')!;
    const { text, html } = renderer.render(digest.template, digest.context);
    expect(text).toContain('- Payroll Bureau Ltd: 1 day overdue, not yet escalated');
    expect(text).toContain('- Imaging Connect: 10 days overdue, escalation level 1');
    expect(`${text}${html}`).not.toContain('level 0');
  });

  it('words: plurals, London time, labels', () => {
    expect([plural(1, 'day'), plural(10, 'day'), plural(1_100_000, 'record')]).toEqual([
      '1 day',
      '10 days',
      '1,100,000 records',
    ]);
    expect(londonDateTime(new Date('2026-12-01T14:30:00Z'))).toBe('14:30 on Tue 1 Dec 2026');
    expect(londonDateTime(new Date('2027-03-28T01:30:00Z'))).toBe('02:30 on Sun 28 Mar 2027');
    expect([label('special_category'), label('dpo'), label('supplier_notice')]).toEqual([
      'special category',
      'data protection officer',
      'the supplier',
    ]);
  });
});
