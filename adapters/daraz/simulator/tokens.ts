import { iopTokenStyle } from "../../core/simulator/tokenStore.js";

/** Daraz token answers: the IOP fields plus the seller account per country. */
export const DARAZ_TOKEN_STYLE = iopTokenStyle("0", {
  country: "pk",
  account_platform: "seller_center",
  account: "sialkot.sports@example.pk",
  country_user_info: [{ country: "pk", user_id: "100600711", seller_id: "100600711", short_code: "PK1FA6ZU" }],
});
