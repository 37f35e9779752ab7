/** Drains a batch executor's stream into the `{ taskId: result }` record Nx builds from it. */
export async function collect<R>(results: AsyncIterable<{ task: string; result: R }>): Promise<Record<string, R>> {
  const out: Record<string, R> = {};
  for await (const { task, result } of results) out[task] = result;
  return out;
}
