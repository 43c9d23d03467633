// `paperboy harvest --from DATE [--until DATE] [--set cs]`: incremental arXiv OAI-PMH harvest.
import { parseArgs } from 'node:util';
import { harvest, HarvestError, type HarvestResult } from '../arxiv/harvest.ts';
import { parseDay } from '../domain/dates.ts';
import { CliError, isInteractive, openCheckedDatabase, type Command } from './context.ts';

function summary(r: HarvestResult, seconds: number): string {
  return `harvested ${r.records} records in ${r.pages} page${r.pages === 1 ? '' : 's'}: ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.deleted} deleted upstream (skipped), in ${seconds.toFixed(1)} s\n`;
}

function day(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const d = parseDay(value);
  if (!d) throw new CliError(`harvest: ${flag} "${value}" is not a calendar date (YYYY-MM-DD)`, 2);
  return d;
}

/**
 * The resumption tokens arXiv gives: `7200005|1001` (its former OAI service), or a percent-encoded
 * query whose `skip` is the position in the list (oaipmh.arxiv.org). arXiv refuses anything else.
 */
function resumeToken(value: string | undefined): string | undefined {
  if (value === undefined || /^\d+\|\d+$/.test(value)) return value;
  let query: URLSearchParams | null = null;
  try {
    query = new URLSearchParams(decodeURIComponent(value));
  } catch {
    // a stray % is no encoded query either
  }
  if (query && /^\d+$/.test(query.get('skip') ?? '')) return value;
  throw new CliError(
    `harvest: --resume ${JSON.stringify(value)} is not an arXiv resumption token (those look like 7200005|1001 or …skip%3D1000): pass the one a stopped harvest printed, or start again with --from YYYY-MM-DD`,
    2,
  );
}

export const harvestCommand: Command = {
  summary: 'incremental arXiv OAI-PMH harvest of the records changed in a date range; --resume continues one that stopped, with the token it printed',
  usage: 'harvest (--from DATE | --resume TOKEN) [--until DATE] [--set cs] [--metadata arXivRaw|arXiv]',
  async run(args, config) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: { from: { type: 'string' }, until: { type: 'string' }, set: { type: 'string' }, metadata: { type: 'string' }, resume: { type: 'string' } },
      }));
    } catch (e) {
      throw new CliError(`harvest: ${(e as Error).message}`, 2);
    }
    const resume = resumeToken(values.resume);
    // A token carries its harvest's range, set and format (OAI-PMH sends it alone): anything beside it would be ignored.
    const beside = (['from', 'until', 'set', 'metadata'] as const).filter((o) => values[o] !== undefined).map((o) => `--${o}`);
    if (resume !== undefined && beside.length) {
      throw new CliError(`harvest: --resume continues a harvest with the dates, set and metadata it began with; give it without ${beside.join(', ')}`, 2);
    }
    const metadata = values.metadata ?? 'arXivRaw';
    const from = day(values.from, '--from');
    const until = day(values.until, '--until');
    if (!from && resume === undefined) throw new CliError('harvest: say where to start with --from YYYY-MM-DD (or --resume TOKEN)', 2);
    if (from && until && until < from) throw new CliError(`harvest: --until ${until} is before --from ${from}`, 2);
    if (metadata !== 'arXivRaw' && metadata !== 'arXiv') throw new CliError(`harvest: --metadata must be arXivRaw or arXiv, not "${metadata}"`, 2);
    if (values.set !== undefined && !/^[a-z-]+(:[a-zA-Z.-]+)*$/.test(values.set)) throw new CliError(`harvest: --set "${values.set}" is not an arXiv OAI set (cs, math, physics:hep-th, …)`, 2);
    const db = await openCheckedDatabase(config);
    const started = performance.now();
    const tty = isInteractive();
    try {
      const result = await harvest(db, config, {
        from,
        until,
        set: values.set,
        metadataPrefix: metadata,
        resumptionToken: resume,
        onProgress: ({ pages, records, completeListSize }) => {
          if (tty) process.stderr.write(`\rpage ${pages}: ${records}${completeListSize ? ` of ${completeListSize}` : ''} records`);
        },
      });
      if (tty) process.stderr.write('\n');
      process.stdout.write(summary(result, (performance.now() - started) / 1000));
    } catch (e) {
      if (tty) process.stderr.write('\n');
      if (!(e instanceof HarvestError)) throw e;
      if (e.result.records) process.stderr.write(`kept the ${e.result.records} records harvested before the error\n`);
      // The token given was refused (expired, or not arXiv's): trying it again cannot help.
      if (!e.result.pages && resume !== undefined && /OAI-PMH error badResumptionToken\b/.test(e.message))
        throw new CliError(`harvest: arXiv refused --resume '${resume}' as invalid or expired (tokens last about a day): start again with --from YYYY-MM-DD`, 2);
      const hint = e.resumptionToken ? ` (continue with --resume '${e.resumptionToken}')` : '';
      throw new CliError(`${e.message}${hint}`, 69);
    } finally {
      await db.close();
    }
  },
};
