// What a Hugging Face daily item says beside its paper, kept so the API gives it back as imported:
// the item's own `publishedAt` and `isAuthorParticipating` (null: the source did not say).
export const name = 'daily_item';

const columns = `
alter table daily_entries add column item_published_at text;
alter table daily_entries add column author_participating integer;
`;

export const sqlite = columns;
export const postgres = columns;
