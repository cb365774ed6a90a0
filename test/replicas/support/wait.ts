/** Polls until `probe` gives a value other than null (no time is asserted, only the outcome). */
export async function eventually<T>(probe: () => Promise<T | null>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never happened: ${what}`);
}
