import { answerText, type PortalView } from '@app/assessments';
import type { Organisation } from './landing-page.js';
import { longDateTime } from './plain-words.js';

/**
 * The receipt after submitting: reference, time, who attested, what happens next, and a copy of
 * the answers as the supplier would say them (option labels, not values), printable.
 */
export function receiptPage(view: PortalView, org: Organisation) {
  const questions = view.sections.flatMap((s) => s.questions);
  return {
    org,
    title: view.assessment.questionnaire.title,
    supplier: view.assessment.supplier.name,
    reference: view.assessment.reference,
    submittedAt: view.assessment.submittedAt ? longDateTime(view.assessment.submittedAt) : '',
    attestation: view.assessment.attestation ?? { name: '', jobTitle: '' },
    completed: view.assessment.status === 'completed',
    answered: questions.filter((q) => q.visible && q.answer).length,
    sections: view.sections.map((section) => ({
      key: section.key,
      title: section.title,
      questions: section.questions
        .filter((q) => q.visible)
        .map((q) => ({
          code: q.code,
          text: q.text,
          answer: answerText(q, q.answer),
          comment: q.answer?.comment ?? null,
          files: q.files.map((f) => f.name).join(', '),
        })),
    })),
  };
}
