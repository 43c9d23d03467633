// One number that changes whenever anything a list shows changes (papers, daily entries), kept by
// triggers so no writer can forget it. Page caches compare against it.
export const name = 'site_version';

const tables = ['papers', 'daily_entries'];

export const sqlite = `
create table site_version (id integer primary key check (id = 1), version integer not null);
insert into site_version (id, version) values (1, 0);
${tables
  .flatMap((t) =>
    ['insert', 'update', 'delete'].map(
      (op) => `create trigger ${t}_${op}_site_version after ${op} on ${t} begin update site_version set version = version + 1; end;`,
    ),
  )
  .join('\n')}
`;

export const postgres = `
create table site_version (id integer primary key check (id = 1), version bigint not null);
insert into site_version (id, version) values (1, 0);
create function bump_site_version() returns trigger language plpgsql as $$
begin
  update site_version set version = version + 1;
  return null;
end $$;
${tables.map((t) => `create trigger ${t}_site_version after insert or update or delete on ${t} for each statement execute function bump_site_version();`).join('\n')}
`;
