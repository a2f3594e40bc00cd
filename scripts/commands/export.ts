/** `catalogue export`: prints the whole built-in catalogue (data/catalogue.json) as JSON. */
import { type Command, CliError } from './_command';
import { json, readCatalogue, toExportShape } from './_shared';

export const command: Command = {
  name: 'export',
  summary: 'print the built-in catalogue as JSON',
  run(args, io) {
    if (args.length) throw new CliError(`export takes no arguments (got ${args.join(' ')})`, 2);
    io.out(json(toExportShape(readCatalogue().specifications)));
    return 0;
  },
};
