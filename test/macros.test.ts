// The SQL macros (sql/macros.sql) whose definitions are spelled out twice for speed agree with their plain form.
import { describe, expect, it } from "vitest";
import { withDatabase } from "../data-loaders/shared/duckdb.ts";
import { readSql } from "../data-loaders/shared/sql-files.ts";
import { tempDir, testSettings } from "./helpers.ts";

describe("macros", () => {
  it("threshold_reached gives the highest of leaderboard_thresholds() a count reaches", async () => {
    const disagreements = await withDatabase(testSettings(tempDir()), async (db) => {
      await db.run(readSql("macros"));
      return db.rows(`
        SELECT n, threshold_reached(n) AS fast, list_max(list_filter(leaderboard_thresholds(), t -> t <= n)) AS plain
        FROM (SELECT unnest(range(0, 200001)) AS n UNION ALL SELECT 10000000)
        WHERE fast IS DISTINCT FROM plain`);
    });
    expect(disagreements).toEqual([]);
  });
});
