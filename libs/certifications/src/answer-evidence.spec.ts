import { answerEvidence } from './answer-evidence.js';
import type { Certification } from './certification.entity.js';

const TODAY = '2026-11-30';
const cert = (over: Partial<Certification>): Certification =>
  ({
    id: 'c',
    supplierId: 's',
    kind: 'cyber_essentials',
    reference: null,
    status: null,
    scope: null,
    issuedOn: '2026-01-01',
    expiresOn: '2027-01-01',
    evidence: null,
    verifiedBy: null,
    verifiedOn: null,
    createdBy: null,
    ...over,
  }) as Certification;

describe('questionnaire answers meet the recorded certificates', () => {
  it('says proven when the claimed certificate is recorded, verified and current', () => {
    const found = answerEvidence(
      [
        { code: 'CER-01', value: 'met' },
        { code: 'CER-03', value: 'basic' },
      ],
      [
        cert({
          kind: 'dspt',
          status: 'standards_met',
          reference: '8HN22',
          expiresOn: '2027-06-30',
          verifiedBy: 'u',
          verifiedOn: '2026-11-01',
        }),
        cert({ kind: 'cyber_essentials_plus', reference: 'CEP-1', verifiedBy: 'u', verifiedOn: '2026-10-01' }),
      ],
      TODAY,
    );
    expect(found.get('CER-01')).toEqual({
      outcome: 'proven',
      text: 'Proven: DSPT standards met (8HN22), expires 2027-06-30, verified 2026-11-01.',
    });
    expect(found.get('CER-03')?.outcome).toBe('proven'); // Plus covers a claim of Cyber Essentials
  });

  it('flags an expired certificate and one that contradicts the answer', () => {
    const found = answerEvidence(
      [
        { code: 'LCT-06', value: 'yes' },
        { code: 'LGV-03', value: 'exceeded' },
        { code: 'CER-03', value: 'plus' },
      ],
      [
        cert({
          kind: 'cyber_essentials',
          reference: 'CE-9',
          expiresOn: '2026-10-01',
          verifiedBy: 'u',
          verifiedOn: '2025-10-02',
        }),
        cert({ kind: 'dspt', status: 'approaching_standards', expiresOn: '2027-06-30' }),
      ],
      TODAY,
    );
    expect(found.get('LCT-06')).toEqual({
      outcome: 'flag',
      text: 'The recorded certificate has expired: Cyber Essentials (CE-9), expires 2026-10-01.',
    });
    expect(found.get('LGV-03')).toEqual({
      outcome: 'flag',
      text: 'Contradicts the record: DSPT approaching standards, expires 2027-06-30.',
    });
    expect(found.get('CER-03')).toMatchObject({ outcome: 'unverified' }); // no Plus recorded at all (only an expired basic one): nothing to prove it
  });

  it('leaves answers that claim nothing alone, and says when a claim has nothing recorded or is unverified', () => {
    const found = answerEvidence(
      [
        { code: 'CER-03', value: 'none' },
        { code: 'CER-05', value: 'yes' },
        { code: 'LCT-06', value: 'yes' },
        { code: 'ACC-01', value: 'yes' },
        { code: 'LGV-03', value: null, notApplicable: true },
      ],
      [cert({})],
      TODAY,
    );
    expect([...found.keys()].sort()).toEqual(['CER-05', 'LCT-06']);
    expect(found.get('CER-05')).toEqual({
      outcome: 'unverified',
      text: 'No certificate recorded: ask for it and record it before relying on this answer.',
    });
    expect(found.get('LCT-06')).toEqual({
      outcome: 'unverified',
      text: 'Recorded but not yet verified: Cyber Essentials, expires 2027-01-01.',
    });
  });
});
