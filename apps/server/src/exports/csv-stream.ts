import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';

/** A CSV column: a stable English header and how a row's cell is read. */
export interface CsvColumn<R> {
  header: string;
  cell: (row: R) => string | number | boolean | null;
}

type Page<R> = { rows: R[]; hasNextPage: boolean; endCursor: string | null };

/**
 * The rows of a list read one page after another, following each page's end cursor. The first
 * page is read now, so a filter the read model refuses is a 400 before any byte is sent.
 */
export function pagesOf<R>(page: (after: string | null) => Page<R>): Iterable<R> {
  const first = page(null);
  return (function* () {
    let current = first;
    for (;;) {
      yield* current.rows;
      if (!current.hasNextPage || current.endCursor === null) return;
      current = page(current.endCursor);
    }
  })();
}

/**
 * Streams `rows` as RFC 4180 CSV (CRLF, quoted where needed), UTF-8 with a BOM so spreadsheet
 * programs read accented Dutch text, and cells starting with =, +, -, @, tab or CR prefixed with
 * a quote so no spreadsheet runs them as a formula. Rows are pulled only as fast as the client
 * reads: the reply's backpressure reaches the generator and the SQLite pages behind it.
 */
export function sendCsv<R>(
  reply: FastifyReply,
  filename: string,
  columns: ReadonlyArray<CsvColumn<R>>,
  rows: Iterable<R> | AsyncIterable<R>,
): FastifyReply {
  const cells = (row: R): Array<string | number | boolean | null> =>
    columns.map((column) => column.cell(row));
  // Rows that need a database round trip each (personal data) come asynchronously; the others not.
  const records = Readable.from(
    Symbol.asyncIterator in rows
      ? (async function* () {
          for await (const row of rows) yield cells(row);
        })()
      : (function* () {
          for (const row of rows) yield cells(row);
        })(),
    { objectMode: true, highWaterMark: 64 },
  );
  const csv = stringify({
    bom: true,
    header: true,
    columns: columns.map((column) => column.header),
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
  records.on('error', (error) => csv.destroy(error));
  records.pipe(csv);
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(csv);
}

/** Lists in one cell, joined by a semicolon (a comma would read as a column to the eye). */
export const joined = (values: readonly string[]): string => values.join(';');
