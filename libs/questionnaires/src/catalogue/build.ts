import type { Framework, Question, QuestionType } from '../definition.js';

type Mapping = [Framework, string];
export interface Q {
  code: string;
  text: string;
  type?: QuestionType;
  weight?: number;
  critical?: boolean;
  required?: boolean;
  na?: boolean;
  evidence?: Question['evidence'];
  help?: string;
  options?: { value: string; label: string; score?: number }[];
  showIf?: Question['showIf'];
  maps: Mapping[];
  fix?: string;
}

/** Writes a catalogue question as the format spec has it (defaults left out). */
export function question(q: Q) {
  const type = q.type ?? 'yes_no_partial';
  return {
    code: q.code,
    text: q.text,
    ...(q.help ? { help: q.help } : {}),
    type,
    ...(q.options ? { options: q.options } : {}),
    ...(q.weight !== undefined ? { weight: q.weight } : {}),
    ...(q.critical ? { critical: true } : {}),
    ...(q.required === false ? { required: false } : {}),
    ...(q.na ? { allowNotApplicable: true } : {}),
    ...(q.evidence ? { evidence: q.evidence } : {}),
    ...(q.showIf ? { showIf: q.showIf } : {}),
    mappings: q.maps.map(([framework, ref]) => ({ framework, ref })),
    ...(q.fix ? { recommendation: q.fix } : {}),
  };
}

export const CERT_STATUS = [
  { value: 'exceeded', label: 'Standards exceeded', score: 1 },
  { value: 'met', label: 'Standards met', score: 1 },
  { value: 'approaching', label: 'Approaching standards (with an improvement plan)', score: 0.5 },
  { value: 'not_met', label: 'Standards not met', score: 0 },
  { value: 'not_published', label: 'Not published', score: 0 },
];
