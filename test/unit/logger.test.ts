import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, log: createLogger("info", stream) };
}

describe("logger redaction", () => {
  it("replaces secrets at the top level and nested", () => {
    const { lines, log } = capture();
    log.info(
      {
        appSecret: "s3cr3t",
        account: { accessToken: "tok-123", credentials: { appKey: "k" } },
        req: { headers: { authorization: "Bearer x" } },
      },
      "calling channel",
    );
    const line = lines.join("");
    expect(line).toContain("calling channel");
    for (const secret of ["s3cr3t", "tok-123", "Bearer x", '"appKey"']) expect(line).not.toContain(secret);
    expect(line).toContain("[redacted]");
  });
});
