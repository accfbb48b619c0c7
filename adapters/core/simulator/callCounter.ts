/** Counts API calls per endpoint path, so tests can check batching and paging. */
export class CallCounter {
  private readonly byEndpoint = new Map<string, number>();

  hit(endpoint: string): void {
    this.byEndpoint.set(endpoint, (this.byEndpoint.get(endpoint) ?? 0) + 1);
  }

  get(endpoint: string): number {
    return this.byEndpoint.get(endpoint) ?? 0;
  }

  counts(): Record<string, number> {
    return Object.fromEntries([...this.byEndpoint.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  reset(): void {
    this.byEndpoint.clear();
  }
}
