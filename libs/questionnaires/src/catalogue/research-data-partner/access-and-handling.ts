import { question as q } from '../build.js';

/** The research data partner questionnaire, sections 4-7: access approval and review, backups and ransomware resilience, retention and destruction, onward sharing and breach notification. */
export const ACCESS_AND_HANDLING = [
  {
    key: 'access',
    title: 'Access approval and review',
    questions: [
      q({
        code: 'RAC-01',
        text: 'Does a named person approve each researcher’s access to our data, for a named study and a set period?',
        weight: 4,
        maps: [
          ['NCSC-CAF', 'B2.d'],
          ['NDG', 'NDG-4'],
          ['ISO27001-2022', '5.18'],
        ],
        fix: 'Approve access per researcher, per study, for a set period.',
      }),
      q({
        code: 'RAC-02',
        text: 'How often is the list of people with access to our data reviewed?',
        type: 'single_choice',
        weight: 3,
        options: [
          { value: 'quarterly', label: 'Quarterly or more often', score: 1 },
          { value: 'six_monthly', label: 'Every six months', score: 0.6 },
          { value: 'yearly', label: 'Yearly', score: 0.3 },
          { value: 'never', label: 'Not reviewed', score: 0 },
        ],
        maps: [
          ['NCSC-CAF', 'B2.d'],
          ['ISO27001-2022', '5.18'],
        ],
        fix: 'Review access at least quarterly.',
      }),
      q({
        code: 'RAC-03',
        text: 'Is access removed on the day a researcher leaves the study or the organisation?',
        weight: 3,
        maps: [
          ['NDG', 'NDG-4'],
          ['ISO27001-2022', '5.18'],
        ],
        fix: 'Remove access on the day a researcher leaves.',
      }),
      q({
        code: 'RAC-04',
        text: 'Have all researchers with access completed data security training in the last 12 months?',
        weight: 3,
        maps: [
          ['NDG', 'NDG-3'],
          ['ISO27001-2022', '6.3'],
        ],
        fix: 'Require yearly data security training for researchers.',
      }),
    ],
  },
  {
    key: 'resilience',
    title: 'Backup servers and ransomware resilience',
    questions: [
      q({
        code: 'RRS-01',
        text: 'Are backup servers that hold our data patched within 14 days, like production systems?',
        help: 'Forgotten backup servers are a common way into research data.',
        weight: 4,
        critical: true,
        maps: [
          ['NCSC-CAF', 'B4.d'],
          ['ISO27001-2022', '8.8'],
          ['NIST-CSF-2.0', 'ID.RA-01'],
        ],
        fix: 'Bring backup servers under the same patching as production.',
      }),
      q({
        code: 'RRS-05',
        text: 'Is multi-factor authentication required to administer those backup servers?',
        weight: 4,
        critical: true,
        maps: [
          ['NCSC-CAF', 'B2.c'],
          ['CYBER-ESSENTIALS', 'user-access-control'],
          ['ISO27001-2022', '8.5'],
          ['NIST-CSF-2.0', 'PR.AA-03'],
        ],
        fix: 'Put MFA on every administrative route to backup servers.',
      }),
      q({
        code: 'RRS-02',
        text: 'Do you keep at least one backup copy that ransomware could not reach or alter?',
        weight: 4,
        maps: [
          ['NCSC-CAF', 'B5.c'],
          ['ISO27001-2022', '8.13'],
        ],
        fix: 'Keep an offline or immutable backup copy.',
      }),
      q({
        code: 'RRS-03',
        text: 'Do you know every server, share and copy that holds our data, including old and test copies?',
        weight: 4,
        maps: [
          ['NCSC-CAF', 'A3.a'],
          ['ISO27001-2022', '5.9'],
          ['NIST-CSF-2.0', 'ID.AM-07'],
        ],
        fix: 'Inventory every copy of our data, including old and test copies.',
      }),
      q({
        code: 'RRS-04',
        text: 'Are security events in the environment and its backups monitored, with alerts acted on within a working day?',
        weight: 3,
        maps: [
          ['NCSC-CAF', 'C1.a'],
          ['ISO27001-2022', '8.16'],
        ],
        fix: 'Monitor the environment and its backups, and act on alerts within a day.',
      }),
    ],
  },
  {
    key: 'retention',
    title: 'Retention and certified destruction',
    questions: [
      q({
        code: 'RET-01',
        text: 'Is our data destroyed at the end of each study or agreement, with a certificate of destruction sent to us?',
        weight: 4,
        maps: [
          ['NCSC-CAF', 'B3.e'],
          ['ISO27001-2022', '8.10'],
        ],
        fix: 'Destroy data at study end and send us a certificate.',
      }),
      q({
        code: 'RET-02',
        text: 'Does destruction include backups, archives and researchers’ working copies?',
        weight: 3,
        maps: [
          ['ISO27001-2022', '8.10'],
          ['NCSC-CAF', 'B3.e'],
        ],
        fix: 'Include backups and working copies in destruction.',
      }),
      q({
        code: 'RET-03',
        text: 'On what date is our data next due to be destroyed?',
        type: 'date',
        required: false,
        maps: [['ISO27001-2022', '5.33']],
      }),
      q({
        code: 'RET-04',
        text: 'Does destruction follow a recognised sanitisation standard (for example the NCSC’s guidance on secure sanitisation of storage media)?',
        weight: 3,
        maps: [
          ['NCSC-CAF', 'B3.e'],
          ['ISO27001-2022', '7.14'],
          ['NIST-CSF-2.0', 'PR.DS-01'],
        ],
        fix: 'Destroy data to a recognised sanitisation standard.',
      }),
    ],
  },
  {
    key: 'sharing',
    title: 'Onward sharing and breach notification',
    questions: [
      q({
        code: 'SHR-01',
        text: 'Do you share our data with another organisation (collaborators, funders, journals, cloud services) only when we have agreed in writing?',
        weight: 5,
        critical: true,
        maps: [
          ['NCSC-SUPPLY-CHAIN', 'SC-4'],
          ['NDG', 'NDG-1'],
          ['ISO27001-2022', '5.14'],
        ],
        fix: 'Stop onward sharing without our written agreement.',
      }),
      q({
        code: 'SHR-02',
        text: 'Are only aggregate, disclosure-controlled results published (small numbers suppressed)?',
        weight: 3,
        maps: [
          ['ISO27001-2022', '8.11'],
          ['NDG', 'NDG-1'],
        ],
        fix: 'Apply small-number suppression to all published outputs.',
      }),
      q({
        code: 'SHR-03',
        text: 'Will you tell us within 24 hours of finding a breach or suspected breach of our data?',
        weight: 5,
        critical: true,
        maps: [
          ['NDG', 'NDG-6'],
          ['NCSC-SUPPLY-CHAIN', 'SC-9'],
          ['ISO27001-2022', '5.24'],
        ],
        fix: 'Commit to notify us within 24 hours of a suspected breach.',
      }),
      q({
        code: 'SHR-04',
        text: 'Describe any breach involving health data in your organisation in the last 24 months, and what changed after it.',
        type: 'text',
        required: false,
        maps: [['NCSC-CAF', 'D2.b']],
      }),
    ],
  },
];
