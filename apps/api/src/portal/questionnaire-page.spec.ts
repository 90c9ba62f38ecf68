import type { PortalView } from '@app/assessments';
import { summaryLine } from './plain-words.js';
import { fingerprint, formToAnswers } from './questionnaire-page.js';

const question = (
  code: string,
  type: string,
  answer: { value: unknown; notApplicable: boolean; comment: string | null; version: number } | null,
) => ({
  code,
  text: `Question ${code}?`,
  help: null,
  type,
  required: true,
  allowNotApplicable: true,
  evidence: 'none',
  options:
    type === 'multi_choice'
      ? [
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ]
      : null,
  visible: true,
  showIf: null,
  answer,
  files: [],
});
const view = {
  sections: [
    {
      key: 's',
      title: 'S',
      questions: [
        question('ABC-01', 'yes_no', { value: 'yes', notApplicable: false, comment: 'As agreed.', version: 3 }),
        question('ABC-02', 'multi_choice', { value: ['b', 'a'], notApplicable: false, comment: null, version: 1 }),
        question('ABC-03', 'number', null),
        question('ABC-04', 'text', null),
      ],
    },
  ],
} as unknown as PortalView;
const was = (code: string) => {
  const answer = view.sections[0].questions.find((q) => q.code === code)!.answer;
  return fingerprint(
    answer ? { value: answer.value, notApplicable: answer.notApplicable, comment: answer.comment } : null,
  );
};

describe('the questionnaire form', () => {
  it('sends only the answers the supplier changed: an untouched question is never written', () => {
    const form = {
      'q.ABC-01.value': 'yes',
      'q.ABC-01.comment': ' As agreed. ',
      'q.ABC-01.version': '3',
      'q.ABC-01.was': was('ABC-01'),
      'q.ABC-02.value': ['a', 'b'],
      'q.ABC-02.version': '1',
      'q.ABC-02.was': was('ABC-02'), // same choices, page order
      'q.ABC-03.value': '12',
      'q.ABC-03.version': '0',
      'q.ABC-03.was': was('ABC-03'),
      'q.ABC-04.value': '',
      'q.ABC-04.version': '0',
      'q.ABC-04.was': was('ABC-04'),
    };
    expect(formToAnswers(form, view).answers).toEqual([
      { code: 'ABC-03', value: 12, notApplicable: false, comment: null, version: 0 },
    ]);
  });

  it('counts a question as changed when its answer, its comment or its N/A changes, or when the form has no digest', () => {
    const { answers } = formToAnswers(
      {
        'q.ABC-01.value': 'yes',
        'q.ABC-01.comment': 'Changed.',
        'q.ABC-01.version': '3',
        'q.ABC-01.was': was('ABC-01'),
        'q.ABC-02.na': '1',
        'q.ABC-02.version': '1',
        'q.ABC-02.was': was('ABC-02'),
        'q.ABC-04.value': 'Written.',
        'q.ABC-04.version': '0',
      },
      view,
    );
    expect(answers.map((a) => [a.code, a.value, a.notApplicable, a.comment])).toEqual([
      ['ABC-01', 'yes', false, 'Changed.'],
      ['ABC-02', null, true, null],
      ['ABC-04', 'Written.', false, null],
    ]);
  });

  it('names the question in the error summary, in plain words', () => {
    expect(
      summaryLine(
        { code: 'ABC-01', field: 'value', message: 'Choose an answer' },
        { code: 'ABC-01', text: 'Is MFA on?' },
      ),
    ).toBe('ABC-01 Is MFA on? Choose an answer');
    expect(
      summaryLine(
        { code: 'ABC-01', field: 'value', message: 'Choose an answer' },
        { code: 'ABC-01', text: 'Policies reviewed in the last 12 months' },
      ),
    ).toBe('ABC-01 Policies reviewed in the last 12 months: choose an answer');
    expect(summaryLine({ code: null, field: 'name', message: 'Enter your full name' }, undefined)).toBe(
      'Enter your full name',
    );
    const long = summaryLine(
      { code: 'ABC-01', field: 'value', message: 'Choose an answer' },
      { code: 'ABC-01', text: 'word '.repeat(40) },
    );
    expect(long.length).toBeLessThan(140);
    expect(long).toMatch(/…: choose an answer$/);
  });
});
