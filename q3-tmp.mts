import { DuckDBInstance } from "@duckdb/node-api";
const inst = await DuckDBInstance.create(":memory:", { memory_limit: "1200MB", threads: "2" });
const c = await inst.connect();
await c.run("SET TimeZone='UTC'");
await c.run(`CREATE VIEW events AS SELECT * FROM read_parquet('.bench/data-100000000-1/month=2020-04/*.parquet')`);
await c.run(`CREATE MACRO type_bit(event_type) AS CASE event_type WHEN 'view' THEN 1 WHEN 'cart' THEN 2 WHEN 'purchase' THEN 4 WHEN 'remove_from_cart' THEN 8 ELSE 0 END`);
for (const q of process.argv.slice(2)) {
  const t = performance.now();
  const r = await c.runAndReadAll(q);
  console.log(((performance.now()-t)/1000).toFixed(2)+"s", JSON.stringify(r.getRowObjectsJson().slice(0,2)));
}
