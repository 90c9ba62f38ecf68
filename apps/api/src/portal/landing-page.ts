import type { Landing } from '@app/assessments';
import { longDate, longDateTime } from './plain-words.js';

export interface Organisation {
  name: string;
  contactEmail: string;
}

/**
 * The landing page for each state a link can be in: what it is, who asks, and what the supplier can
 * do now. Only where something can be done is there a button (Start, Continue, View your answers).
 */
export function landingPage(landing: Landing, token: string, org: Organisation) {
  const due = landing.dueDate ? longDate(landing.dueDate) : '';
  const base = {
    token,
    org,
    state: landing.state,
    title: landing.questionnaire?.title ?? 'Supplier assurance',
    supplier: landing.supplier?.name ?? '',
    recipient: landing.recipient?.name ?? '',
    questionCount: landing.questionnaire?.questionCount ?? 0,
    dueDate: due,
    reference: landing.reference ?? '',
    submittedAt: landing.submittedAt ? longDateTime(landing.submittedAt) : '',
    details: landing.state !== 'invalid',
    dueAgain: landing.state === 'returned',
    overdue: landing.state === 'overdue',
  };
  const pick = {
    open: landing.started
      ? {
          heading: base.title,
          status: 200,
          tag: null,
          button: 'Continue',
          lead: true,
          callout: null,
          message:
            'Your saved answers are kept. You can carry on where you left off, and come back with this same link until you submit.',
        }
      : {
          heading: base.title,
          status: 200,
          tag: null,
          button: 'Start now',
          lead: true,
          callout: null,
          message: 'You can save your answers and come back to them with this same link until you submit.',
        },
    overdue: {
      heading: base.title,
      status: 200,
      tag: { text: 'Overdue', colour: 'red' },
      button: 'Continue',
      lead: true,
      callout: {
        label: 'This questionnaire is overdue',
        text: `It was due on ${due}. You can still answer it: please submit it as soon as you can.`,
      },
      message: 'Your saved answers are kept. You can save and come back with this same link.',
    },
    returned: {
      heading: base.title,
      status: 200,
      tag: { text: 'Clarification asked', colour: 'yellow' },
      button: 'See what was asked',
      lead: false,
      callout: {
        label: 'Clarification asked',
        text: `${org.name} has read your answers and asked for clarification on some of them. Change the answers asked about, then submit again by ${due}.`,
      },
      message: 'Your other answers are kept as you submitted them.',
    },
    submitted: {
      heading: 'You have submitted this questionnaire',
      status: 200,
      tag: { text: 'Submitted', colour: 'green' },
      button: landing.linkWorks ? 'View a copy of your answers' : null,
      lead: false,
      callout: null,
      message: `${org.name} is reviewing your answers and will contact you if anything needs clarifying. You do not need to do anything else.`,
    },
    completed: {
      heading: 'This questionnaire is complete',
      status: 200,
      tag: { text: 'Complete', colour: 'green' },
      button: landing.linkWorks ? 'View a copy of your answers' : null,
      lead: false,
      callout: null,
      message: `${org.name} has finished reviewing your answers. You do not need to do anything else.`,
    },
    cancelled: {
      heading: 'This questionnaire has been withdrawn',
      status: 410,
      tag: null,
      button: null,
      lead: false,
      callout: null,
      message: `${org.name} no longer needs answers to this questionnaire. You do not need to do anything.`,
    },
    expired: {
      heading: 'This link has expired',
      status: 410,
      tag: null,
      button: null,
      lead: false,
      callout: null,
      message: `The time to answer with this link has passed. If you still need to answer, ask ${org.name} for a new link.`,
    },
    replaced: {
      heading: 'This link has been replaced',
      status: 410,
      tag: null,
      button: null,
      lead: false,
      callout: null,
      message: 'A newer link to this questionnaire was sent by email. Use the link in the most recent email.',
    },
    reassigned: {
      heading: 'This questionnaire has been passed to someone else',
      status: 410,
      tag: null,
      button: null,
      lead: false,
      callout: null,
      message: `${org.name} has asked another person at ${base.supplier} to answer it, and sent them a link of their own. You do not need to do anything. If you should still be the one to answer, email ${org.name}.`,
    },
    invalid: {
      heading: 'This link is not valid',
      status: 404,
      tag: null,
      button: null,
      lead: false,
      callout: null,
      message:
        'Check that you copied the whole link from the email. Links are long: some email programs split them over two lines.',
    },
  }[landing.state];
  return { ...base, ...pick };
}
