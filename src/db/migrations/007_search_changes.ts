// Search change feed: one row per paper whose searchable text, visibility or filterable facts (date,
// categories, code, upvotes, daily listing) changed, numbered in commit order by triggers, so every
// process's in-memory keyword index can pick up what another process wrote. Also a covering index
// for the current search model's header, which SQLite otherwise reads past multi-megabyte blobs to find.
export const name = 'search_changes';

const changed = (o: string, n: string, op: string) =>
  ['title', 'authors', 'abstract', 'hidden', 'published_at', 'categories', 'github_url', 'upvotes'].map((c) => `${o}.${c} ${op} ${n}.${c}`).join(' or ');

const note = (id: string) => `insert into search_changes (paper_id, seq) values (${id}, (select coalesce(max(seq), 0) + 1 from search_changes))
  on conflict (paper_id) do update set seq = excluded.seq;`;

export const sqlite = `
create table search_changes (
  paper_id text primary key,
  seq integer not null
);
create index search_changes_seq on search_changes (seq);

create trigger search_changes_insert after insert on papers begin ${note('new.id')} end;
create trigger search_changes_update after update on papers when ${changed('old', 'new', 'is not')} begin ${note('new.id')} end;
create trigger search_changes_delete after delete on papers begin ${note('old.id')} end;
create trigger search_changes_listed after insert on daily_entries begin ${note('new.paper_id')} end;
create trigger search_changes_unlisted after delete on daily_entries begin ${note('old.paper_id')} end;

create index search_models_header on search_models (status, id, kind, params, dims, papers, created_at);
`;

export const postgres = `
create table search_changes (
  paper_id text primary key,
  seq bigint not null
);
create index search_changes_seq on search_changes (seq);
create sequence search_changes_numbers;

create function search_changes_add(paper text) returns void language plpgsql as $$
begin
  -- Numbers must become visible in the order they are handed out, or a reader could step over a
  -- late commit: the site_version row every writer of papers and daily entries locks serialises them.
  perform 1 from site_version where id = 1 for update;
  insert into search_changes (paper_id, seq) values (paper, nextval('search_changes_numbers'))
  on conflict (paper_id) do update set seq = excluded.seq;
end $$;
create function search_changes_paper() returns trigger language plpgsql as $$
begin
  perform search_changes_add(case when tg_op = 'DELETE' then old.id else new.id end);
  return null;
end $$;
create function search_changes_daily() returns trigger language plpgsql as $$
begin
  perform search_changes_add(case when tg_op = 'DELETE' then old.paper_id else new.paper_id end);
  return null;
end $$;
create trigger search_changes_insert after insert or delete on papers for each row execute function search_changes_paper();
create trigger search_changes_update after update on papers for each row when (${changed('old', 'new', 'is distinct from')})
  execute function search_changes_paper();
create trigger search_changes_daily after insert or delete on daily_entries for each row execute function search_changes_daily();
`;
