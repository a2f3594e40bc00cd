/**
 * `catalogue parse FILE`: reads any specification text file as the built-in catalogue is
 * built (scripts/lib/catalogue-build.ts: the general importer's units and criteria, the
 * per-document parser's notes) and prints it in the export shape; the parser's warnings go
 * to stderr. Exits 1 when the file cannot be read or is
 * not a specification.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ImportError } from '../../lib/catalogue/import/index';
import { SpecificationError } from '../../lib/catalogue/parse/index';
import { buildSpecification, formatWarning, loadQualifications, withQualifications } from '../lib/catalogue-build';
import { type Command, CliError } from './_command';
import { json, toExportShape } from './_shared';

export const command: Command = {
  name: 'parse',
  summary: 'parse a specification text file and print it as JSON (warnings on stderr)',
  usage: 'FILE',
  async run(args, io) {
    if (args.length !== 1) throw new CliError('parse needs exactly one FILE', 2);
    const file = args[0];
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message;
      throw new CliError(`cannot read ${file}: ${why}`);
    }
    const source = basename(file);
    try {
      const result = await buildSpecification(text, source);
      const spec = withQualifications(result.specification, await loadQualifications());
      for (const w of result.warnings) io.err(`${formatWarning({ source, ...w })}\n`);
      io.out(json(toExportShape([spec])));
      return 0;
    } catch (e) {
      if (e instanceof SpecificationError || e instanceof ImportError) throw new CliError(`cannot read ${file} as a specification: ${e.message}`);
      throw e;
    }
  },
};
