import { can, type Action, type Role } from '@app/identity';

/** One page in the console's navigation, with the roles that may open it. */
interface NavPage {
  href: string;
  label: string;
  /** What the user must be allowed to do to see it (`can(user, action)`); none: every signed-in user. */
  action?: Action;
  /** Other paths that belong to this page (a supplier page belongs to "Suppliers"). */
  matches?: RegExp;
}

interface NavGroup {
  key: string;
  label: string;
  pages: NavPage[];
}

/**
 * The console's pages in five groups. The header shows the groups; the group of the page open
 * shows its pages below the header. Everything is a plain link: it works without JavaScript and
 * wraps on a phone instead of overflowing.
 */
export const NAVIGATION: NavGroup[] = [
  {
    key: 'register',
    label: 'Register',
    pages: [
      { href: '/console/suppliers', label: 'Suppliers', matches: /^\/console\/(suppliers(?!\/import)|links)(\/|\?|$)/ },
      { href: '/console/suppliers/new', label: 'Add a supplier', action: 'register.write' },
      { href: '/console/suppliers/import', label: 'Import suppliers (CSV)', action: 'register.write' },
      { href: '/console/ledger', label: 'Data-sharing ledger' },
      { href: '/console/assets', label: 'Data assets' },
    ],
  },
  {
    key: 'assessments',
    label: 'Assessments',
    pages: [
      {
        href: '/console/campaigns/new',
        label: 'Send questionnaires',
        action: 'assessment.send',
        matches: /^\/console\/campaigns/,
      },
      { href: '/console/notifications', label: 'Emails sent', action: 'finding.read' },
    ],
  },
  {
    key: 'risk',
    label: 'Risk',
    pages: [
      { href: '/console/findings', label: 'Findings', action: 'finding.read' },
      { href: '/console/countermeasures', label: 'What to fix first', action: 'finding.read' },
      { href: '/console/incidents', label: 'Incidents', action: 'finding.read' },
    ],
  },
  {
    key: 'governance',
    label: 'Governance',
    pages: [
      { href: '/console/decisions', label: 'Risk decisions', action: 'risk.decide' },
      { href: '/console/report', label: 'Committee pack', action: 'report.read' },
      { href: '/console/audit', label: 'Audit trail', action: 'audit.read' },
    ],
  },
  {
    key: 'admin',
    label: 'Admin',
    pages: [
      { href: '/console/admin/users', label: 'Users', action: 'user.manage' },
      { href: '/console/admin/queues', label: 'Queue dashboard', action: 'user.manage' },
      { href: '/console/admin/emails', label: 'Email templates', action: 'user.manage' },
    ],
  },
];

const pathOf = (url: string) => url.split('#')[0];

function isCurrent(page: NavPage, url: string): boolean {
  const path = pathOf(url).split('?')[0];
  if (page.matches) return page.matches.test(pathOf(url));
  return path === page.href || path.startsWith(`${page.href}/`);
}

/** The navigation as this role sees it on this page: groups it may open, the current one's pages. */
export function navigationOf(role: Role | null, url: string) {
  if (!role) return { shown: false, dashboard: { href: '/console', current: false }, groups: [], section: null };
  const groups = NAVIGATION.map((g) => ({
    ...g,
    pages: g.pages.filter((p) => !p.action || can({ role }, p.action)),
  })).filter((g) => g.pages.length > 0);
  // The most specific page wins ("Add a supplier" over "Suppliers").
  const currentPage = groups
    .flatMap((g) => g.pages.map((p) => ({ g, p })))
    .filter(({ p }) => isCurrent(p, url))
    .sort((a, b) => b.p.href.length - a.p.href.length)[0];
  const path = pathOf(url).split('?')[0];
  return {
    shown: true,
    dashboard: { href: '/console', current: path === '/console' || path === '/console/' },
    groups: groups.map((g) => ({
      key: g.key,
      label: g.label,
      href: g.pages[0].href,
      current: currentPage?.g.key === g.key,
    })),
    section: currentPage
      ? {
          label: currentPage.g.label,
          pages: currentPage.g.pages.map((p) => ({ href: p.href, label: p.label, current: p === currentPage.p })),
        }
      : null,
  };
}
