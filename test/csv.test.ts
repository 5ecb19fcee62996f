// CSV downloads (src/components/csv.js): text a spreadsheet would run as a formula is neutralised.
import * as d3 from "d3";
import { describe, expect, it } from "vitest";
import { csvText, safeCell } from "../src/components/csv.js";

describe("CSV downloads", () => {
  it("prefix an apostrophe to text cells that start with =, +, -, @, a tab or a carriage return", () => {
    const rows = [
      { brand: '=HYPERLINK("http://example.com","x")', views: 3 },
      { brand: "+cmd", views: -2 },
      { brand: "-1+1", views: 0 },
      { brand: "@sum", views: 1 },
      { brand: "\tx", views: 1 },
      { brand: "acme = best", views: 1 },
      { brand: null, views: 1 },
    ];
    const parsed = d3.csvParse(csvText(rows));
    expect(parsed.map((r) => r.brand)).toEqual(["'=HYPERLINK(\"http://example.com\",\"x\")", "'+cmd", "'-1+1", "'@sum", "'\tx", "acme = best", ""]);
    // numbers stay numbers, negative ones too
    expect(parsed.map((r) => r.views)).toEqual(["3", "-2", "0", "1", "1", "1", "1"]);
    expect(safeCell(-2)).toBe(-2);
  });

  it("keep the columns given, in order", () => {
    expect(csvText([{ a: 1, b: "=x", c: 3 }], ["c", "b"])).toBe("c,b\n3,'=x");
  });
});
