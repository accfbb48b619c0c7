import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { channelPrice, priceTiers, rateProblem, roundPrice } from "../../src/localize/money.js";
import { defaultRule, pricingRule } from "../../src/localize/pricingRules.js";

const usd = { currency: "USD", pkrPerUnit: "280.00", source: "SBP interbank", asOf: new Date("2026-11-21T09:00:00Z") };
const cny = { currency: "CNY", pkrPerUnit: "38.50", source: "SBP interbank", asOf: new Date("2026-11-21T09:00:00Z") };

describe("roundPrice", () => {
  it.each([
    ["12.30", "x.99", "12.99"],
    ["12.99", "x.99", "12.99"],
    ["13.00", "x.99", "13.99"],
    ["12.991", "x.99", "13.99"],
    ["0.10", "x.99", "0.99"],
    ["116.49", "whole", "116"],
    ["116.50", "whole", "117"],
    ["4504.99", "nearest10", "4500"],
    ["4505.00", "nearest10", "4510"],
    ["1.005", "cents", "1.01"],
    ["1.004", "cents", "1"],
  ] as const)("%s rounded %s is %s", (value, mode, expected) => {
    expect(roundPrice(new Decimal(value), mode).toString()).toBe(expected);
  });

  it("rounds up, never down, when asked (the floor)", () => {
    expect(roundPrice(new Decimal("116.01"), "whole", true).toString()).toBe("117");
    expect(roundPrice(new Decimal("4501"), "nearest10", true).toString()).toBe("4510");
    expect(roundPrice(new Decimal("1.001"), "cents", true).toString()).toBe("1.01");
  });
});

describe("channelPrice", () => {
  it("converts PKR to USD, marks up, adds the fee and ends in .99", () => {
    const rule = pricingRule.parse({ markupPct: "15", fixedFee: "0.50", rounding: "x.99", minMarginPct: "0" });
    // 4500 / 280 = 16.0714..., x 1.15 = 18.482..., + 0.50 = 18.982... -> 18.99
    expect(channelPrice("4500.00", null, "USD", rule, usd)).toEqual({ ok: true, price: "18.99", raisedToFloor: false });
  });

  it("prices CNY in whole yuan", () => {
    const rule = pricingRule.parse({ markupPct: "20", rounding: "whole", minMarginPct: "0" });
    // 4500 / 38.5 = 116.883 x 1.2 = 140.26 -> 140
    expect(channelPrice("4500.00", null, "CNY", rule, cny)).toMatchObject({ price: "140.00" });
  });

  it("never sells under cost plus the minimum margin", () => {
    const rule = pricingRule.parse({ markupPct: "-50", rounding: "x.99", minMarginPct: "10" });
    // 4500 / 280 x 0.5 = 8.04 -> 8.99, but cost 2600 x 1.1 / 280 = 10.214 -> floor 10.99
    expect(channelPrice("4500.00", "2600.00", "USD", rule, usd)).toEqual({
      ok: true,
      price: "10.99",
      raisedToFloor: true,
    });
  });

  it("keeps PKR as the catalog says by default, rounds to 10 when asked, and needs no rate", () => {
    expect(channelPrice("4504.00", "2600.00", "PKR", defaultRule("PKR"))).toMatchObject({ price: "4504.00" });
    expect(channelPrice("4504.00", "2600.00", "PKR", pricingRule.parse({ rounding: "nearest10" }))).toMatchObject({
      price: "4500.00",
    });
  });

  it("refuses without a rate", () => {
    expect(channelPrice("4500.00", null, "USD", defaultRule("USD"))).toMatchObject({ ok: false });
  });
});

describe("rateProblem", () => {
  const now = new Date("2026-11-22T09:00:00Z");
  it("accepts a fresh rate and refuses one older than the limit, naming its source and date", () => {
    expect(rateProblem(usd, "USD", defaultRule("USD"), now)).toBeNull();
    const problem = rateProblem(usd, "USD", pricingRule.parse({ maxRateAgeHours: 12 }), now);
    expect(problem).toContain("SBP interbank");
    expect(problem).toContain("24 h old; the limit is 12 h");
  });
});

describe("priceTiers", () => {
  it("starts at the MOQ and keeps only strictly falling prices", () => {
    const tiers = priceTiers(
      "18.99",
      [
        { minQuantity: 500, price: "14.99" },
        { minQuantity: 100, price: "16.99" },
        { minQuantity: 1000, price: "14.99" },
      ],
      50,
    );
    expect(tiers).toEqual([
      { minQuantity: 50, price: "18.99" },
      { minQuantity: 100, price: "16.99" },
      { minQuantity: 500, price: "14.99" },
    ]);
  });
});

describe("priceTiers at the MOQ", () => {
  it("uses the break that applies at the MOQ as the first tier", () => {
    expect(
      priceTiers(
        "18.99",
        [
          { minQuantity: 50, price: "15.99" },
          { minQuantity: 200, price: "13.99" },
        ],
        50,
      ),
    ).toEqual([
      { minQuantity: 50, price: "15.99" },
      { minQuantity: 200, price: "13.99" },
    ]);
  });
});
