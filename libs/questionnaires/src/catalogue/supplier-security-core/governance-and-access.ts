import { question as q } from '../build.js';

/** The full questionnaire, sections 1-3: governance and accountability, the asset inventory, identity and access. */
export const GOVERNANCE_AND_ACCESS = [
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
];
