/**
 * `catalogue import FILE`: reads any specification file with the general importer
 * (lib/catalogue/import: PDF, Word .docx, plain text, markdown, HTML or the CSV template) and prints it in
 * the export shape; warnings go to stderr with their line and page. Exits 1 with one plain
 * line when the file cannot be read: missing, a folder, empty, binary, a scanned (textless),
 * encrypted or damaged PDF, a zip that is not Word, an old .doc, or a document with no units.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ImportError, type ImportWarning, importFile } from '../../lib/catalogue/import/index';
import { type Command, CliError } from './_command';
import { json, toExportShape } from './_shared';

/** One warning as a compiler-style line: `file:line: [code] message (page N)`. */
export function formatImportWarning(source: string, w: ImportWarning): string {
  return `${source}:${w.line}: [${w.code}] ${w.message}${w.page && w.page > 1 ? ` (page ${w.page})` : ''}`;
}

export const command: Command = {
  name: 'import',
  summary: 'read any specification file (PDF, Word .docx, text, markdown, HTML, CSV template) with the general importer and print it as JSON',
  usage: 'FILE',
  async run(args, io) {
    if (args.length !== 1) throw new CliError('import needs exactly one FILE', 2);
    const file = args[0];
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
      throw new CliError(`cannot read ${file}: ${why}`);
    }
    const source = basename(file);
    try {
      const { specification, warnings } = await importFile(bytes, source);
      for (const w of warnings) io.err(`${formatImportWarning(source, w)}\n`);
      io.out(json(toExportShape([specification])));
      return 0;
    } catch (e) {
      if (e instanceof ImportError) throw new CliError(`cannot import ${file}: ${e.message}`);
      throw e;
    }
  },
};
