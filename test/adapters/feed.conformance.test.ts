import "../../adapters/feed/index.js";
import { DEFAULT_BANNED_TITLE_WORDS, startFeedConsumerSimulator } from "../../adapters/feed/simulator/index.js";
import { describeConformance } from "./conformance.js";
import { sialkotFootball } from "./fixtures.js";

describeConformance(
  "feed",
  async () => ({
    sim: await startFeedConsumerSimulator(),
    listing: (n, overrides) =>
      sialkotFootball({ channel: "feed", skuPrefix: `SKC-FB-${String(n).padStart(3, "0")}`, ...overrides }),
    rejectedTitleWord: DEFAULT_BANNED_TITLE_WORDS[0] ?? "replica",
    adapterOptions: { linkTemplate: "https://bokataa.example.pk/p/{sellerSku}" },
  }),
  {
    // A file feed makes no API calls: no quota, tokens, HTTP faults or secrets, and one read returns the whole store.
    notApplicable: [
      "quota",
      "throttling",
      "auth",
      "serverErrors",
      "wrongSecret",
      "malformed",
      "timeout",
      "abort",
      "pagedCalls",
    ],
  },
);
