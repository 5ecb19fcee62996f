// The one place a DuckDB instance is opened. Memory is bounded by memory_limit (DuckDB spills hash
// tables and sorts to temp_directory beyond it), and threads default to the machine's cores.
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface DuckDBSettings {
  /** DuckDB's memory_limit, e.g. "1500MB" (CLICKSTREAM_MEMORY_LIMIT) */
  memoryLimit: string;
  /** worker threads (CLICKSTREAM_THREADS) */
  threads: number;
  /** where DuckDB spills when memory_limit is reached */
  tempDirectory: string;
  /** keep row order in results and files; only the demo generator needs it */
  preserveInsertionOrder?: boolean;
}

export function defaultSettings(cacheDir: string, env: NodeJS.ProcessEnv = process.env): DuckDBSettings {
  return {
    memoryLimit: env.CLICKSTREAM_MEMORY_LIMIT || "1200MB",
    threads: Number(env.CLICKSTREAM_THREADS) || os.availableParallelism(),
    tempDirectory: path.join(cacheDir, "duckdb-spill"),
  };
}

export class Database {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(settings: DuckDBSettings): Promise<Database> {
    fs.mkdirSync(settings.tempDirectory, { recursive: true });
    const instance = await DuckDBInstance.create(":memory:", {
      memory_limit: settings.memoryLimit,
      threads: String(settings.threads),
      temp_directory: settings.tempDirectory,
      preserve_insertion_order: String(settings.preserveInsertionOrder ?? false),
      // nothing is ever downloaded: the parquet and json readers are built in
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
    });
    const connection = await instance.connect();
    // event times are UTC; so are days and months computed from them
    await connection.run("SET TimeZone = 'UTC'; SET enable_progress_bar = true; SET enable_progress_bar_print = false;");
    return new Database(instance, connection);
  }

  /** Runs one or more statements; `params` fill $1, $2, ... of a single statement. */
  async run(sql: string, params?: DuckDBValue[]): Promise<void> {
    await this.connection.run(sql, params);
  }

  /** Rows of a query as plain objects; BIGINT and DECIMAL come back as JSON-safe strings or numbers. */
  async rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJson() as T[];
  }

  /** Rows of a query as plain objects, a chunk (about 2,000 rows) at a time: for results too large to hold. */
  async *rowChunks<T = Record<string, unknown>>(sql: string): AsyncIterable<T[]> {
    const result = await this.connection.stream(sql);
    for await (const rows of result.yieldRowObjectJson()) yield rows as T[];
  }

  /** How far the running query is, 0 to 100 (-1 when DuckDB cannot tell). */
  progress(): number {
    return this.connection.progress.percentage;
  }

  /** The single value of a one-row, one-column query, as a number. */
  async number(sql: string): Promise<number> {
    const reader = await this.connection.runAndReadAll(sql);
    return Number(reader.getRows()[0]?.[0] ?? NaN);
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Opens a database, runs work with it and always closes it. */
export async function withDatabase<T>(settings: DuckDBSettings, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await Database.open(settings);
  try {
    return await work(db);
  } finally {
    db.close();
  }
}
