import type { ImageUploadOutcome } from "../../adapters/core/types.js";

/**
 * Uploads in progress in this process, per account and content hash: a push that needs an image another push is
 * already uploading waits for that upload instead of sending the same bytes again. (Two worker processes can still
 * both upload a brand-new image once; the upload table keeps the first URL.)
 */
export class UploadFlights {
  private readonly flights = new Map<string, Promise<ImageUploadOutcome>>();

  private key(accountId: string, hash: string): string {
    return `${accountId}:${hash}`;
  }

  /**
   * Outcomes for every hash: the ones already in flight are awaited; the rest are uploaded together by `upload`,
   * which must return one outcome per hash it was given.
   */
  async run(
    accountId: string,
    hashes: readonly string[],
    upload: (hashes: string[]) => Promise<ImageUploadOutcome[]>,
  ): Promise<ImageUploadOutcome[]> {
    const mine = hashes.filter((h) => !this.flights.has(this.key(accountId, h)));
    if (mine.length > 0) {
      const batch = upload(mine);
      for (const hash of mine) {
        const key = this.key(accountId, hash);
        const one = batch.then(
          (outcomes) =>
            outcomes.find((o) => o.contentHash === hash) ?? {
              contentHash: hash,
              ok: false as const,
              error: { errorClass: "transient" as const, message: "the channel returned no outcome for the image" },
            },
        );
        // The batch's own rejection reaches this push through Promise.all below; waiters see it too.
        one.catch(() => {});
        this.flights.set(key, one);
        void one.finally(() => this.flights.delete(key)).catch(() => {});
      }
    }
    return Promise.all(hashes.map((h) => this.flights.get(this.key(accountId, h)) as Promise<ImageUploadOutcome>));
  }
}

export const uploadFlights = new UploadFlights();
