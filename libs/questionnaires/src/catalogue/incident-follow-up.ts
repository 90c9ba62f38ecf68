import { question as q } from './build.js';

/**
 * The follow-up sent when a supplier or partner is breached (incident mode), due in 72 hours: what
 * happened, what of ours was touched, what the supplier has done and whom it has told. Written for
 * this project. Scored questions say how well the incident is being handled; text questions carry
 * the facts the incident team needs.
 */
export const INCIDENT_FOLLOW_UP = {
  key: 'incident-follow-up',
  version: 1,
  title: 'Security incident follow-up',
  description: 'Sent when we learn that your organisation has had a security incident. Please answer within 72 hours: we may have to notify the Information Commissioner within that time.',
  sections: [
    {
      key: 'incident',
      title: 'What happened',
      questions: [
        q({ code: 'INC-01', text: 'Describe the incident: what happened, when it started, and when you detected it.', type: 'text', maps: [['NCSC-CAF', 'D1.a'], ['ISO27001-2022', '5.26']] }),
        q({ code: 'INC-02', text: 'Is the incident contained: has the attacker’s access been removed and the cause closed?', weight: 5, critical: true, maps: [['NCSC-CAF', 'D1.b'], ['NIST-CSF-2.0', 'RS.MI-01']], fix: 'Contain the incident and confirm when access has been removed.' }),
        q({ code: 'INC-03', text: 'Which of your systems and services were affected?', type: 'text', maps: [['NCSC-CAF', 'D1.a'], ['ISO27001-2022', '5.25']] }),
      ],
    },
    {
      key: 'our-data',
      title: 'Our data and services',
      questions: [
        q({ code: 'INC-04', text: 'Were systems that hold or process our data affected?', type: 'single_choice', weight: 3, options: [{ value: 'no', label: 'No, confirmed', score: 1 }, { value: 'unknown', label: 'Not known yet', score: 0.5 }, { value: 'yes', label: 'Yes', score: 0 }], maps: [['NCSC-SUPPLY-CHAIN', 'SC-10'], ['NDG', 'NDG-6']], fix: 'Establish whether systems holding our data were affected.' }),
        q({ code: 'INC-05', text: 'Is there any sign that our data was copied out (exfiltrated)?', type: 'single_choice', weight: 5, critical: true, options: [{ value: 'no', label: 'No, confirmed by investigation', score: 1 }, { value: 'unknown', label: 'Not known yet', score: 0.5 }, { value: 'yes', label: 'Yes', score: 0 }], maps: [['NDG', 'NDG-6'], ['ISO27001-2022', '5.26']], fix: 'Investigate and confirm whether our data was exfiltrated.' }),
        q({ code: 'INC-06', text: 'Was our data encrypted, deleted or made unavailable?', type: 'single_choice', weight: 4, options: [{ value: 'no', label: 'No', score: 1 }, { value: 'unknown', label: 'Not known yet', score: 0.5 }, { value: 'yes', label: 'Yes', score: 0 }], maps: [['NCSC-CAF', 'D1.b'], ['ISO27001-2022', '8.13']], fix: 'Confirm the availability and integrity of our data.' }),
        q({ code: 'INC-07', text: 'By what date and time will you confirm the full extent of the impact on our data?', type: 'date', maps: [['NCSC-SUPPLY-CHAIN', 'SC-10']] }),
      ],
    },
    {
      key: 'recovery',
      title: 'Recovery',
      questions: [
        q({ code: 'INC-08', text: 'Are clean backups of the affected systems available, held where the attacker could not reach them?', weight: 4, maps: [['NCSC-CAF', 'D1.c'], ['ISO27001-2022', '8.13'], ['CYBER-ESSENTIALS', 'malware-protection']], fix: 'Restore from backups the attacker could not reach.' }),
        q({ code: 'INC-09', text: 'When do you expect the services you provide to us to be fully restored?', type: 'text', maps: [['NCSC-CAF', 'D1.c'], ['NIST-CSF-2.0', 'RC.RP-01']] }),
      ],
    },
    {
      key: 'notification',
      title: 'Who has been told',
      questions: [
        q({ code: 'INC-10', text: 'Have you reported the incident to law enforcement (Action Fraud or the police)?', weight: 2, maps: [['NCSC-CAF', 'D1.a']], fix: 'Report the incident to law enforcement.' }),
        q({ code: 'INC-11', text: 'Have you notified the Information Commissioner’s Office, or decided with reasons that it is not required?', weight: 3, maps: [['NDG', 'NDG-6'], ['ISO27001-2022', '5.24']], fix: 'Decide on, and make, the notification to the ICO within 72 hours.' }),
        q({ code: 'INC-12', text: 'To which other organisations or subcontractors did our data flow onwards, and have they been told?', type: 'text', maps: [['NCSC-SUPPLY-CHAIN', 'SC-6'], ['ISO27001-2022', '5.20']] }),
        q({ code: 'INC-13', text: 'Who is your incident lead, and how can our incident team reach them at any hour?', type: 'text', maps: [['NCSC-CAF', 'D1.a'], ['ISO27001-2022', '5.24']] }),
      ],
    },
  ],
};
