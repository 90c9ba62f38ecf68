import { question as q } from '../build.js';

/** The full questionnaire, sections 7-9: backups and recovery, logging and monitoring, incident response and notification. */
export const RESILIENCE_AND_RESPONSE = [
  {
    key: 'resilience',
    title: 'Backups and recovery',
    questions: [
      q({
        code: 'BAK-01',
        text: 'Do you keep backups that ransomware on your network could not reach or alter (offline or immutable)?',
        weight: 5,
        critical: true,
        evidence: 'optional',
        maps: [
          ['NCSC-CAF', 'B5.c'],
          ['NDG', 'NDG-7'],
          ['ISO27001-2022', '8.13'],
          ['NIST-CSF-2.0', 'PR.DS-11'],
        ],
        fix: 'Keep an offline or immutable copy of backups and protect its credentials separately.',
      }),
      q({
        code: 'BAK-02',
        text: 'Have you restored a full service from backup in a test in the last 12 months?',
        weight: 4,
        maps: [
          ['NCSC-CAF', 'B5.c'],
          ['ISO27001-2022', '8.13'],
          ['NIST-CSF-2.0', 'RC.RP-03'],
        ],
        fix: 'Test a full restore at least yearly and record the time it took.',
      }),
      q({
        code: 'BAK-03',
        text: 'How long would it take you to restore the service you provide to us after a ransomware attack?',
        type: 'single_choice',
        weight: 3,
        options: [
          { value: 'hours', label: 'Within 24 hours', score: 1 },
          { value: 'days', label: 'Within 3 days', score: 0.75 },
          { value: 'week', label: 'Within a week', score: 0.4 },
          { value: 'longer', label: 'Longer, or not known', score: 0 },
        ],
        maps: [
          ['NCSC-CAF', 'B5.a'],
          ['ISO27001-2022', '5.30'],
          ['NIST-CSF-2.0', 'RC.RP-01'],
        ],
        fix: 'Set and test a recovery time that matches our clinical need.',
      }),
      q({
        code: 'BAK-04',
        text: 'Do you have a business continuity plan for the service you provide to us, tested in the last 12 months?',
        weight: 3,
        maps: [
          ['NCSC-CAF', 'B5.a'],
          ['NDG', 'NDG-7'],
          ['ISO27001-2022', '5.30'],
        ],
        fix: 'Write and exercise a continuity plan for our service.',
      }),
    ],
  },
  {
    key: 'monitoring',
    title: 'Logging and monitoring',
    questions: [
      q({
        code: 'MON-01',
        text: 'Are security events on systems that hold our data monitored 24 hours a day, 7 days a week (in house or by a provider)?',
        weight: 4,
        maps: [
          ['NCSC-CAF', 'C1.a'],
          ['ISO27001-2022', '8.16'],
          ['NIST-CSF-2.0', 'DE.CM-01'],
        ],
        fix: 'Put 24/7 security monitoring in place, in house or through a managed service.',
      }),
      q({
        code: 'MON-02',
        text: 'Are security logs kept for at least 12 months?',
        weight: 2,
        maps: [
          ['NCSC-CAF', 'C1.b'],
          ['ISO27001-2022', '8.15'],
          ['NIST-CSF-2.0', 'PR.PS-04'],
        ],
        fix: 'Keep security logs for at least 12 months.',
      }),
      q({
        code: 'MON-04',
        text: 'Are those logs protected so that administrators cannot alter or delete them?',
        weight: 2,
        maps: [
          ['NCSC-CAF', 'C1.b'],
          ['ISO27001-2022', '8.15'],
          ['NIST-CSF-2.0', 'PR.PS-04'],
        ],
        fix: 'Keep logs in a store that administrators cannot alter.',
      }),
      q({
        code: 'MON-03',
        text: 'Do alerts of suspicious activity reach a person who can act on them within one hour?',
        weight: 3,
        maps: [
          ['NCSC-CAF', 'C1.c'],
          ['ISO27001-2022', '8.16'],
          ['NIST-CSF-2.0', 'DE.AE-02'],
        ],
        fix: 'Route alerts to an on-call responder with a one-hour target.',
      }),
    ],
  },
  {
    key: 'incidents',
    title: 'Incident response and notification',
    questions: [
      q({
        code: 'INC-01',
        text: 'Will you tell us within 24 hours of discovering an incident that affects our data or the service?',
        weight: 5,
        critical: true,
        maps: [
          ['NCSC-CAF', 'D1.a'],
          ['NDG', 'NDG-6'],
          ['NCSC-SUPPLY-CHAIN', 'SC-9'],
          ['ISO27001-2022', '5.24'],
          ['NIST-CSF-2.0', 'RS.CO-02'],
        ],
        fix: 'Commit in the contract to notify us within 24 hours and name who will call.',
      }),
      q({
        code: 'INC-02',
        text: 'Do you have an incident response plan that names roles, contacts and decisions?',
        weight: 2,
        evidence: 'optional',
        maps: [
          ['NCSC-CAF', 'D1.a'],
          ['ISO27001-2022', '5.24'],
          ['NIST-CSF-2.0', 'RS.MA-01'],
        ],
        fix: 'Write an incident response plan with roles, contacts and decisions.',
      }),
      q({
        code: 'INC-06',
        text: 'Have you exercised that plan in the last 12 months?',
        weight: 2,
        showIf: { question: 'INC-02', in: ['yes', 'partial'] },
        maps: [
          ['NCSC-CAF', 'D1.c'],
          ['ISO27001-2022', '5.24'],
          ['NIST-CSF-2.0', 'ID.IM-04'],
        ],
        fix: 'Run an incident exercise at least yearly.',
      }),
      q({
        code: 'INC-03',
        text: 'After an incident, do you find its root cause?',
        weight: 1,
        maps: [
          ['NCSC-CAF', 'D2.a'],
          ['ISO27001-2022', '5.27'],
          ['NIST-CSF-2.0', 'RS.AN-03'],
        ],
        fix: 'Run a root-cause review after every incident.',
      }),
      q({
        code: 'INC-07',
        text: 'Do you share the lessons of an incident with the customers it affected?',
        weight: 1,
        maps: [
          ['NCSC-CAF', 'D2.b'],
          ['NCSC-SUPPLY-CHAIN', 'SC-9'],
          ['ISO27001-2022', '5.27'],
          ['NIST-CSF-2.0', 'ID.IM-03'],
        ],
        fix: 'Share incident lessons with affected customers.',
      }),
      q({
        code: 'INC-04',
        text: 'Have you had a security incident affecting customer data in the last 24 months?',
        type: 'yes_no',
        weight: 0,
        required: true,
        maps: [['NCSC-CAF', 'D2.b']],
      }),
      q({
        code: 'INC-05',
        text: 'Describe the incident, what data it affected and what you changed afterwards.',
        type: 'text',
        showIf: { question: 'INC-04', equals: 'yes' },
        maps: [['NCSC-CAF', 'D2.b']],
      }),
    ],
  },
];
