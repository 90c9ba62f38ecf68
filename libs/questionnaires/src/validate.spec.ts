import { SHIPPED_QUESTIONNAIRES } from './catalogue/index.js';
import { SCORED_TYPES, type QuestionnaireDefinition } from './definition.js';
import { validateDefinition } from './validate.js';
import { FRAMEWORK_VERSIONS } from './frameworks.js';

const SPEC_EXAMPLE = {
  key: 'supplier-security-core',
  version: 3,
  title: 'Supplier security questionnaire (full)',
  description: 'For Tier 1 and Tier 2 suppliers.',
  sections: [
    {
      key: 'access',
      title: 'Identity and access',
      questions: [
        {
          code: 'ACC-01',
          text: 'Is multi-factor authentication enforced on every remote access route into systems that hold our data?',
          help: 'Include supplier support tools and VPNs.',
          type: 'yes_no_partial',
          weight: 5,
          critical: true,
          allowNotApplicable: false,
          evidence: 'optional',
          recommendation: 'Enforce MFA on all remote and privileged access within 30 days.',
          mappings: [
            { framework: 'NCSC-CAF', ref: 'B2.a' },
            { framework: 'CYBER-ESSENTIALS', ref: 'user-access-control' },
            { framework: 'ISO27001-2022', ref: '8.5' },
          ],
        },
        {
          code: 'ACC-02',
          text: 'How often are privileged accounts reviewed?',
          type: 'single_choice',
          options: [
            { value: 'monthly', label: 'Monthly or more often', score: 1 },
            { value: 'quarterly', label: 'Quarterly', score: 0.75 },
            { value: 'yearly', label: 'Yearly', score: 0.25 },
            { value: 'never', label: 'Not reviewed', score: 0 },
          ],
          weight: 2,
          showIf: { question: 'ACC-01', in: ['yes', 'partial'] },
        },
      ],
    },
  ],
};

describe('questionnaire format validation', () => {
  it('accepts the example of the format spec and fills in the defaults', () => {
    const { definition, problems } = validateDefinition(SPEC_EXAMPLE);
    expect(problems).toEqual([]);
    const acc02 = definition!.sections[0].questions[1];
    expect(acc02).toMatchObject({
      required: true,
      critical: false,
      allowNotApplicable: false,
      evidence: 'none',
      mappings: [],
    });
  });

  it('lists every problem of a rejected document with its JSON path', () => {
    const broken = structuredClone(SPEC_EXAMPLE) as Record<string, unknown> & typeof SPEC_EXAMPLE;
    (broken as Record<string, unknown>).colour = 'red';
    const questions = broken.sections[0].questions as Record<string, unknown>[];
    questions[1].code = 'ACC-01';
    questions[1].showIf = { question: 'ACC-09', in: ['yes'] };
    (questions[1].options as { score: number }[])[2].score = 1.5;
    questions[0].options = [{ value: 'a', label: 'A' }];
    questions.push({
      code: 'ACC-03',
      text: 'Shown if itself?',
      type: 'yes_no',
      showIf: { question: 'ACC-03', equals: 'yes' },
    });
    const { definition, problems } = validateDefinition(broken);
    expect(definition).toBeNull();
    expect(problems.map((p) => p.path)).toEqual([
      'colour',
      'sections[0].questions[0].options',
      'sections[0].questions[1].code',
      'sections[0].questions[1].options[2].score',
      'sections[0].questions[1].showIf.question',
      'sections[0].questions[2].showIf.question',
    ]);
    expect(problems.find((p) => p.path === 'sections[0].questions[1].code')?.message).toBe('repeats question ACC-01');
    expect(problems.find((p) => p.path === 'sections[0].questions[2].showIf.question')?.message).toBe(
      'cannot refer to the question itself',
    );
  });

  it('refuses a document that is not an object, or has no sections', () => {
    expect(validateDefinition([]).problems).toEqual([{ path: '', message: 'must be a JSON (or YAML) object' }]);
    expect(validateDefinition({ key: 'x', version: 0, title: 'T', sections: [] }).problems.map((p) => p.path)).toEqual([
      'key',
      'version',
      'title',
      'sections',
    ]);
  });
});

