import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A folder of the repository's `templates/` (portal, emails, reports), found upwards from this file, source or compiled. */
export function templatesDir(name: 'portal' | 'emails' | 'reports' | 'console'): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'templates', name))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`templates/${name} not found above the application`);
    dir = parent;
  }
  return join(dir, 'templates', name);
}
