// What Hugging Face's API says about a paper beyond arXiv, kept on import so ours gives it back:
// its organization and attached media (JSON), the GitHub stars and who linked the repository, and
// the model that wrote the AI summary. Null: no source said.
export const name = 'hf_paper_extras';

const columns = `
alter table papers add column organization text;
alter table papers add column media_urls text;
alter table papers add column github_stars integer;
alter table papers add column github_repo_added_by text;
alter table papers add column ai_summary_model text;
`;

export const sqlite = columns;
export const postgres = columns;
