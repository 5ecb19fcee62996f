// Work on several items at once, a few at a time (the build's Framework runs, one per site).

/**
 * Runs `work` on every item, at most `limit` at a time. When any fails, the others still run to their end
 * (nothing is left running behind the caller's back), then the first failure is thrown.
 */
export async function eachAtOnce<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const failures: unknown[] = [];
  const runner = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item).catch((error: unknown) => failures.push(error));
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, runner));
  if (failures.length) throw failures[0];
}
