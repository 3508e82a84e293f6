/**
 * A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF or LF, a leading BOM). Structural
 * problems are errors that name the line, because a file that is not a CSV should say so, not produce
 * numbers. Data problems (a bad timestamp) are for the caller to count.
 */

export class CsvFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvFormatError";
  }
}

export interface CsvRecord {
  /** 1-based line the record starts on (the header is line 1). */
  line: number;
  fields: string[];
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

export function parseCsv(text: string): CsvTable {
  if (text.includes("\u0000")) throw new CsvFormatError("not a text CSV file (it contains NUL bytes)");
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 1;
  let fieldStarted = false;
  let closedQuote = false;

  const endRecord = () => {
    fields.push(field);
    // A blank line is not a record (exports often end with one or two).
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
    fieldStarted = false;
    closedQuote = false;
  };

  for (let i = 0; i < body.length; i += 1) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          quoted = false;
          closedQuote = true;
        }
      } else {
        if (ch === "\n") line += 1;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (fieldStarted) throw new CsvFormatError(`line ${line} malformed: a quote inside an unquoted field`);
      quoted = true;
      quoteLine = line;
      fieldStarted = true;
    } else if (ch === ",") {
      fields.push(field);
      field = "";
      fieldStarted = false;
      closedQuote = false;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      if (closedQuote) throw new CsvFormatError(`line ${line} malformed: text after a closing quote`);
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvFormatError(`line ${quoteLine} malformed: a quoted field is never closed`);
  if (field !== "" || fields.length > 0 || fieldStarted) endRecord();

  const [first, ...rest] = records;
  if (!first) throw new CsvFormatError("empty file: expected a header line");
  return { header: first.fields.map((name) => name.trim()), records: rest };
}
