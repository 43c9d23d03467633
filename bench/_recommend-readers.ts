// The stand-in readers of bench/recommend.ts. The Hugging Face Daily Papers history has no per-user
// votes, so each prolific author stands for a reader: their oldest 70 % of papers are the upvotes
// (stored as vote rows), and what they put on the lists next is what a recommender should find —
// among the papers of the following week, and of its first day. A day after that week without any of
// their papers stands for a day with nothing for them. Authors are split by a hash of their name into
// "dev" readers (settings are chosen on them) and "eval" readers (only reported).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listPapers } from '../src/db/daily.ts';
import { openDatabase, type Db } from '../src/db/driver.ts';
import { migrate } from '../src/db/schema.ts';
import { insertUser, userByName } from '../src/db/users.ts';
import { addVote } from '../src/db/votes.ts';
import { addDays } from '../src/domain/dates.ts';
import type { ListedPaper } from '../src/domain/paper.ts';
import { importFile } from '../src/ingest/importer.ts';
import { searchEngine } from '../src/search/engine.ts';
import { updateIndex } from '../src/search/maintenance.ts';
import { DATA, scratchDir } from './_support.ts';

/** An author counts as a reader from this many listed papers; 70% of them (oldest first) are the upvotes. */
const MIN_PAPERS = 8;
const PROFILE_SHARE = 0.7;

export interface Window { targets: Set<string>; candidates: ListedPaper[] }
export interface Reader {
  userId: number;
  dev: boolean;
  week: Window;
  day: Window;
  /** A list day after the week with none of their papers (nearest to two weeks after it starts); null when the history ends first. */
  other: Window | null;
}

/** The imported, indexed history (PAPERBOY_BENCH_DB=FILE keeps it between runs) and its readers. */
export async function benchReaders() {
  const scratch = scratchDir();
  const file = process.env.PAPERBOY_BENCH_DB ?? join(scratch.path, 'recommend.db');
  const existed = existsSync(file);
  const db: Db = await openDatabase(file);
  await migrate(db);
  if (!existed) {
    await importFile(db, join(DATA, 'hf-daily-papers.jsonl.gz'), { format: 'paperboy' });
    await updateIndex(db, searchEngine(db).semantic);
  }
  const papers = await listPapers(db, { order: 'upvotes', limit: 1_000_000 });
  const byDay = new Map<string, ListedPaper[]>();
  for (const p of papers) byDay.get(p.daily.day)?.push(p) ?? byDay.set(p.daily.day, [p]);
  const days = [...byDay.keys()].sort();
  const byAuthor = new Map<string, ListedPaper[]>();
  for (const p of papers) for (const a of p.authors) byAuthor.get(a.name)?.push(p) ?? byAuthor.set(a.name, [p]);
  const readers: Reader[] = [];
  let n = 0;
  for (const [name, own] of [...byAuthor].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (own.length < MIN_PAPERS) continue;
    own.sort((a, b) => a.daily.day.localeCompare(b.daily.day) || a.id.localeCompare(b.id));
    const start = own[Math.floor(own.length * PROFILE_SHARE)]!.daily.day;
    const end = addDays(start, 6);
    const profile = own.filter((p) => p.daily.day < start);
    if (profile.length < 3) continue;
    // Votes as rows only (not through setUpvote), so the papers' upvote counts stay as imported.
    const username = `reader${n}`;
    let userId = (await userByName(db, username))?.id;
    if (userId === undefined) {
      userId = (await insertUser(db, { username, email: `${username}@example.org`, passwordHash: null }, new Date().toISOString())).id;
      for (const p of profile) await addVote(db, userId, p.id, `${p.daily.day}T12:00:00.000Z`);
    }
    n++;
    let hash = 0;
    for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    const ownDays = new Set(own.map((p) => p.daily.day));
    const goal = Date.parse(addDays(start, 14));
    const other = days.filter((d) => d > end && !ownDays.has(d)).sort((a, b) => Math.abs(Date.parse(a) - goal) - Math.abs(Date.parse(b) - goal))[0];
    readers.push({
      userId,
      dev: hash % 2 === 0,
      week: { targets: new Set(own.filter((p) => p.daily.day >= start && p.daily.day <= end).map((p) => p.id)), candidates: papers.filter((p) => p.daily.day >= start && p.daily.day <= end) },
      day: { targets: new Set(own.filter((p) => p.daily.day === start).map((p) => p.id)), candidates: byDay.get(start)! },
      other: other ? { targets: new Set(), candidates: byDay.get(other)! } : null,
    });
  }
  return { db, file, papers, readers, done: () => (process.env.PAPERBOY_BENCH_DB ? undefined : scratch.remove()) };
}
