import { question as q } from './build.js';

const yesNoUnknown = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No, confirmed' },
  { value: 'unknown', label: 'Not known yet' },
];

/**
 * The follow-up sent when a supplier or partner is breached (incident mode). Its purpose is
 * `incident`: it collects the facts the incident team needs and is never scored (an honest "yes,
 * data was copied out" must not read as a poor security score, nor a reassuring answer as a good
 * one). A first report is due within 24 hours of detection, the full answer within 72. Written for
 * this project.
 */
export const INCIDENT_FOLLOW_UP = {
  key: 'incident-follow-up',
  version: 2,
  purpose: 'incident',
  title: 'Security incident follow-up',
  description:
    'Sent when we learn that your organisation has had a security incident. Please send a first report within 24 hours of detecting the incident and complete every answer within 72 hours: we may have to notify the Information Commissioner within that time.',
  sections: [
    {
      key: 'incident',
      title: 'What happened',
      questions: [
        q({
          code: 'IFU-01',
          text: 'Describe the incident: what happened and how it was found.',
          type: 'text',
          maps: [
            ['NCSC-CAF', 'D1.a'],
            ['ISO27001-2022', '5.25'],
          ],
        }),
        q({ code: 'IFU-02', text: 'On what date did the incident start, as far as you know?', type: 'date', maps: [] }),
        q({
          code: 'IFU-03',
          text: 'When did you detect it (date and time, UK time)?',
          type: 'text',
          maps: [['ISO27001-2022', '6.8']],
        }),
        q({
          code: 'IFU-04',
          text: 'Is the incident contained: has the attacker’s access been removed and the way in closed?',
          type: 'single_choice',
          options: [
            { value: 'contained', label: 'Yes, contained' },
            { value: 'containing', label: 'Not yet: containment under way' },
            { value: 'unknown', label: 'Not known yet' },
          ],
          maps: [
            ['NCSC-CAF', 'D1.b'],
            ['ISO27001-2022', '5.26'],
          ],
        }),
        q({
          code: 'IFU-05',
          text: 'Which of your systems and services were affected?',
          type: 'text',
          maps: [['ISO27001-2022', '5.25']],
        }),
      ],
    },
    {
      key: 'our-data',
      title: 'Our data and the people in it',
      questions: [
        q({
          code: 'IFU-06',
          text: 'Were systems that hold or process our data affected?',
          type: 'single_choice',
          options: yesNoUnknown,
          maps: [['NDG', 'NDG-6']],
        }),
        q({
          code: 'IFU-07',
          text: 'Is there any sign that our data was copied out (exfiltrated)?',
          type: 'single_choice',
          options: yesNoUnknown,
          maps: [
            ['NDG', 'NDG-6'],
            ['ISO27001-2022', '5.26'],
          ],
        }),
        q({
          code: 'IFU-08',
          text: 'Was our data encrypted, deleted or made unavailable?',
          type: 'single_choice',
          options: yesNoUnknown,
          maps: [['NCSC-CAF', 'D1.b']],
        }),
        q({
          code: 'IFU-09',
          text: 'How many people whose data we shared with you are affected (your best estimate today)?',
          type: 'number',
          help: 'Give 0 if none; update it when you know more.',
          maps: [['NDG', 'NDG-6']],
        }),
        q({
          code: 'IFU-10',
          text: 'Which of our datasets and which kinds of data (for example NHS numbers, clinical details) are affected?',
          type: 'text',
          maps: [['NDG', 'NDG-6']],
        }),
      ],
    },
    {
      key: 'connections',
      title: 'Accounts and connections into our systems',
      questions: [
        q({
          code: 'IFU-11',
          text: 'Have the passwords and keys of accounts your staff use to reach our systems been reset?',
          type: 'single_choice',
          options: [
            { value: 'reset', label: 'Yes, all reset' },
            { value: 'partly', label: 'Some reset, the rest under way' },
            { value: 'not_yet', label: 'Not yet' },
            { value: 'none', label: 'You have no accounts on our systems' },
          ],
          maps: [
            ['NCSC-CAF', 'B2.a'],
            ['ISO27001-2022', '5.17'],
          ],
        }),
        q({
          code: 'IFU-12',
          text: 'Have your connections into our systems (VPN, remote support, integrations) been cut, or checked and found clean?',
          type: 'single_choice',
          options: [
            { value: 'cut', label: 'Cut until we agree to restore them' },
            { value: 'checked', label: 'Checked and found clean' },
            { value: 'not_yet', label: 'Not yet' },
            { value: 'none', label: 'You have no connections into our systems' },
          ],
          maps: [
            ['NCSC-SUPPLY-CHAIN', 'SC-10'],
            ['ISO27001-2022', '5.26'],
          ],
        }),
        q({
          code: 'IFU-13',
          text: 'Have you shared the indicators of compromise (attacker addresses, file hashes, account names) with us?',
          type: 'single_choice',
          options: [
            { value: 'shared', label: 'Yes, shared' },
            { value: 'later', label: 'Not yet: we will share them' },
            { value: 'none', label: 'None are available' },
          ],
          maps: [
            ['NCSC-SUPPLY-CHAIN', 'SC-10'],
            ['ISO27001-2022', '5.7'],
          ],
        }),
        q({
          code: 'IFU-14',
          text: 'Give the indicators, or say where our team can collect them.',
          type: 'text',
          showIf: { question: 'IFU-13', equals: 'shared' },
          maps: [['ISO27001-2022', '5.7']],
        }),
      ],
    },
    {
      key: 'recovery',
      title: 'Recovery',
      questions: [
        q({
          code: 'IFU-15',
          text: 'Are clean backups of the affected systems available, held where the attacker could not reach them?',
          type: 'single_choice',
          options: yesNoUnknown,
          maps: [
            ['NCSC-CAF', 'B5.c'],
            ['ISO27001-2022', '8.13'],
          ],
        }),
        q({
          code: 'IFU-16',
          text: 'By what date do you expect the services you provide to us to be fully restored?',
          type: 'date',
          required: false,
          maps: [['NIST-CSF-2.0', 'RC.RP-01']],
        }),
      ],
    },
    {
      key: 'notification',
      title: 'Who has been told',
      questions: [
        q({
          code: 'IFU-17',
          text: 'Have you notified the Information Commissioner’s Office?',
          type: 'single_choice',
          options: [
            { value: 'notified', label: 'Yes, notified' },
            { value: 'not_required', label: 'Decided, with reasons, that it is not required' },
            { value: 'deciding', label: 'Still deciding' },
          ],
          maps: [
            ['NDG', 'NDG-6'],
            ['ISO27001-2022', '5.24'],
          ],
        }),
        q({
          code: 'IFU-18',
          text: 'Have you reported the incident to law enforcement (Action Fraud or the police)?',
          type: 'single_choice',
          options: [
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ],
          maps: [['ISO27001-2022', '5.5']],
        }),
        q({
          code: 'IFU-19',
          text: 'To which other organisations or subcontractors did our data flow onwards, and have they been told?',
          type: 'text',
          maps: [
            ['NCSC-SUPPLY-CHAIN', 'SC-10'],
            ['ISO27001-2022', '5.20'],
          ],
        }),
        q({
          code: 'IFU-20',
          text: 'Who is your incident lead, and how can our incident team reach them at any hour?',
          type: 'text',
          maps: [['ISO27001-2022', '5.24']],
        }),
      ],
    },
  ],
};
