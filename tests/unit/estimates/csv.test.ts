import { describe, expect, it } from "vitest";
import { CsvFormatError, parseCsv } from "@/lib/estimates/csv";
import { parseDeliveryHistory, parseWallTime } from "@/lib/estimates/history-csv";

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM", () => {
    const table = parseCsv('\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",\r\n\r\n');
    expect(table.header).toEqual(["a", "b", "c"]);
    expect(table.records).toEqual([
      { line: 2, fields: ["1", "x, y", 'say "hi"'] },
      { line: 3, fields: ["2", "two\nlines", ""] },
    ]);
  });

  it("names the line of a structural problem", () => {
    expect(() => parseCsv('a,b\n1,2\n3,"open\n')).toThrow("line 3 malformed: a quoted field is never closed");
    expect(() => parseCsv('a,b\n1,"x"y\n')).toThrow("line 2 malformed: text after a closing quote");
    expect(() => parseCsv("a,b\n1,x\"y\n")).toThrow("line 2 malformed: a quote inside an unquoted field");
    expect(() => parseCsv("")).toThrow("empty file");
    expect(() => parseCsv("PK\u0003\u0004\u0000\u0000")).toThrow(CsvFormatError);
  });
});

describe("timestamps", () => {
  it("accepts the export's formats and rejects impossible dates", () => {
    expect(parseWallTime("2018-03-19 09:05:07")).toMatchObject({ minutes: 545, seconds: 7 });
    expect(parseWallTime("2018-03-19T09:05")).toMatchObject({ minutes: 545, seconds: 0 });
    expect(parseWallTime("2018-03-19")).toMatchObject({ minutes: 0 });
    expect(parseWallTime("2018-02-30 10:00:00")).toBeNull();
    expect(parseWallTime("19/03/2018")).toBeNull();
    expect(parseWallTime("2018-03-19 24:00:00")).toBeNull();
  });
});

describe("parseDeliveryHistory", () => {
  it("rejects a file without the Olist columns, naming the first one missing", () => {
    expect(() => parseDeliveryHistory("Dear merchant,\nhere is your report.\n", "America/Sao_Paulo")).toThrow(/^missing column order_id/);
    expect(() => parseDeliveryHistory('{"orders": []}\n', "America/Sao_Paulo")).toThrow("line 1 malformed: a quote inside an unquoted field");
    expect(() => parseDeliveryHistory("order_id,order_purchase_timestamp\nx,2018-01-01\n", "America/Sao_Paulo")).toThrow(
      /^missing column order_delivered_carrier_date/,
    );
  });
});
