import nock from "nock";
import { afterAll, afterEach, beforeAll } from "vitest";

/** No real network for this file's tests: only nock scopes (and local simulators on 127.0.0.1) answer. */
export function useNockOffline(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterEach(() => {
    nock.cleanAll();
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });
}
