import { CERT_STATUS, question as q } from './build.js';

/**
 * The short questionnaire for Tier 3 and Tier 4 suppliers. Written for this project.
 * Version 3: LCT-01 asked about email and remote access in one question (a supplier with MFA on
 * its VPN but not on webmail could answer neither yes nor no); it is now LCT-01 (remote access)
 * and LCT-09 (email), both knock-outs like their counterparts ACC-01 and ACC-07 in the full set;
 * LDT-07 (no secondary use) also cites DSPT objective E (E3.b, using information for other purposes).
 */
export const SUPPLIER_SECURITY_LITE = {
  key: 'supplier-security-lite',
  version: 3,
  title: 'Supplier security questionnaire (short)',
  description: 'For Tier 3 and Tier 4 suppliers: limited data, services we could work around for a while.',
  sections: [
    {
      key: 'basics',
      title: 'Governance and people',
      questions: [
        q({
          code: 'LGV-01',
          text: 'Is a named person in your organisation responsible for information security?',
          weight: 2,
          maps: [
            ['NCSC-CAF', 'A1.a'],
            ['ISO27001-2022', '5.2'],
          ],
          fix: 'Name a person responsible for security.',
        }),
        q({
          code: 'LGV-02',
          text: 'Do staff who handle our data complete security and data protection training every year?',
          weight: 2,
          maps: [
            ['NDG', 'NDG-3'],
            ['ISO27001-2022', '6.3'],
          ],
          fix: 'Train staff yearly on security and data protection.',
        }),
        q({
          code: 'LGV-03',
          text: 'What is your latest DSPT status?',
          type: 'single_choice',
          weight: 2,
          critical: true,
          options: CERT_STATUS,
          na: true,
          help: 'Answer "not applicable" only if none of our patient data flows to you.',
          maps: [
            ['NCSC-SUPPLY-CHAIN', 'SC-5'],
            ['NCSC-SUPPLY-CHAIN', 'SC-10'],
          ],
          fix: 'Publish a DSPT assessment at Standards Met: it is required where patient data flows.',
        }),
      ],
    },
    {
      key: 'controls',
      title: 'Technical controls',
      questions: [
        q({
          code: 'LCT-01',
          text: 'Is multi-factor authentication enforced on every remote access route into systems that hold our data?',
          help: 'Include VPNs, remote desktop and remote support tools.',
          weight: 5,
          critical: true,
          maps: [
            ['CYBER-ESSENTIALS', 'user-access-control'],
            ['NCSC-CAF', 'B2.a'],
            ['ISO27001-2022', '8.5'],
          ],
          fix: 'Enforce MFA on every remote access route.',
        }),
        q({
          code: 'LCT-09',
          text: 'Is multi-factor authentication enforced for every user of your email?',
          weight: 4,
          critical: true,
          maps: [
            ['CYBER-ESSENTIALS', 'user-access-control'],
            ['NCSC-CAF', 'B2.a'],
            ['ISO27001-2022', '8.5'],
          ],
          fix: 'Enforce MFA for every email user.',
        }),
        q({
          code: 'LCT-02',
          text: 'Are security updates applied within 14 days on devices that handle our data?',
          weight: 4,
          critical: true,
          maps: [
            ['CYBER-ESSENTIALS', 'security-update-management'],
            ['ISO27001-2022', '8.8'],
          ],
          fix: 'Apply security updates within 14 days.',
        }),
        q({
          code: 'LCT-03',
          text: 'Is malware protection running on every device?',
          weight: 3,
          maps: [
            ['CYBER-ESSENTIALS', 'malware-protection'],
            ['ISO27001-2022', '8.7'],
          ],
          fix: 'Run malware protection on every device.',
        }),
        q({
          code: 'LCT-04',
          text: 'Do firewalls protect your internet connection and devices?',
          weight: 2,
          maps: [
            ['CYBER-ESSENTIALS', 'firewalls'],
            ['ISO27001-2022', '8.20'],
          ],
          fix: 'Configure boundary and device firewalls.',
        }),
        q({
          code: 'LCT-05',
          text: 'Are default passwords changed on every device and service?',
          weight: 2,
          maps: [
            ['CYBER-ESSENTIALS', 'secure-configuration'],
            ['ISO27001-2022', '8.9'],
          ],
          fix: 'Change every default password.',
        }),
        q({
          code: 'LCT-07',
          text: 'Are accounts and software that are no longer used removed?',
          weight: 1,
          maps: [
            ['CYBER-ESSENTIALS', 'secure-configuration'],
            ['ISO27001-2022', '8.9'],
          ],
          fix: 'Remove unused accounts and software.',
        }),
        q({
          code: 'LCT-08',
          text: 'Does every device and application that handles our data still receive security updates from its maker?',
          type: 'yes_no',
          weight: 3,
          critical: true,
          maps: [
            ['CYBER-ESSENTIALS', 'security-update-management'],
            ['NDG', 'NDG-8'],
            ['ISO27001-2022', '8.8'],
          ],
          fix: 'Replace or isolate unsupported software, with a dated plan.',
        }),
        q({
          code: 'LCT-06',
          text: 'Do you hold a current Cyber Essentials (or Cyber Essentials Plus) certificate?',
          weight: 2,
          evidence: 'optional',
          maps: [
            ['NCSC-SUPPLY-CHAIN', 'SC-5'],
            ['NCSC-SUPPLY-CHAIN', 'SC-10'],
          ],
          fix: 'Certify to Cyber Essentials.',
        }),
      ],
    },
    {
      key: 'data',
      title: 'Our data',
      questions: [
        q({
          code: 'LDT-01',
          text: 'Is our data encrypted whenever it is sent over a network?',
          weight: 3,
          maps: [
            ['NCSC-CAF', 'B3.b'],
            ['ISO27001-2022', '8.24'],
          ],
          fix: 'Encrypt our data in transit.',
        }),
        q({
          code: 'LDT-05',
          text: 'Is our data encrypted on laptops and removable media, or never put on them?',
          weight: 2,
          maps: [
            ['NCSC-CAF', 'B3.d'],
            ['ISO27001-2022', '8.24'],
          ],
          fix: 'Encrypt laptops and removable media that may hold our data.',
        }),
        q({
          code: 'LDT-02',
          text: 'Is access to our data limited to the staff who need it?',
          weight: 3,
          maps: [
            ['NDG', 'NDG-4'],
            ['ISO27001-2022', '5.15'],
          ],
          fix: 'Limit access to those who need it.',
        }),
        q({
          code: 'LDT-03',
          text: 'Is our data returned or deleted when the contract ends?',
          weight: 2,
          maps: [
            ['ISO27001-2022', '8.10'],
            ['NCSC-CAF', 'B3.e'],
            ['NIST-CSF-2.0', 'GV.SC-10'],
          ],
          fix: 'Agree to return or delete our data at contract end.',
        }),
        q({
          code: 'LDT-06',
          text: 'Will you confirm that deletion to us in writing?',
          weight: 1,
          maps: [
            ['ISO27001-2022', '8.10'],
            ['NCSC-CAF', 'B3.e'],
          ],
          fix: 'Confirm deletion in writing at contract end.',
        }),
        q({
          code: 'LDT-07',
          text: 'Do you use our data only to provide the service to us, never for your own purposes (such as training AI models) unless we have agreed in writing?',
          weight: 3,
          critical: true,
          maps: [
            ['NDG', 'NDG-1'],
            ['NCSC-CAF', 'E3.b'],
            ['ISO27001-2022', '5.34'],
          ],
          fix: 'Stop any secondary use of our data without our written agreement.',
        }),
        q({
          code: 'LDT-04',
          text: 'Do you keep backups of our data that an attack on your network could not alter?',
          weight: 3,
          na: true,
          maps: [
            ['NCSC-CAF', 'B5.c'],
            ['ISO27001-2022', '8.13'],
          ],
          fix: 'Keep offline or immutable backups.',
        }),
      ],
    },
    {
      key: 'incidents',
      title: 'Incidents and subcontractors',
      questions: [
        q({
          code: 'LIN-01',
          text: 'Will you tell us within 24 hours of finding an incident that affects our data or service?',
          weight: 5,
          critical: true,
          maps: [
            ['NCSC-SUPPLY-CHAIN', 'SC-9'],
            ['NDG', 'NDG-6'],
            ['ISO27001-2022', '5.24'],
          ],
          fix: 'Commit to notify us within 24 hours.',
        }),
        q({
          code: 'LIN-02',
          text: 'Do you know who to call and what to do if you suffer a cyber attack?',
          weight: 2,
          maps: [
            ['NCSC-CAF', 'D1.a'],
            ['ISO27001-2022', '5.26'],
          ],
          fix: 'Write a short incident plan with contacts.',
        }),
        q({
          code: 'LIN-03',
          text: 'Do any subcontractors store or reach our data?',
          type: 'yes_no',
          weight: 0,
          maps: [['NCSC-SUPPLY-CHAIN', 'SC-2']],
        }),
        q({
          code: 'LIN-04',
          text: 'Do those subcontractors have security terms in their contracts at least as strict as ours?',
          weight: 2,
          showIf: { question: 'LIN-03', equals: 'yes' },
          maps: [
            ['NCSC-SUPPLY-CHAIN', 'SC-6'],
            ['NDG', 'NDG-10'],
            ['ISO27001-2022', '5.20'],
          ],
          fix: 'Flow our security terms down to subcontractors.',
        }),
      ],
    },
  ],
};
