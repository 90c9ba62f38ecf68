import type { Question, QuestionnaireDefinition } from '@app/questionnaires';
import { missingAnswers, valueProblem, type StoredAnswer } from './answer-rules.js';

const q = (code: string, type: Question['type'], extra: Partial<Question> = {}): Question =>
  ({
    code,
    text: `${code}?`,
    type,
    required: true,
    allowNotApplicable: false,
    evidence: 'none',
    weight: 1,
    critical: false,
    mappings: [],
    ...extra,
  }) as Question;

describe('answer rules', () => {
  const choice = q('C-01', 'single_choice', {
    options: [
      { value: 'plus', label: 'Cyber Essentials Plus', score: 1 },
      { value: 'none', label: 'None', score: 0 },
    ],
  });
  const multi = q('C-02', 'multi_choice', {
    options: [
      { value: 'a', label: 'A' },
      { value: 'b', label: 'B' },
    ],
  });

  it.each([
    [q('Y-01', 'yes_no'), 'yes', null],
    [q('Y-01', 'yes_no'), 'partial', 'must be "yes" or "no"'],
    [q('Y-02', 'yes_no_partial'), 'partial', null],
    [choice, 'plus', null],
    [choice, 'gold', 'must be one of plus, none'],
    [multi, ['a', 'b'], null],
    [multi, ['a', 'a'], 'must be a list of distinct values from a, b'],
    [multi, [], 'must be a list of distinct values from a, b'],
    [q('T-01', 'text'), '   ', 'must be text of 1 to 10,000 characters'],
    [q('N-01', 'number'), Number.POSITIVE_INFINITY, 'must be a number'],
    [q('D-01', 'date'), '2027-02-29', 'must be a date as YYYY-MM-DD'],
    [q('D-01', 'date'), '2028-02-29', null],
  ])('%# %p %p', (question, value, problem) => expect(valueProblem(question as Question, value)).toBe(problem));

  it('asks only for required, visible questions without an answer or an allowed N/A', () => {
    const definition = {
      key: 'x',
      version: 1,
      title: 'X',
      sections: [
        {
          key: 's',
          title: 'S',
          questions: [
            q('A-01', 'yes_no'),
            q('A-02', 'text', { showIf: { question: 'A-01', equals: 'yes' } }),
            q('A-03', 'yes_no', { allowNotApplicable: true }),
            q('A-04', 'yes_no'),
            q('A-05', 'text', { required: false }),
          ],
        },
      ],
    } as unknown as QuestionnaireDefinition;
    const answers = new Map<string, StoredAnswer>([
      ['A-01', { value: 'no', notApplicable: false }],
      ['A-03', { value: null, notApplicable: true }],
      ['A-04', { value: null, notApplicable: true }],
    ]);
    expect(missingAnswers(definition, answers).map((x) => x.code)).toEqual(['A-04']); // A-02 hidden, A-03 N/A allowed, A-04 N/A not allowed
    answers.set('A-01', { value: 'yes', notApplicable: false });
    expect(missingAnswers(definition, answers).map((x) => x.code)).toEqual(['A-02', 'A-04']);
  });
});
