import "../../adapters/alibaba/index.js";
import { DEFAULT_BANNED_TITLE_WORDS, startAlibabaSimulator } from "../../adapters/alibaba/simulator/index.js";
import { describeConformance } from "./conformance.js";
import { alibabaFootball } from "./fixtures.js";

describeConformance("alibaba", async () => ({
  sim: await startAlibabaSimulator({ seed: 7 }),
  listing: (n, overrides) => alibabaFootball({ skuPrefix: `SKC-FB-${String(n).padStart(3, "0")}`, ...overrides }),
  rejectedTitleWord: DEFAULT_BANNED_TITLE_WORDS[0] ?? "replica",
}));
