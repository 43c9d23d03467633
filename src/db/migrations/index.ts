// The numbered, append-only list of schema migrations. Never edit a released one: add the next.
import * as core from './001_core.ts';
import * as accounts from './002_accounts.ts';
import * as search from './003_search.ts';
import * as mail from './004_mail.ts';
import * as community from './005_community.ts';
import * as siteVersion from './006_site_version.ts';
import * as searchChanges from './007_search_changes.ts';
import * as dailyItem from './008_daily_item.ts';
import * as hfPaperExtras from './009_hf_paper_extras.ts';

export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const migrations: Migration[] = [
  { version: 1, ...core },
  { version: 2, ...accounts },
  { version: 3, ...search },
  { version: 4, ...mail },
  { version: 5, ...community },
  { version: 6, ...siteVersion },
  { version: 7, ...searchChanges },
  { version: 8, ...dailyItem },
  { version: 9, ...hfPaperExtras },
];