describe('the shipped catalogue', () => {
  const shipped = SHIPPED_QUESTIONNAIRES.map((document) => {
    const { definition, problems } = validateDefinition(document);
    expect(problems).toEqual([]);
    return definition as QuestionnaireDefinition;
  });
  const count = (key: string) => shipped.find((d) => d.key === key)!.sections.flatMap((s) => s.questions).length;

  it('ships the four question sets at their sizes', () => {
    expect(shipped.map((d) => d.key)).toEqual([
      'supplier-security-core',
      'supplier-security-lite',
      'research-data-partner',
      'incident-follow-up',
    ]);
    expect(count('incident-follow-up')).toBeGreaterThanOrEqual(10);
    expect(count('supplier-security-core')).toBeGreaterThanOrEqual(40);
    expect(count('supplier-security-lite')).toBeGreaterThanOrEqual(15);
    expect(count('research-data-partner')).toBeGreaterThanOrEqual(25);
  });

  it('maps every scored question to public control identifiers, and gives each a recommendation', () => {
    for (const definition of shipped) {
      for (const question of definition.sections.flatMap((s) => s.questions)) {
        if (definition.purpose === 'incident' || !SCORED_TYPES.includes(question.type) || question.weight === 0)
          continue;
        expect({
          code: question.code,
          mapped: question.mappings.length > 0,
          recommendation: !!question.recommendation,
        }).toEqual({ code: question.code, mapped: true, recommendation: true });
      }
    }
  });

  it('treats remote and supplier access as knock-out questions in the full set', () => {
    const core = shipped[0].sections.flatMap((s) => s.questions);
    expect(core.filter((q) => q.critical).map((q) => q.code)).toEqual(expect.arrayContaining(['ACC-01', 'ACC-02']));
  });
});

