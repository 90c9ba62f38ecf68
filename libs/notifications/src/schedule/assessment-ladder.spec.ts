import { assessmentLadderOwed, type OpenAssessmentRow } from './assessment-ladder.js';
import { certificationNoticesOwed } from './assurance-notices.js';
import { digestOwed, linkNoticesOwed } from './register-notices.js';

const settings = { reminderDays: [7, 3, 1], overdueDays: 1, escalationDays: [7, 14] };
const open: OpenAssessmentRow = {
  id: 'a1',
  due: '2027-01-13',
  sent_on: '2026-12-01',
  reassigned_by: null,
  recipient_email: 'sam@supplier.example',
  escalation_email: 'boss@supplier.example',
  owner_email: 'owner@trust.example',
  escalation_level: 0,
};
const owed = (today: string, row: Partial<OpenAssessmentRow> = {}, governance?: string) =>
  assessmentLadderOwed(today, [{ ...open, ...row }], settings, governance);
const who = (today: string, row: Partial<OpenAssessmentRow> = {}, governance?: string) =>
  owed(today, row, governance).emails.map((e) => `${e.template} -> ${e.recipients[0]} (${e.dedupeKey})`);

describe('who is owed which step of the ladder', () => {
  it('reminds the recipient only', () => {
    expect(who('2027-01-10')).toEqual(['assessment-reminder -> sam@supplier.example (assessment:a1:reminder:3d)']);
  });

  it('tells the recipient and the owner when overdue', () => {
    expect(who('2027-01-14')).toEqual([
      'assessment-overdue -> sam@supplier.example (assessment:a1:overdue:supplier)',
      'assessment-overdue-internal -> owner@trust.example (assessment:a1:overdue:owner)',
    ]);
  });

  it("sends level 1 to the supplier's escalation contact (else the recipient) and the owner, and raises the level", () => {
    expect(who('2027-01-20')).toEqual([
      'assessment-escalation -> boss@supplier.example (assessment:a1:escalation-1:supplier)',
      'assessment-overdue-internal -> owner@trust.example (assessment:a1:escalation-1:owner)',
    ]);
    expect(who('2027-01-20', { escalation_email: null, owner_email: null })).toEqual([
      'assessment-overdue -> sam@supplier.example (assessment:a1:escalation-1:supplier)',
    ]);
    expect(owed('2027-01-20').levels.get('a1')).toEqual({ before: 0, level: 1 });
  });

  it('sends level 2 to governance only, and to no one without a governance address', () => {
    expect(who('2027-01-27', { escalation_level: 1 }, 'committee@trust.example')).toEqual([
      'assessment-overdue-internal -> committee@trust.example (assessment:a1:escalation-2:governance)',
    ]);
    expect(who('2027-01-27', { escalation_level: 1 })).toEqual([]);
    expect(owed('2027-01-27', { escalation_level: 1 }).levels.get('a1')).toEqual({ before: 1, level: 2 });
  });

  it('starts the keys again for a reassigned questionnaire', () => {
    expect(who('2027-01-10', { reassigned_by: 'i9', sent_on: '2027-01-02' })).toEqual([
      'assessment-reminder -> sam@supplier.example (assessment:a1:to:i9:reminder:3d)',
    ]);
  });
});

describe('register and assurance notices', () => {
  it('owes a link notice for the nearest notice day reached, once per date', () => {
    const rows = [{ id: 'l1', field: 'review' as const, date: '2027-02-10', owner_email: 'o@trust.example' }];
    expect(linkNoticesOwed('2027-02-05', rows, [7, 30]).map((e) => e.dedupeKey)).toEqual([
      'link:l1:review:2027-02-10:7d',
    ]);
    expect(linkNoticesOwed('2027-01-05', rows, [7, 30])).toEqual([]);
  });

  it('owes a certificate notice before expiry and another on expiry', () => {
    const row = { id: 'c1', expires_on: '2027-03-01', owner_email: 'o@trust.example' };
    expect(certificationNoticesOwed('2027-02-10', [row], 30).map((e) => e.kind + ' ' + e.dedupeKey)).toEqual([
      'certification.expiring certification:c1:expiry:2027-03-01:30d',
    ]);
    expect(certificationNoticesOwed('2027-03-01', [row], 30).map((e) => e.kind + ' ' + e.dedupeKey)).toEqual([
      'certification.expired certification:c1:expiry:2027-03-01:expiry',
    ]);
  });

  it('owes the digest from its working day of the month, to governance only', () => {
    expect(digestOwed('2027-02-01', 'committee@trust.example', 3)).toEqual([]);
    expect(digestOwed('2027-02-03', 'committee@trust.example', 3).map((e) => e.dedupeKey)).toEqual(['digest:2027-02']);
    expect(digestOwed('2027-02-03', undefined, 3)).toEqual([]);
    expect(digestOwed('2027-02-03', 'committee@trust.example', 0)).toEqual([]);
  });
});
