// `paperboy harvest --from DATE [--until DATE] [--set cs]`: incremental arXiv OAI-PMH harvest.
import { parseArgs } from 'node:util';
import { harvest, HarvestError, type HarvestResult, type MetadataPrefix } from '../arxiv/harvest.ts';
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

export const harvestCommand: Command = {
  summary: 'incremental arXiv OAI-PMH harvest of the records changed in a date range (also --metadata arXiv, --resume TOKEN)',
  usage: 'harvest --from DATE [--until DATE] [--set cs]',
  async run(args, config) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: { from: { type: 'string' }, until: { type: 'string' }, set: { type: 'string' }, metadata: { type: 'string', default: 'arXivRaw' }, resume: { type: 'string' } },
      }));
    } catch (e) {
      throw new CliError(`harvest: ${(e as Error).message}`, 2);
    }
    const from = day(values.from, '--from');
    const until = day(values.until, '--until');
    if (!from && !values.resume) throw new CliError('harvest: say where to start with --from YYYY-MM-DD (or --resume TOKEN)', 2);
    if (from && until && until < from) throw new CliError(`harvest: --until ${until} is before --from ${from}`, 2);
    if (values.metadata !== 'arXivRaw' && values.metadata !== 'arXiv') throw new CliError(`harvest: --metadata must be arXivRaw or arXiv, not "${values.metadata}"`, 2);
    if (values.set !== undefined && !/^[a-z-]+(:[a-zA-Z.-]+)*$/.test(values.set)) throw new CliError(`harvest: --set "${values.set}" is not an arXiv OAI set (cs, math, physics:hep-th, …)`, 2);
    const db = await openCheckedDatabase(config);
    const started = performance.now();
    const tty = isInteractive();
    try {
      const result = await harvest(db, config, {
        from,
        until,
        set: values.set,
        metadataPrefix: values.metadata as MetadataPrefix,
        resumptionToken: values.resume,
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
      const resume = e.resumptionToken ? ` (continue with --resume '${e.resumptionToken}')` : '';
      throw new CliError(`${e.message}${resume}`, 69);
    } finally {
      await db.close();
    }
  },
};
