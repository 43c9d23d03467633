// `paperboy search QUERY [--json] [--limit N]`: the site's search from the terminal.
import { parseArgs } from 'node:util';
import { papersByIds } from '../db/search.ts';
import { presentSearchItem } from '../routes/api/search.ts';
import { searchEngine } from '../search/engine.ts';
import { EmbeddingModelError } from '../search/onnx.ts';
import { filtersOf, searchParams } from '../search/request.ts';
import { latexToText } from '../views/latex.ts';
import { authorLine, shortDate } from '../text.ts';
import { CliError, openCheckedDatabase, type Command } from './context.ts';

export const searchCommand: Command = {
  summary: 'search papers as the site does',
  usage: 'search QUERY [--json] [--limit N] [--sort relevance|newest|upvotes] [--from DAY] [--to DAY] [--category C] [--has-code] [--min-upvotes N]',
  async run(args, config) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false }, limit: { type: 'string', default: '10' }, sort: { type: 'string' },
        from: { type: 'string' }, to: { type: 'string' }, category: { type: 'string' }, 'has-code': { type: 'boolean' }, 'min-upvotes': { type: 'string' },
      },
    });
    const parsed = searchParams.safeParse({
      q: positionals.join(' '), limit: values.limit, sort: values.sort, from: values.from, to: values.to, category: values.category,
      has_code: values['has-code'] ? '1' : undefined, min_upvotes: values['min-upvotes'],
    });
    if (!parsed.success) {
      // The site's messages name its URL parameters (limit, min_upvotes): here they name the options.
      const issue = parsed.error.issues[0]!;
      const key = String(issue.path[0]);
      const message = key === 'q' ? issue.message.replace(/^q /, 'the query ') : issue.message.replace(new RegExp(`^${key}\\b`), `--${key.replace('_', '-')}`).replace(/ after to:/, ' after --to:');
      throw new CliError(`search: ${message}`, 2);
    }
    const params = parsed.data;
    const db = await openCheckedDatabase(config);
    try {
      // The site's ranking is its in-memory keyword index: build it here too, so the results are the same.
      const engine = searchEngine(db);
      await engine.ready();
      // A model that cannot load ranks by keywords and says so on stderr; one that fails while embedding the query stops here.
      const { hits } = await engine.search(params.q, { filters: filtersOf(params), sort: params.sort, limit: params.limit }).catch((e: unknown) => {
        throw e instanceof EmbeddingModelError ? new CliError(e.message) : e;
      });
      const papers = await papersByIds(db, hits.map((h) => h.paperId));
      if (values.json) {
        process.stdout.write(JSON.stringify(papers.map((p) => presentSearchItem(p, config.baseUrl)), null, 2) + '\n');
        return;
      }
      if (!papers.length) {
        process.stdout.write(`no papers match "${params.q}"\n`);
        return 1;
      }
      papers.forEach((p, i) => {
        const when = p.publishedAt ? `, ${shortDate(p.publishedAt)}` : '';
        process.stdout.write(`${String(i + 1).padStart(2)}. ${latexToText(p.title)}\n    arXiv:${p.id}${when} · ▲ ${p.upvotes} · ${authorLine(p.authors.map((a) => a.name))}\n    ${config.baseUrl}/papers/${p.id}\n`);
      });
    } finally {
      await db.close();
    }
  },
};
