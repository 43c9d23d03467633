// The site_version counter (bumped by triggers on papers and daily_entries).
import type { Db } from './driver.ts';

export async function siteVersion(db: Db): Promise<number> {
  const row = await db.get<{ version: number }>('select version from site_version where id = 1');
  return Number(row?.version ?? 0);
}