describe('the shipped mappings (issue 16: none misapplied)', () => {
  const shipped = SHIPPED_QUESTIONNAIRES.map(
    (document) => validateDefinition(document).definition as QuestionnaireDefinition,
  );
  const refs = (key: string, code: string) =>
    shipped
      .find((d) => d.key === key)!
      .sections.flatMap((s) => s.questions)
      .find((q) => q.code === code)!
      .mappings.map((m) => `${m.framework}:${m.ref}`);

  it('cites supply-chain principle 9 (incident support) for incident notice and 10 (assurance) for assessing subcontractors', () => {
    expect(refs('supplier-security-core', 'INC-01')).toContain('NCSC-SUPPLY-CHAIN:SC-9');
    expect(refs('supplier-security-lite', 'LIN-01')).toContain('NCSC-SUPPLY-CHAIN:SC-9');
    expect(refs('research-data-partner', 'SHR-03')).toContain('NCSC-SUPPLY-CHAIN:SC-9');
    expect(refs('supplier-security-core', 'SUB-04')).toContain('NCSC-SUPPLY-CHAIN:SC-10');
    expect(refs('supplier-security-core', 'SUB-01')).toContain('NCSC-SUPPLY-CHAIN:SC-2');
  });

  it('no longer cites the misapplied controls', () => {
    const all = shipped.flatMap((d) =>
      d.sections.flatMap((s) =>
        s.questions.map((q) => ({ key: d.key, code: q.code, refs: q.mappings.map((m) => `${m.framework}:${m.ref}`) })),
      ),
    );
    const citing = (ref: string) => all.filter((q) => q.refs.includes(ref)).map((q) => q.code);
    expect(citing('NDG:NDG-7').sort()).toEqual(['BAK-01', 'BAK-04']); // continuity only
    expect(citing('ISO27001-2022:5.12')).toEqual([]);
    expect(citing('NIST-CSF-2.0:GV.SC-10').sort()).toEqual(['EXT-01', 'EXT-02', 'LDT-03']); // after the partnership ends
    expect(citing('NCSC-CAF:D1.c')).toEqual(['INC-06']); // exercising the plan
    expect(refs('supplier-security-core', 'GOV-03')).not.toContain('ISO27001-2022:5.7');
    expect(refs('supplier-security-core', 'CER-01')).not.toContain('NCSC-CAF:A1.a');
    for (const code of ['CER-03', 'CER-04'])
      expect(refs('supplier-security-core', code).some((r) => r.startsWith('CYBER-ESSENTIALS'))).toBe(false);
    expect(
      all
        .filter((q) => q.refs.includes('CYBER-ESSENTIALS:malware-protection'))
        .map((q) => q.code)
        .sort(),
    ).toEqual(['CFG-01', 'LCT-03']);
  });

  it('makes unsupported software and DSPT below Standards Met knock-outs, the DSPT one N/A where no patient data flows', () => {
    const core = shipped.find((d) => d.key === 'supplier-security-core')!.sections.flatMap((s) => s.questions);
    expect(core.find((q) => q.code === 'VUL-02')).toMatchObject({ critical: true });
    expect(core.find((q) => q.code === 'CER-01')).toMatchObject({ critical: true, allowNotApplicable: true });
  });

  it('asks about MFA on remote access and on email in two questions in the short set, both knock-outs', () => {
    const lite = shipped.find((d) => d.key === 'supplier-security-lite')!;
    const questions = lite.sections.flatMap((s) => s.questions);
    expect(lite.version).toBe(3);
    expect(questions.find((q) => q.code === 'LCT-01')).toMatchObject({
      critical: true,
      text: expect.stringContaining('remote access'),
    });
    expect(questions.find((q) => q.code === 'LCT-01')!.text).not.toMatch(/email/);
    expect(questions.find((q) => q.code === 'LCT-09')).toMatchObject({
      critical: true,
      text: expect.stringContaining('email'),
    });
    // No question of any shipped set asks two things joined by "and" about where MFA applies.
    for (const q of shipped.flatMap((d) => d.sections.flatMap((s) => s.questions)))
      expect({ code: q.code, joined: /multi-factor authentication on for email and/i.test(q.text) }).toEqual({
        code: q.code,
        joined: false,
      });
  });

  it('accepts the DSPT objective E identifiers (CAF-aligned DSPT 2024-25) and names them in the pinned version', () => {
    const doc = (ref: string) => ({
      key: 'objective-e',
      version: 1,
      title: 'Objective E',
      sections: [
        {
          key: 's',
          title: 'S',
          questions: [
            {
              code: 'OBE-01',
              text: 'A question?',
              type: 'yes_no',
              recommendation: 'Do it.',
              mappings: [{ framework: 'NCSC-CAF', ref }],
            },
          ],
        },
      ],
    });
    for (const ref of ['E1.a', 'E2.a', 'E2.b', 'E2.c', 'E3.a', 'E3.b', 'E4.a', 'E4.b'])
      expect({ ref, problems: validateDefinition(doc(ref)).problems }).toEqual({ ref, problems: [] });
    expect(validateDefinition(doc('E5.a')).problems).toEqual([
      {
        path: 'sections[0].questions[0].mappings[0].ref',
        message: expect.stringContaining('is not an identifier of NCSC-CAF'),
      },
    ]);
    expect(FRAMEWORK_VERSIONS['NCSC-CAF']).toMatch(/objective E .*Data Security and Protection Toolkit 2024-25/);
    expect(refs('supplier-security-lite', 'LDT-07')).toContain('NCSC-CAF:E3.b');
  });

  it('refuses an identifier its framework does not publish, with its path', () => {
    const doc = {
      key: 'unknown-ref',
      version: 1,
      title: 'Unknown',
      sections: [
        {
          key: 's',
          title: 'S',
          questions: [
            {
              code: 'UNK-01',
              text: 'A question?',
              type: 'yes_no',
              recommendation: 'Do it.',
              mappings: [{ framework: 'NCSC-CAF', ref: 'E9.z' }],
            },
          ],
        },
      ],
    };
    expect(validateDefinition(doc).problems).toEqual([
      {
        path: 'sections[0].questions[0].mappings[0].ref',
        message: expect.stringContaining('is not an identifier of NCSC-CAF (NCSC Cyber Assessment Framework v3.2'),
      },
    ]);
  });
});
