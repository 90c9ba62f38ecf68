import {
  CERTIFICATION_LABELS,
  isCurrent,
  isExpired,
  type Certification,
  type CertificationKind,
  type DsptStatus,
} from './certification.entity.js';

/** What a questionnaire answer claims: a certification of one of these kinds (and, for the DSPT, this status). */
interface Claim {
  kinds: CertificationKind[];
  dsptStatus?: DsptStatus;
}

const DSPT_ANSWERS: Record<string, DsptStatus> = {
  exceeded: 'standards_exceeded',
  met: 'standards_met',
  approaching: 'approaching_standards',
  not_met: 'standards_not_met',
  not_published: 'not_published',
};
const dspt = (value: unknown): Claim | null =>
  typeof value === 'string' && DSPT_ANSWERS[value] ? { kinds: ['dspt'], dsptStatus: DSPT_ANSWERS[value] } : null;

/**
 * The catalogue's questions that claim a certification, and what each answer claims (questionnaires
 * `supplier-security-core` and `supplier-security-lite`).
 */
export const CERTIFICATION_QUESTIONS: Record<string, (value: unknown) => Claim | null> = {
  'CER-01': dspt,
  'LGV-03': dspt,
  'CER-03': (v) =>
    v === 'plus'
      ? { kinds: ['cyber_essentials_plus'] }
      : v === 'basic'
        ? { kinds: ['cyber_essentials', 'cyber_essentials_plus'] }
        : null,
  'LCT-06': (v) => (v === 'yes' ? { kinds: ['cyber_essentials', 'cyber_essentials_plus'] } : null),
  'CER-05': (v) => (v === 'yes' ? { kinds: ['iso27001'] } : null),
};

export interface AnswerEvidence {
  /** `proven`: recorded, verified and current as answered; `flag`: expired or contradicting; `unverified`: recorded, current, not yet checked. */
  outcome: 'proven' | 'flag' | 'unverified';
  text: string;
}

const word = (status: string) => status.replace(/_/g, ' ');
const named = (c: Pick<Certification, 'kind' | 'reference' | 'expiresOn' | 'status'>) =>
  `${CERTIFICATION_LABELS[c.kind]}${c.status ? ` ${word(c.status)}` : ''}${c.reference ? ` (${c.reference})` : ''}${c.expiresOn ? `, expires ${c.expiresOn}` : ''}`;

/**
 * Questionnaire answers meet evidence: for each answer that claims a certification, what the
 * supplier's recorded certifications say. Recorded, verified and current as answered: proven.
 * Only an expired one recorded, or a current one that says otherwise (another DSPT status, Cyber
 * Essentials where Plus was claimed): flagged. A claim with nothing recorded says so (unverified).
 */
export function answerEvidence(
  answers: { code: string; value: unknown; notApplicable?: boolean }[],
  certifications: Certification[],
  today: string,
): Map<string, AnswerEvidence> {
  const out = new Map<string, AnswerEvidence>();
  for (const answer of answers) {
    const claimOf = CERTIFICATION_QUESTIONS[answer.code] as ((value: unknown) => Claim | null) | undefined;
    const claim = claimOf && !answer.notApplicable ? claimOf(answer.value) : null;
    if (!claim) continue;
    const ofKind = certifications.filter((c) => claim.kinds.includes(c.kind));
    const current = ofKind.filter((c) => isCurrent(c, today));
    const matching = current.filter((c) => !claim.dsptStatus || c.status === claim.dsptStatus);
    const proven = matching.find((c) => c.verifiedBy !== null);
    if (proven) {
      out.set(answer.code, { outcome: 'proven', text: `Proven: ${named(proven)}, verified ${proven.verifiedOn}.` });
    } else if (current.length && !matching.length) {
      out.set(answer.code, { outcome: 'flag', text: `Contradicts the record: ${current.map(named).join('; ')}.` });
    } else if (matching.length) {
      out.set(answer.code, { outcome: 'unverified', text: `Recorded but not yet verified: ${named(matching[0])}.` });
    } else if (ofKind.some((c) => isExpired(c, today))) {
      const last = ofKind
        .filter((c) => isExpired(c, today))
        .sort((a, b) => (b.expiresOn ?? '').localeCompare(a.expiresOn ?? ''))[0];
      out.set(answer.code, { outcome: 'flag', text: `The recorded certificate has expired: ${named(last)}.` });
    } else if (
      claim.kinds.includes('cyber_essentials_plus') &&
      !claim.kinds.includes('cyber_essentials') &&
      certifications.some((c) => c.kind === 'cyber_essentials' && isCurrent(c, today))
    ) {
      out.set(answer.code, {
        outcome: 'flag',
        text: 'Contradicts the record: only Cyber Essentials (not Plus) is recorded.',
      });
    } else {
      out.set(answer.code, {
        outcome: 'unverified',
        text: 'No certificate recorded: ask for it and record it before relying on this answer.',
      });
    }
  }
  return out;
}
