import "../../adapters/jd/index.js";
import { DEFAULT_BANNED_TITLE_WORDS, startJdSimulator } from "../../adapters/jd/simulator/index.js";
import { describeConformance } from "./conformance.js";
import { jdFootball } from "./jd.fixtures.js";

describeConformance("jd", async () => ({
  sim: await startJdSimulator({ seed: 7 }),
  listing: (n, overrides) =>
    jdFootball({
      skuPrefix: `SKC-FB-${String(n).padStart(3, "0")}`,
      // JD titles must hold Chinese: the suite's English titles get a Chinese word in front.
      ...(overrides?.title ? { title: `足球 ${overrides.title}` } : {}),
    }),
  rejectedTitleWord: DEFAULT_BANNED_TITLE_WORDS[0] ?? "replica",
}));
