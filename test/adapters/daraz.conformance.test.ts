import "../../adapters/daraz/index.js";
import { DEFAULT_BANNED_TITLE_WORDS, startDarazSimulator } from "../../adapters/daraz/simulator/index.js";
import { describeConformance } from "./conformance.js";
import { sialkotFootball } from "./fixtures.js";

describeConformance("daraz", async () => ({
  sim: await startDarazSimulator({ seed: 7 }),
  listing: (n, overrides) => sialkotFootball({ skuPrefix: `SKC-FB-${String(n).padStart(3, "0")}`, ...overrides }),
  rejectedTitleWord: DEFAULT_BANNED_TITLE_WORDS[0] ?? "replica",
}));
