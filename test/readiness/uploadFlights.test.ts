import { describe, expect, it } from "vitest";
import type { ImageUploadOutcome } from "../../adapters/core/types.js";
import { UploadFlights } from "../../src/sync/uploadFlights.js";

describe("upload flights", () => {
  it("a hash already being uploaded is awaited, not uploaded again; other hashes go in one new batch", async () => {
    const flights = new UploadFlights();
    const batches: string[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const upload = async (hashes: string[]): Promise<ImageUploadOutcome[]> => {
      batches.push(hashes);
      await gate;
      return hashes.map((h) => ({ contentHash: h, ok: true, url: `https://cdn/${h}` }));
    };
    const first = flights.run("acc", ["a", "b"], upload);
    const second = flights.run("acc", ["b", "c"], upload);
    const otherAccount = flights.run("other", ["a"], upload);
    release();
    const [one, two, three] = await Promise.all([first, second, otherAccount]);
    expect(batches).toEqual([["a", "b"], ["c"], ["a"]]);
    expect(two.map((o) => (o.ok ? o.url : null))).toEqual(["https://cdn/b", "https://cdn/c"]);
    expect(one).toHaveLength(2);
    expect(three).toHaveLength(1);
    // Finished flights are forgotten: a later run uploads again (the caller checks the upload table first).
    await flights.run("acc", ["a"], upload);
    expect(batches).toHaveLength(4);
  });

  it("a failed batch fails every push waiting on it, and the next run tries again", async () => {
    const flights = new UploadFlights();
    const failing = async (): Promise<ImageUploadOutcome[]> => {
      throw new Error("gateway down");
    };
    await expect(flights.run("acc", ["x"], failing)).rejects.toThrow("gateway down");
    const ok = await flights.run("acc", ["x"], async (h) =>
      h.map((contentHash) => ({ contentHash, ok: true, url: "u" })),
    );
    expect(ok[0]?.ok).toBe(true);
  });
});
