import { CERT_STATUS, question as q } from './build.js';

/**
 * The full supplier questionnaire for Tier 1 and Tier 2 suppliers. Written for this project; each
 * scored question cites public control identifiers only, from the pinned lists in frameworks.ts.
 * Version 2 (issue 16): misapplied mappings corrected, double-barrelled questions split, and the
 * topics a trust asks added (data location, infrastructure testing, NHS England cyber alerts, MFA
 * for all email and cloud users, secure email, devices, unsupported software and DSPT as knock-outs,
 * exit, processor terms, secondary use and AI training).
 */
export const SUPPLIER_SECURITY_CORE = {
  key: 'supplier-security-core',
  version: 2,
  title: 'Supplier security questionnaire (full)',
  description: 'For Tier 1 and Tier 2 suppliers: those that hold large volumes of our patient data or run services we cannot do without.',
  sections: [
    {
      key: 'governance',
      title: 'Governance and accountability',
      questions: [
        q({ code: 'GOV-01', text: 'Is a named board-level person accountable for information security and data protection in your organisation?', weight: 3, maps: [['NCSC-CAF', 'A1.a'], ['ISO27001-2022', '5.2'], ['NIST-CSF-2.0', 'GV.RR-01']], fix: 'Name a board-level owner for security and data protection and record it in your governance documents.' }),
        q({ code: 'GOV-02', text: 'Do you keep written information security policies?', weight: 2, evidence: 'optional', maps: [['NCSC-CAF', 'B1.a'], ['ISO27001-2022', '5.1'], ['NIST-CSF-2.0', 'GV.PO-01']], fix: 'Write information security policies that cover the service you provide to us.' }),
        q({ code: 'GOV-05', text: 'Were those policies reviewed and approved by your management in the last 12 months?', weight: 1, showIf: { question: 'GOV-02', in: ['yes', 'partial'] }, maps: [['NCSC-CAF', 'B1.a'], ['ISO27001-2022', '5.1'], ['NIST-CSF-2.0', 'GV.PO-02']], fix: 'Review and approve your security policies at least yearly.' }),
        q({ code: 'GOV-03', text: 'Do you run a security risk assessment at least yearly?', weight: 2, maps: [['NCSC-CAF', 'A2.a'], ['NIST-CSF-2.0', 'ID.RA-05']], fix: 'Run a security risk assessment at least yearly.' }),
        q({ code: 'GOV-06', text: 'Do you track the actions from that risk assessment to completion, with owners and dates?', weight: 1, showIf: { question: 'GOV-03', in: ['yes', 'partial'] }, maps: [['NCSC-CAF', 'A2.a'], ['NIST-CSF-2.0', 'ID.RA-06']], fix: 'Keep an action log from the risk assessment with owners and dates.' }),
        q({ code: 'GOV-04', text: 'Has an independent party (internal audit or an external tester) reviewed your security controls in the last 12 months?', weight: 2, maps: [['NCSC-CAF', 'A2.b'], ['ISO27001-2022', '5.35'], ['NIST-CSF-2.0', 'ID.IM-02']], fix: 'Commission an independent review or penetration test at least yearly.' }),
      ],
    },
    {
      key: 'assets',
      title: 'Asset inventory',
      questions: [
        q({ code: 'AST-01', text: 'Do you keep an up-to-date inventory of the devices, servers and cloud services that store or process our data?', weight: 3, maps: [['NCSC-CAF', 'A3.a'], ['ISO27001-2022', '5.9'], ['NIST-CSF-2.0', 'ID.AM-01']], fix: 'Build and maintain an inventory of every system that touches our data.' }),
        q({ code: 'AST-02', text: 'Can you detect devices on your network that are not in your inventory (for example old servers, medical or building devices)?', weight: 3, maps: [['NCSC-CAF', 'A3.a'], ['ISO27001-2022', '5.9'], ['NIST-CSF-2.0', 'ID.AM-01']], fix: 'Scan for and act on unknown devices, at least monthly.' }),
        q({ code: 'AST-03', text: 'Do you know and document where our data is stored and processed, including the countries?', weight: 3, maps: [['NCSC-CAF', 'B3.a'], ['ISO27001-2022', '5.34'], ['NIST-CSF-2.0', 'ID.AM-07']], fix: 'Map every location where our data is stored or processed and keep it current.' }),
        q({ code: 'AST-04', text: 'Is our data stored, processed and supported only in the UK (or a country with a UK adequacy decision), with any other location, including offshore support, agreed with us in writing?', weight: 4, maps: [['NCSC-CAF', 'B3.a'], ['ISO27001-2022', '5.34'], ['NIST-CSF-2.0', 'GV.OC-03']], fix: 'Keep our data and its support in the UK or an adequate country, or agree any other location with us in writing.' }),
      ],
    },
    {
      key: 'access',
      title: 'Identity and access',
      questions: [
        q({ code: 'ACC-01', text: 'Is multi-factor authentication enforced on every remote access route into systems that hold our data?', help: 'Include VPNs, remote desktop, cloud consoles and webmail.', weight: 5, critical: true, evidence: 'optional', maps: [['NCSC-CAF', 'B2.a'], ['CYBER-ESSENTIALS', 'user-access-control'], ['ISO27001-2022', '8.5'], ['NIST-CSF-2.0', 'PR.AA-03']], fix: 'Enforce MFA on all remote access within 30 days.' }),
        q({ code: 'ACC-02', text: 'Is access by your own suppliers and support partners (remote support tools, vendor accounts) protected by MFA?', weight: 5, critical: true, na: true, maps: [['NCSC-CAF', 'B2.a'], ['NCSC-SUPPLY-CHAIN', 'SC-7'], ['ISO27001-2022', '5.20'], ['NIST-CSF-2.0', 'PR.AA-03']], fix: 'Put MFA on every third-party remote access route.' }),
        q({ code: 'ACC-08', text: 'Is that third-party access switched on only when needed, and off otherwise?', weight: 3, na: true, maps: [['NCSC-CAF', 'B2.c'], ['ISO27001-2022', '5.20'], ['NIST-CSF-2.0', 'PR.AA-05']], fix: 'Approve third-party remote access per session, just in time.' }),
        q({ code: 'ACC-03', text: 'Are administrator accounts protected by MFA?', weight: 4, critical: true, maps: [['NCSC-CAF', 'B2.c'], ['CYBER-ESSENTIALS', 'user-access-control'], ['ISO27001-2022', '8.5'], ['NIST-CSF-2.0', 'PR.AA-03']], fix: 'Protect every administrator account with MFA.' }),
        q({ code: 'ACC-09', text: 'Are administrator accounts separate from the accounts administrators use for email and browsing?', weight: 3, maps: [['NCSC-CAF', 'B2.c'], ['CYBER-ESSENTIALS', 'user-access-control'], ['ISO27001-2022', '8.2'], ['NIST-CSF-2.0', 'PR.AA-05']], fix: 'Give administrators separate accounts for administration.' }),
        q({ code: 'ACC-07', text: 'Is multi-factor authentication enforced for every user of your email and cloud services, not only on remote access?', weight: 4, critical: true, evidence: 'optional', maps: [['NCSC-CAF', 'B2.a'], ['CYBER-ESSENTIALS', 'user-access-control'], ['ISO27001-2022', '8.5'], ['NIST-CSF-2.0', 'PR.AA-03']], fix: 'Enforce MFA for every email and cloud user.' }),
        q({
          code: 'ACC-04',
          text: 'How often are privileged accounts reviewed?',
          type: 'single_choice',
          weight: 2,
          options: [
            { value: 'monthly', label: 'Monthly or more often', score: 1 },
            { value: 'quarterly', label: 'Quarterly', score: 0.75 },
            { value: 'yearly', label: 'Yearly', score: 0.25 },
            { value: 'never', label: 'Not reviewed', score: 0 },
          ],
          maps: [['NCSC-CAF', 'B2.c'], ['ISO27001-2022', '5.18'], ['NIST-CSF-2.0', 'PR.AA-05']],
          fix: 'Review privileged accounts at least quarterly.',
        }),
        q({ code: 'ACC-05', text: 'Are accounts of leavers disabled within one working day?', weight: 3, maps: [['NCSC-CAF', 'B2.d'], ['NDG', 'NDG-4'], ['ISO27001-2022', '5.18'], ['NIST-CSF-2.0', 'PR.AA-01']], fix: 'Tie account removal to your leavers process so it happens within a day.' }),
        q({ code: 'ACC-06', text: 'Is access to our data limited to the staff who need it for the service?', weight: 3, maps: [['NCSC-CAF', 'B2.d'], ['NDG', 'NDG-4'], ['ISO27001-2022', '5.15'], ['NIST-CSF-2.0', 'PR.AA-05']], fix: 'Restrict access to our data to named roles.' }),
        q({ code: 'ACC-10', text: 'Is every access to our data logged against a named person?', weight: 2, maps: [['NCSC-CAF', 'C1.a'], ['NDG', 'NDG-4'], ['ISO27001-2022', '8.15'], ['NIST-CSF-2.0', 'PR.PS-04']], fix: 'Log who accesses our data, by named account.' }),
      ],
    },
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
    {
      key: 'resilience',
      title: 'Backups and recovery',
      questions: [
        q({ code: 'BAK-01', text: 'Do you keep backups that ransomware on your network could not reach or alter (offline or immutable)?', weight: 5, critical: true, evidence: 'optional', maps: [['NCSC-CAF', 'B5.c'], ['NDG', 'NDG-7'], ['ISO27001-2022', '8.13'], ['NIST-CSF-2.0', 'PR.DS-11']], fix: 'Keep an offline or immutable copy of backups and protect its credentials separately.' }),
        q({ code: 'BAK-02', text: 'Have you restored a full service from backup in a test in the last 12 months?', weight: 4, maps: [['NCSC-CAF', 'B5.c'], ['ISO27001-2022', '8.13'], ['NIST-CSF-2.0', 'RC.RP-03']], fix: 'Test a full restore at least yearly and record the time it took.' }),
        q({ code: 'BAK-03', text: 'How long would it take you to restore the service you provide to us after a ransomware attack?', type: 'single_choice', weight: 3, options: [
          { value: 'hours', label: 'Within 24 hours', score: 1 },
          { value: 'days', label: 'Within 3 days', score: 0.75 },
          { value: 'week', label: 'Within a week', score: 0.4 },
          { value: 'longer', label: 'Longer, or not known', score: 0 },
        ], maps: [['NCSC-CAF', 'B5.a'], ['ISO27001-2022', '5.30'], ['NIST-CSF-2.0', 'RC.RP-01']], fix: 'Set and test a recovery time that matches our clinical need.' }),
        q({ code: 'BAK-04', text: 'Do you have a business continuity plan for the service you provide to us, tested in the last 12 months?', weight: 3, maps: [['NCSC-CAF', 'B5.a'], ['NDG', 'NDG-7'], ['ISO27001-2022', '5.30']], fix: 'Write and exercise a continuity plan for our service.' }),
      ],
    },
    {
      key: 'monitoring',
      title: 'Logging and monitoring',
      questions: [
        q({ code: 'MON-01', text: 'Are security events on systems that hold our data monitored 24 hours a day, 7 days a week (in house or by a provider)?', weight: 4, maps: [['NCSC-CAF', 'C1.a'], ['ISO27001-2022', '8.16'], ['NIST-CSF-2.0', 'DE.CM-01']], fix: 'Put 24/7 security monitoring in place, in house or through a managed service.' }),
        q({ code: 'MON-02', text: 'Are security logs kept for at least 12 months?', weight: 2, maps: [['NCSC-CAF', 'C1.b'], ['ISO27001-2022', '8.15'], ['NIST-CSF-2.0', 'PR.PS-04']], fix: 'Keep security logs for at least 12 months.' }),
        q({ code: 'MON-04', text: 'Are those logs protected so that administrators cannot alter or delete them?', weight: 2, maps: [['NCSC-CAF', 'C1.b'], ['ISO27001-2022', '8.15'], ['NIST-CSF-2.0', 'PR.PS-04']], fix: 'Keep logs in a store that administrators cannot alter.' }),
        q({ code: 'MON-03', text: 'Do alerts of suspicious activity reach a person who can act on them within one hour?', weight: 3, maps: [['NCSC-CAF', 'C1.c'], ['ISO27001-2022', '8.16'], ['NIST-CSF-2.0', 'DE.AE-02']], fix: 'Route alerts to an on-call responder with a one-hour target.' }),
      ],
    },
    {
      key: 'incidents',
      title: 'Incident response and notification',
      questions: [
        q({ code: 'INC-01', text: 'Will you tell us within 24 hours of discovering an incident that affects our data or the service?', weight: 5, critical: true, maps: [['NCSC-CAF', 'D1.a'], ['NDG', 'NDG-6'], ['NCSC-SUPPLY-CHAIN', 'SC-9'], ['ISO27001-2022', '5.24'], ['NIST-CSF-2.0', 'RS.CO-02']], fix: 'Commit in the contract to notify us within 24 hours and name who will call.' }),
        q({ code: 'INC-02', text: 'Do you have an incident response plan that names roles, contacts and decisions?', weight: 2, evidence: 'optional', maps: [['NCSC-CAF', 'D1.a'], ['ISO27001-2022', '5.24'], ['NIST-CSF-2.0', 'RS.MA-01']], fix: 'Write an incident response plan with roles, contacts and decisions.' }),
        q({ code: 'INC-06', text: 'Have you exercised that plan in the last 12 months?', weight: 2, showIf: { question: 'INC-02', in: ['yes', 'partial'] }, maps: [['NCSC-CAF', 'D1.c'], ['ISO27001-2022', '5.24'], ['NIST-CSF-2.0', 'ID.IM-04']], fix: 'Run an incident exercise at least yearly.' }),
        q({ code: 'INC-03', text: 'After an incident, do you find its root cause?', weight: 1, maps: [['NCSC-CAF', 'D2.a'], ['ISO27001-2022', '5.27'], ['NIST-CSF-2.0', 'RS.AN-03']], fix: 'Run a root-cause review after every incident.' }),
        q({ code: 'INC-07', text: 'Do you share the lessons of an incident with the customers it affected?', weight: 1, maps: [['NCSC-CAF', 'D2.b'], ['NCSC-SUPPLY-CHAIN', 'SC-9'], ['ISO27001-2022', '5.27'], ['NIST-CSF-2.0', 'ID.IM-03']], fix: 'Share incident lessons with affected customers.' }),
        q({ code: 'INC-04', text: 'Have you had a security incident affecting customer data in the last 24 months?', type: 'yes_no', weight: 0, required: true, maps: [['NCSC-CAF', 'D2.b']] }),
        q({ code: 'INC-05', text: 'Describe the incident, what data it affected and what you changed afterwards.', type: 'text', showIf: { question: 'INC-04', equals: 'yes' }, maps: [['NCSC-CAF', 'D2.b']] }),
      ],
    },
    {
      key: 'people',
      title: 'Staff awareness',
      questions: [
        q({ code: 'PPL-01', text: 'Do all staff with access to our data complete security and data protection training every year?', weight: 3, maps: [['NCSC-CAF', 'B6.b'], ['NDG', 'NDG-3'], ['ISO27001-2022', '6.3'], ['NIST-CSF-2.0', 'PR.AT-01']], fix: 'Require yearly security and data protection training, and track completion.' }),
        q({ code: 'PPL-02', text: 'Do you run phishing exercises or similar tests of staff awareness at least yearly?', weight: 2, maps: [['NCSC-CAF', 'B6.a'], ['ISO27001-2022', '6.3'], ['NIST-CSF-2.0', 'PR.AT-01']], fix: 'Run awareness exercises and follow up with those who need support.' }),
        q({ code: 'PPL-03', text: 'Are staff with access to our data vetted before they start (identity, right to work, references)?', weight: 2, maps: [['ISO27001-2022', '6.1'], ['NIST-CSF-2.0', 'GV.RR-04']], fix: 'Vet staff before granting access to our data.' }),
      ],
    },
    {
      key: 'supply-chain',
      title: 'Subcontractors and fourth parties',
      questions: [
        q({ code: 'SUB-01', text: 'Do you keep a list of the subcontractors that store, process or can reach our data?', weight: 3, maps: [['NCSC-SUPPLY-CHAIN', 'SC-2'], ['NCSC-CAF', 'A4.a'], ['ISO27001-2022', '5.19'], ['NIST-CSF-2.0', 'GV.SC-04']], fix: 'List every subcontractor that can reach our data and share the list with us.' }),
        q({ code: 'SUB-02', text: 'Do your contracts with those subcontractors require security and breach-notification terms at least as strict as ours?', weight: 3, maps: [['NCSC-SUPPLY-CHAIN', 'SC-6'], ['NDG', 'NDG-10'], ['ISO27001-2022', '5.20'], ['NIST-CSF-2.0', 'GV.SC-05']], fix: 'Flow our security and notification terms down to subcontractors.' }),
        q({ code: 'SUB-03', text: 'Will you ask our agreement before a new subcontractor handles our data?', weight: 2, maps: [['NCSC-SUPPLY-CHAIN', 'SC-4'], ['ISO27001-2022', '5.21'], ['NIST-CSF-2.0', 'GV.SC-07']], fix: 'Seek our written agreement before adding a subcontractor.' }),
        q({ code: 'SUB-04', text: 'Do you assess the security of your critical subcontractors at least every two years?', weight: 2, maps: [['NCSC-SUPPLY-CHAIN', 'SC-10'], ['ISO27001-2022', '5.22'], ['NIST-CSF-2.0', 'GV.SC-07']], fix: 'Assess critical subcontractors at least every two years.' }),
      ],
    },
    {
      key: 'development',
      title: 'Secure development (where you supply software)',
      description: 'Answer "not applicable" if you do not supply or host software for us.',
      questions: [
        q({ code: 'DEV-01', text: 'Do you follow a secure development process (threat modelling, code review, security testing) for the software you supply?', weight: 3, na: true, maps: [['NCSC-CAF', 'B4.a'], ['ISO27001-2022', '8.25'], ['NIST-CSF-2.0', 'PR.PS-06'], ['DTAC', 'C3']], fix: 'Adopt a secure development lifecycle with review and testing gates.' }),
        q({ code: 'DEV-02', text: 'Is the software you supply penetration tested before major releases and at least yearly?', weight: 3, na: true, maps: [['NCSC-CAF', 'B4.d'], ['ISO27001-2022', '8.29'], ['DTAC', 'C3']], fix: 'Penetration test major releases and at least yearly.' }),
        q({ code: 'DEV-03', text: 'Do you track the third-party components in your software and patch vulnerable ones?', weight: 3, na: true, maps: [['NCSC-CAF', 'B4.d'], ['ISO27001-2022', '8.8'], ['NIST-CSF-2.0', 'ID.AM-02']], fix: 'Keep a software bill of materials and patch vulnerable components.' }),
        q({ code: 'DEV-04', text: 'Does the software meet the clinical safety standards DCB0129 where it is a health IT system?', weight: 2, na: true, maps: [['DTAC', 'C1']], fix: 'Complete DCB0129 clinical safety work and share the safety case.' }),
        q({ code: 'DEV-05', text: 'Where you supply medical devices or connected (IoT) equipment, will they receive security updates for as long as we use them under the contract?', weight: 3, na: true, help: 'Answer "not applicable" if you supply no devices.', maps: [['NCSC-CAF', 'B4.d'], ['NDG', 'NDG-8'], ['ISO27001-2022', '8.8'], ['NIST-CSF-2.0', 'ID.AM-08']], fix: 'Commit to security updates for supplied devices for the life of the contract, or a replacement plan.' }),
        q({ code: 'DEV-06', text: 'Do you give us each supplied device’s security information (for example an MDS2 form) and a way to isolate it on our network?', weight: 2, na: true, maps: [['NCSC-CAF', 'A3.a'], ['ISO27001-2022', '5.9'], ['NIST-CSF-2.0', 'ID.AM-08']], fix: 'Provide device security disclosures and isolation guidance.' }),
      ],
    },
    {
      key: 'exit',
      title: 'End of the contract',
      questions: [
        q({ code: 'EXT-01', text: 'At the end of the contract, will you return our data to us in an agreed, usable format?', weight: 3, maps: [['NCSC-SUPPLY-CHAIN', 'SC-6'], ['ISO27001-2022', '5.20'], ['NIST-CSF-2.0', 'GV.SC-10']], fix: 'Agree an exit plan: the format and timetable for returning our data.' }),
        q({ code: 'EXT-02', text: 'After returning it, will you destroy every copy (backups included) and confirm it in writing?', weight: 3, maps: [['NCSC-CAF', 'B3.e'], ['ISO27001-2022', '8.10'], ['NIST-CSF-2.0', 'GV.SC-10']], fix: 'Destroy every copy at exit, backups included, and certify it.' }),
      ],
    },
    {
      key: 'certifications',
      title: 'Certifications',
      description: 'What an independent assessor has confirmed. A certificate is evidence of assurance (NCSC supply chain principle 10), not a control in itself.',
      questions: [
        q({ code: 'CER-01', text: 'What is your latest Data Security and Protection Toolkit (DSPT) status?', type: 'single_choice', weight: 3, critical: true, na: true, help: 'Answer "not applicable" only if none of our patient data flows to you.', options: CERT_STATUS, maps: [['NCSC-SUPPLY-CHAIN', 'SC-5'], ['NCSC-SUPPLY-CHAIN', 'SC-10']], fix: 'Publish a DSPT assessment at Standards Met or better: it is required where patient data flows.' }),
        q({ code: 'CER-02', text: 'On what date was that DSPT assessment published?', type: 'date', showIf: { question: 'CER-01', in: ['exceeded', 'met', 'approaching', 'not_met'] }, maps: [['NCSC-SUPPLY-CHAIN', 'SC-10']] }),
        q({ code: 'CER-03', text: 'Which Cyber Essentials certification do you hold for the scope that covers our service?', type: 'single_choice', weight: 3, options: [
          { value: 'plus', label: 'Cyber Essentials Plus', score: 1 },
          { value: 'basic', label: 'Cyber Essentials', score: 0.6 },
          { value: 'none', label: 'None', score: 0 },
        ], maps: [['NCSC-SUPPLY-CHAIN', 'SC-5'], ['NCSC-SUPPLY-CHAIN', 'SC-10']], fix: 'Certify to Cyber Essentials Plus for the scope of our service.' }),
        q({ code: 'CER-04', text: 'When does that certificate expire?', type: 'date', showIf: { question: 'CER-03', in: ['plus', 'basic'] }, evidence: 'optional', maps: [['NCSC-SUPPLY-CHAIN', 'SC-10']] }),
        q({ code: 'CER-05', text: 'Is the service you provide to us within the scope of an ISO/IEC 27001 certification?', weight: 2, evidence: 'optional', maps: [['NCSC-SUPPLY-CHAIN', 'SC-10']], fix: 'Bring our service within the scope of an ISO/IEC 27001 certification.' }),
      ],
    },
  ],
};
