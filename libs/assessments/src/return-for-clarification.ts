import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { oweEmail } from '@app/notifications';
import { Clock, RuleViolationError } from '@app/platform';
import { questionnaireVersionById } from '@app/questionnaires';
import { questionsOf } from './answer-rules.js';
import { transition } from './assessment-state.js';
import type { Assessment } from './assessment.entity.js';

/** Sends a submitted assessment back to the supplier, naming the questions to clarify. */
@Injectable()
export class ReturnForClarification {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async returnForClarification(id: string, questionCodes: string[], message: string): Promise<Assessment> {
    return transition(
      this.dataSource,
      this.audit,
      { id, from: ['submitted'], verb: 'return', auditAction: 'assessment.returned' },
      async (m, a) => {
        const version = await questionnaireVersionById(m, a.questionnaireVersionId);
        const known = new Set(questionsOf(version.definition).map((q) => q.code));
        const unknown = questionCodes.map((code, i) => ({ code, i })).filter(({ code }) => !known.has(code));
        if (unknown.length)
          throw new RuleViolationError(
            'ASSESSMENT.UNKNOWN_QUESTION',
            'Name questions of this questionnaire.',
            unknown.map(({ i }) => ({
              path: `questionCodes[${i}]`,
              message: 'is not a question of this questionnaire',
            })),
          );
        a.status = 'returned';
        a.returnedQuestions = [...new Set(questionCodes)];
        a.returnMessage = message;
        await oweEmail(m, {
          kind: 'assessment.returned',
          recipients: [a.recipientEmail],
          template: 'assessment-returned',
          refs: { assessmentId: a.id },
          dedupeKey: `assessment:${a.id}:returned:${this.clock.now().toISOString()}`,
        });
      },
    );
  }
}
