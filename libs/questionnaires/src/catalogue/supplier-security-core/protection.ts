import { question as q } from '../build.js';

/** The full questionnaire, sections 4-6: patching, malware protection and secure configuration, data protection and encryption. */
export const PROTECTION = [
  {
    key: 'vulnerabilities',
    title: 'Patching and vulnerability management',
    questions: [
      q({ code: 'VUL-01', text: 'Are critical and high-risk security updates applied within 14 days of release on every system that holds our data?', weight: 5, critical: true, maps: [['NCSC-CAF', 'B4.d'], ['CYBER-ESSENTIALS', 'security-update-management'], ['ISO27001-2022', '8.8'], ['NIST-CSF-2.0', 'ID.RA-01']], fix: 'Apply critical and high-risk updates within 14 days and report exceptions.' }),
      q({ code: 'VUL-02', text: 'Does every operating system and application that handles our data still receive security updates from its maker?', type: 'yes_no', weight: 4, critical: true, maps: [['CYBER-ESSENTIALS', 'security-update-management'], ['NDG', 'NDG-8'], ['NCSC-CAF', 'B4.d'], ['ISO27001-2022', '8.8'], ['NIST-CSF-2.0', 'ID.AM-08']], fix: 'Replace or isolate unsupported software, with a dated plan.' }),
      q({ code: 'VUL-03', text: 'Do you scan your internet-facing systems for vulnerabilities at least monthly?', weight: 3, maps: [['NCSC-CAF', 'B4.d'], ['ISO27001-2022', '8.8'], ['NIST-CSF-2.0', 'ID.RA-01']], fix: 'Scan internet-facing systems monthly and fix findings by severity.' }),
      q({ code: 'VUL-04', text: 'Has an independent tester carried out a penetration test of the infrastructure that hosts our data in the last 12 months?', weight: 3, evidence: 'optional', maps: [['NCSC-CAF', 'B4.d'], ['ISO27001-2022', '8.8'], ['NIST-CSF-2.0', 'ID.RA-01']], fix: 'Commission an infrastructure penetration test at least yearly and fix its high-risk findings.' }),
      q({ code: 'VUL-05', text: 'Do you act on NHS England cyber alerts that apply to systems holding our data, within the time each alert sets?', weight: 3, maps: [['NDG', 'NDG-6'], ['NCSC-CAF', 'B4.d'], ['ISO27001-2022', '5.7'], ['NIST-CSF-2.0', 'ID.RA-02']], fix: 'Subscribe to NHS England cyber alerts and act on them within their deadlines.' }),
    ],
  },
  {
    key: 'malware-config',
    title: 'Malware protection and secure configuration',
    questions: [
      q({ code: 'CFG-01', text: 'Is malware protection active and updated on every end-user device and server?', weight: 3, maps: [['CYBER-ESSENTIALS', 'malware-protection'], ['NCSC-CAF', 'B4.b'], ['ISO27001-2022', '8.7'], ['NIST-CSF-2.0', 'DE.CM-09']], fix: 'Deploy and monitor malware protection on every device.' }),
      q({ code: 'CFG-02', text: 'Are systems built from a hardened standard configuration?', weight: 2, maps: [['CYBER-ESSENTIALS', 'secure-configuration'], ['NCSC-CAF', 'B4.b'], ['ISO27001-2022', '8.9'], ['NIST-CSF-2.0', 'PR.PS-01']], fix: 'Adopt hardened build standards and check systems against them.' }),
      q({ code: 'CFG-04', text: 'Are default passwords changed, and unused accounts and services removed, before a system goes live?', weight: 3, maps: [['CYBER-ESSENTIALS', 'secure-configuration'], ['NCSC-CAF', 'B4.b'], ['ISO27001-2022', '8.9'], ['NIST-CSF-2.0', 'PR.PS-01']], fix: 'Change default passwords and remove unused accounts and services before go-live.' }),
      q({ code: 'CFG-03', text: 'Do boundary firewalls block all inbound connections except those the service needs?', weight: 3, maps: [['CYBER-ESSENTIALS', 'firewalls'], ['NCSC-CAF', 'B4.c'], ['ISO27001-2022', '8.20']], fix: 'Review firewall rules and close every inbound route the service does not need.' }),
    ],
  },
  {
    key: 'data-protection',
    title: 'Data protection and encryption',
    questions: [
      q({ code: 'DAT-01', text: 'Is our data encrypted in transit over every network, using current TLS?', weight: 4, critical: true, maps: [['NCSC-CAF', 'B3.b'], ['NDG', 'NDG-1'], ['ISO27001-2022', '8.24'], ['NIST-CSF-2.0', 'PR.DS-02']], fix: 'Encrypt all transfers with TLS 1.2 or later.' }),
      q({ code: 'DAT-02', text: 'Is our data encrypted at rest on your servers and in your backups?', weight: 4, maps: [['NCSC-CAF', 'B3.c'], ['NDG', 'NDG-1'], ['ISO27001-2022', '8.24'], ['NIST-CSF-2.0', 'PR.DS-01']], fix: 'Encrypt our data at rest on servers and in backups.' }),
      q({ code: 'DAT-06', text: 'Is our data encrypted on laptops and removable media, or never put on them?', weight: 3, maps: [['NCSC-CAF', 'B3.d'], ['NDG', 'NDG-1'], ['ISO27001-2022', '8.24'], ['NIST-CSF-2.0', 'PR.DS-01']], fix: 'Encrypt laptops and removable media that may hold our data.' }),
      q({ code: 'DAT-03', text: 'Is our data kept only as long as the agreement allows?', weight: 3, maps: [['NCSC-CAF', 'B3.a'], ['ISO27001-2022', '5.33'], ['NIST-CSF-2.0', 'PR.DS-01']], fix: 'Apply the agreed retention period to our data.' }),
      q({ code: 'DAT-07', text: 'When our data is destroyed, is it destroyed securely and certified to us in writing?', weight: 3, maps: [['NCSC-CAF', 'B3.e'], ['ISO27001-2022', '8.10'], ['NIST-CSF-2.0', 'PR.DS-01']], fix: 'Destroy our data securely and send us a certificate of destruction.' }),
      q({ code: 'DAT-04', text: 'Do you have a data protection officer (or an equivalent named person)?', weight: 1, maps: [['ISO27001-2022', '5.34'], ['DTAC', 'C2']], fix: 'Name a data protection officer or equivalent.' }),
      q({ code: 'DAT-08', text: 'Do you keep a current record of processing that covers our data?', weight: 1, maps: [['ISO27001-2022', '5.34'], ['DTAC', 'C2']], fix: 'Keep a record of processing for our data.' }),
      q({ code: 'DAT-09', text: 'Where our data is sent by email, does your email service meet the NHS secure email standard (DCB1596)?', weight: 3, na: true, help: 'Answer "not applicable" if our data is never sent by email.', maps: [['NCSC-CAF', 'B3.b'], ['NDG', 'NDG-1'], ['ISO27001-2022', '5.14'], ['NIST-CSF-2.0', 'PR.DS-02']], fix: 'Use an email service accredited to DCB1596, or stop emailing our data.' }),
      q({ code: 'DAT-10', text: 'Do you use our data only to provide the service to us, never for your own purposes (product development, analytics, or training AI models) unless we have agreed in writing?', weight: 4, critical: true, maps: [['NDG', 'NDG-1'], ['ISO27001-2022', '5.34'], ['NIST-CSF-2.0', 'GV.OC-03']], fix: 'Stop any secondary use of our data, including AI training, without our written agreement.' }),
      q({ code: 'DAT-11', text: 'Does your contract with us include the processor terms UK GDPR Article 28 requires (our instructions only, confidentiality, sub-processors with our approval, assistance, deletion or return, audit)?', weight: 3, na: true, help: 'Answer "not applicable" if you are not our processor (for example a joint or independent controller).', maps: [['NDG', 'NDG-10'], ['ISO27001-2022', '5.34'], ['NIST-CSF-2.0', 'GV.SC-05']], fix: 'Agree Article 28 processor terms with us.' }),
      q({ code: 'DAT-05', text: 'Is our data kept apart from other customers’ data, so that one customer cannot reach another’s?', weight: 3, na: true, maps: [['NCSC-CAF', 'B3.c'], ['ISO27001-2022', '8.22'], ['NIST-CSF-2.0', 'PR.DS-01']], fix: 'Separate customers’ data logically and test the separation.' }),
    ],
  },
];
