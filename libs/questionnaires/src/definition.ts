/** A questionnaire definition (docs/questionnaire-format.md). */
export const QUESTION_TYPES = [
  'yes_no',
  'yes_no_partial',
  'single_choice',
  'multi_choice',
  'text',
  'number',
  'date',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const SCORED_TYPES: readonly QuestionType[] = ['yes_no', 'yes_no_partial', 'single_choice'];
export const EVIDENCE_LEVELS = ['none', 'optional', 'required'] as const;
/**
 * What a questionnaire is for (questionnaire-format.md): `security` (the default) is scored and sets
 * the supplier's band; `incident` (the 72-hour follow-up) collects facts for the incident, never scored.
 */
export const QUESTIONNAIRE_PURPOSES = ['security', 'incident'] as const;
export type QuestionnairePurpose = (typeof QUESTIONNAIRE_PURPOSES)[number];

/** Frameworks whose public control identifiers questions may cite. */
export const FRAMEWORKS = {
  'NCSC-CAF': 'NCSC Cyber Assessment Framework (and the CAF-aligned DSPT, objective E included)',
  'NDG': 'National Data Guardian data security standards (NDG-1 ... NDG-10)',
  'CYBER-ESSENTIALS': 'Cyber Essentials control themes',
  'NCSC-SUPPLY-CHAIN': 'NCSC supply chain security principles (SC-1 ... SC-12)',
  'ISO27001-2022': 'ISO/IEC 27001:2022 Annex A controls',
  'NIST-CSF-2.0': 'NIST Cybersecurity Framework 2.0 subcategories',
  'DTAC': 'Digital Technology Assessment Criteria sections (C1-C4)',
} as const;
export type Framework = keyof typeof FRAMEWORKS;

export interface ChoiceOption {
  value: string;
  label: string;
  score?: number;
}

export interface Question {
  code: string;
  text: string;
  help?: string;
  type: QuestionType;
  options?: ChoiceOption[];
  weight: number;
  critical: boolean;
  required: boolean;
  allowNotApplicable: boolean;
  evidence: (typeof EVIDENCE_LEVELS)[number];
  showIf?: { question: string; equals?: string } | { question: string; in: string[] };
  mappings: { framework: Framework; ref: string }[];
  recommendation?: string;
}

export interface Section {
  key: string;
  title: string;
  description?: string;
  questions: Question[];
}

export interface QuestionnaireDefinition {
  key: string;
  version: number;
  title: string;
  /** Absent means `security` (kept absent so that definitions published before it keep their checksum). */
  purpose?: QuestionnairePurpose;
  description?: string;
  sections: Section[];
}
