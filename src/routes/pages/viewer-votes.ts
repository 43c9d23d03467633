// The vote state list and paper pages render their vote buttons with.
import type { Context } from 'hono';
import type { AppEnv } from '../../app.ts';
import type { Db } from '../../db/driver.ts';
import { votedBy } from '../../db/votes.ts';

/**
 * Which of these papers the viewer upvoted (one query for a whole list) and the form token.
 * Anonymous readers get neither, so the pages served to them hold nothing personal and can be cached.
 */
export async function viewerVotes(c: Context<AppEnv>, db: Db, papers: readonly { id: string }[]): Promise<{ csrf: string | undefined; voted: Set<string> }> {
  const viewer = c.get('viewer');
  if (!viewer) return { csrf: undefined, voted: new Set() };
  return { csrf: c.get('csrf'), voted: await votedBy(db, viewer.id, papers.map((p) => p.id)) };
}
