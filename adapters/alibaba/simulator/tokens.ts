import { iopTokenStyle } from "../../core/simulator/tokenStore.js";

/** ICBU token answers: the IOP fields plus the seller account. */
export const ALIBABA_TOKEN_STYLE = iopTokenStyle("3", {
  account_platform: "ICBU",
  account: "sialkot.sports.supplier@example.pk",
  account_id: "2208876543210",
});
