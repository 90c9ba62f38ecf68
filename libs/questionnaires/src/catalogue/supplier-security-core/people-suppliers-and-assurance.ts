import { CERT_STATUS, question as q } from '../build.js';

/** The full questionnaire, sections 10-14: staff awareness, subcontractors, secure development, the end of the contract, certifications. */
export const PEOPLE_SUPPLIERS_AND_ASSURANCE = [
  {
    key: 'people',
    title: 'Staff awareness',
    questions: [
      q({
        code: 'PPL-01',
        text: 'Do all staff with access to our data complete security and data protection training every year?',
        weight: 3,
        maps: [
          ['NCSC-CAF', 'B6.b'],
          ['NDG', 'NDG-3'],
          ['ISO27001-2022', '6.3'],
          ['NIST-CSF-2.0', 'PR.AT-01'],
        ],
        fix: 'Require yearly security and data protection training, and track completion.',
      }),
      q({
        code: 'PPL-02',
        text: 'Do you run phishing exercises or similar tests of staff awareness at least yearly?',
        weight: 2,
        maps: [
          ['NCSC-CAF', 'B6.a'],
          ['ISO27001-2022', '6.3'],
          ['NIST-CSF-2.0', 'PR.AT-01'],
        ],
        fix: 'Run awareness exercises and follow up with those who need support.',
      }),
      q({
        code: 'PPL-03',
        text: 'Are staff with access to our data vetted before they start (identity, right to work, references)?',
        weight: 2,
        maps: [
          ['ISO27001-2022', '6.1'],
          ['NIST-CSF-2.0', 'GV.RR-04'],
        ],
        fix: 'Vet staff before granting access to our data.',
      }),
    ],
  },
  {
    key: 'supply-chain',
    title: 'Subcontractors and fourth parties',
    questions: [
      q({
        code: 'SUB-01',
        text: 'Do you keep a list of the subcontractors that store, process or can reach our data?',
        weight: 3,
        maps: [
          ['NCSC-SUPPLY-CHAIN', 'SC-2'],
          ['NCSC-CAF', 'A4.a'],
          ['ISO27001-2022', '5.19'],
          ['NIST-CSF-2.0', 'GV.SC-04'],
        ],
        fix: 'List every subcontractor that can reach our data and share the list with us.',
      }),
      q({
        code: 'SUB-02',
        text: 'Do your contracts with those subcontractors require security and breach-notification terms at least as strict as ours?',
        weight: 3,
        maps: [
          ['NCSC-SUPPLY-CHAIN', 'SC-6'],
          ['NDG', 'NDG-10'],
          ['ISO27001-2022', '5.20'],
          ['NIST-CSF-2.0', 'GV.SC-05'],
        ],
        fix: 'Flow our security and notification terms down to subcontractors.',
      }),
      q({
        code: 'SUB-03',
        text: 'Will you ask our agreement before a new subcontractor handles our data?',
        weight: 2,
        maps: [
          ['NCSC-SUPPLY-CHAIN', 'SC-4'],
          ['ISO27001-2022', '5.21'],
          ['NIST-CSF-2.0', 'GV.SC-07'],
        ],
        fix: 'Seek our written agreement before adding a subcontractor.',
      }),
      q({
        code: 'SUB-04',
        text: 'Do you assess the security of your critical subcontractors at least every two years?',
        weight: 2,
        maps: [
          ['NCSC-SUPPLY-CHAIN', 'SC-10'],
          ['ISO27001-2022', '5.22'],
          ['NIST-CSF-2.0', 'GV.SC-07'],
        ],
        fix: 'Assess critical subcontractors at least every two years.',
      }),
    ],
  },
  {
    key: 'development',
    title: 'Secure development (where you supply software)',
    description: 'Answer "not applicable" if you do not supply or host software for us.',
    questions: [
      q({
        code: 'DEV-01',
        text: 'Do you follow a secure development process (threat modelling, code review, security testing) for the software you supply?',
        weight: 3,
        na: true,
        maps: [
          ['NCSC-CAF', 'B4.a'],
          ['ISO27001-2022', '8.25'],
          ['NIST-CSF-2.0', 'PR.PS-06'],
          ['DTAC', 'C3'],
        ],
        fix: 'Adopt a secure development lifecycle with review and testing gates.',
      }),
      q({
        code: 'DEV-02',
        text: 'Is the software you supply penetration tested before major releases and at least yearly?',
        weight: 3,
        na: true,
        maps: [
          ['NCSC-CAF', 'B4.d'],
          ['ISO27001-2022', '8.29'],
          ['DTAC', 'C3'],
        ],
        fix: 'Penetration test major releases and at least yearly.',
      }),
      q({
        code: 'DEV-03',
        text: 'Do you track the third-party components in your software and patch vulnerable ones?',
        weight: 3,
        na: true,
        maps: [
          ['NCSC-CAF', 'B4.d'],
          ['ISO27001-2022', '8.8'],
          ['NIST-CSF-2.0', 'ID.AM-02'],
        ],
        fix: 'Keep a software bill of materials and patch vulnerable components.',
      }),
      q({
        code: 'DEV-04',
        text: 'Does the software meet the clinical safety standards DCB0129 where it is a health IT system?',
        weight: 2,
        na: true,
        maps: [['DTAC', 'C1']],
        fix: 'Complete DCB0129 clinical safety work and share the safety case.',
      }),
      q({
        code: 'DEV-05',
        text: 'Where you supply medical devices or connected (IoT) equipment, will they receive security updates for as long as we use them under the contract?',
        weight: 3,
        na: true,
        help: 'Answer "not applicable" if you supply no devices.',
        maps: [
          ['NCSC-CAF', 'B4.d'],
          ['NDG', 'NDG-8'],
          ['ISO27001-2022', '8.8'],
          ['NIST-CSF-2.0', 'ID.AM-08'],
        ],
        fix: 'Commit to security updates for supplied devices for the life of the contract, or a replacement plan.',
      }),
      q({
        code: 'DEV-06',
        text: 'Do you give us each supplied device’s security information (for example an MDS2 form) and a way to isolate it on our network?',
        weight: 2,
        na: true,
        maps: [
          ['NCSC-CAF', 'A3.a'],
          ['ISO27001-2022', '5.9'],
          ['NIST-CSF-2.0', 'ID.AM-08'],
        ],
        fix: 'Provide device security disclosures and isolation guidance.',
      }),
    ],
  },
  {
    key: 'exit',
    title: 'End of the contract',
    questions: [
      q({
        code: 'EXT-01',
        text: 'At the end of the contract, will you return our data to us in an agreed, usable format?',
        weight: 3,
        maps: [
          ['NCSC-SUPPLY-CHAIN', 'SC-6'],
          ['ISO27001-2022', '5.20'],
          ['NIST-CSF-2.0', 'GV.SC-10'],
        ],
        fix: 'Agree an exit plan: the format and timetable for returning our data.',
      }),
      q({
        code: 'EXT-02',
        text: 'After returning it, will you destroy every copy (backups included) and confirm it in writing?',
        weight: 3,
        maps: [
          ['NCSC-CAF', 'B3.e'],
          ['ISO27001-2022', '8.10'],
          ['NIST-CSF-2.0', 'GV.SC-10'],
        ],
        fix: 'Destroy every copy at exit, backups included, and certify it.',
      }),
    ],
  },
  {
    key: 'certifications',
    title: 'Certifications',
    description:
      'What an independent assessor has confirmed. A certificate is evidence of assurance (NCSC supply chain principle 10), not a control in itself.',
    questions: [
      q({
        code: 'CER-01',
        text: 'What is your latest Data Security and Protection Toolkit (DSPT) status?',
        type: 'single_choice',
        weight: 3,
        critical: true,
        na: true,
        help: 'Answer "not applicable" only if none of our patient data flows to you.',
        options: CERT_STATUS,
        maps: [
          ['NCSC-SUPPLY-CHAIN', 'SC-5'],
          ['NCSC-SUPPLY-CHAIN', 'SC-10'],
        ],
        fix: 'Publish a DSPT assessment at Standards Met or better: it is required where patient data flows.',
      }),
      q({
        code: 'CER-02',
        text: 'On what date was that DSPT assessment published?',
        type: 'date',
        showIf: { question: 'CER-01', in: ['exceeded', 'met', 'approaching', 'not_met'] },
        maps: [['NCSC-SUPPLY-CHAIN', 'SC-10']],
      }),
      q({
        code: 'CER-03',
        text: 'Which Cyber Essentials certification do you hold for the scope that covers our service?',
        type: 'single_choice',
        weight: 3,
        options: [
          { value: 'plus', label: 'Cyber Essentials Plus', score: 1 },
          { value: 'basic', label: 'Cyber Essentials', score: 0.6 },
          { value: 'none', label: 'None', score: 0 },
        ],
        maps: [
          ['NCSC-SUPPLY-CHAIN', 'SC-5'],
          ['NCSC-SUPPLY-CHAIN', 'SC-10'],
        ],
        fix: 'Certify to Cyber Essentials Plus for the scope of our service.',
      }),
      q({
        code: 'CER-04',
        text: 'When does that certificate expire?',
        type: 'date',
        showIf: { question: 'CER-03', in: ['plus', 'basic'] },
        evidence: 'optional',
        maps: [['NCSC-SUPPLY-CHAIN', 'SC-10']],
      }),
      q({
        code: 'CER-05',
        text: 'Is the service you provide to us within the scope of an ISO/IEC 27001 certification?',
        weight: 2,
        evidence: 'optional',
        maps: [['NCSC-SUPPLY-CHAIN', 'SC-10']],
        fix: 'Bring our service within the scope of an ISO/IEC 27001 certification.',
      }),
    ],
  },
];
