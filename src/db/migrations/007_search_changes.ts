// Search change feed: one row per paper whose searchable text or visibility changed, numbered in
// commit order by triggers, so every process's in-memory keyword index can pick up what another
// process imported, edited, hid or deleted. Also a covering index for the current search model's
// header, which SQLite otherwise reads past the model's multi-megabyte blobs to find.
export const name = 'search_changes';

export const sqlite = `
create table search_changes (
  paper_id text primary key,
  seq integer not null
);
create index search_changes_seq on search_changes (seq);

create trigger search_changes_insert after insert on papers begin
  insert into search_changes (paper_id, seq) values (new.id, (select coalesce(max(seq), 0) + 1 from search_changes))
  on conflict (paper_id) do update set seq = excluded.seq;
end;
create trigger search_changes_update after update of title, authors, abstract, hidden on papers
when old.title is not new.title or old.authors is not new.authors or old.abstract is not new.abstract or old.hidden is not new.hidden begin
  insert into search_changes (paper_id, seq) values (new.id, (select coalesce(max(seq), 0) + 1 from search_changes))
  on conflict (paper_id) do update set seq = excluded.seq;
end;
create trigger search_changes_delete after delete on papers begin
  insert into search_changes (paper_id, seq) values (old.id, (select coalesce(max(seq), 0) + 1 from search_changes))
  on conflict (paper_id) do update set seq = excluded.seq;
end;

create index search_models_header on search_models (status, id, kind, params, dims, papers, created_at);
`;

export const postgres = `
create table search_changes (
  paper_id text primary key,
  seq bigint not null
);
create index search_changes_seq on search_changes (seq);
create sequence search_changes_numbers;

create function search_changes_note() returns trigger language plpgsql as $$
begin
  -- Numbers must become visible in the order they are handed out, or a reader could step over a
  -- late commit: the site_version row every writer of papers locks anyway serialises them.
  perform 1 from site_version where id = 1 for update;
  insert into search_changes (paper_id, seq)
  values (case when tg_op = 'DELETE' then old.id else new.id end, nextval('search_changes_numbers'))
  on conflict (paper_id) do update set seq = excluded.seq;
  return null;
end $$;
create trigger search_changes_insert after insert or delete on papers for each row execute function search_changes_note();
create trigger search_changes_update after update of title, authors, abstract, hidden on papers for each row
  when (old.title is distinct from new.title or old.authors is distinct from new.authors
    or old.abstract is distinct from new.abstract or old.hidden is distinct from new.hidden)
  execute function search_changes_note();
`;
