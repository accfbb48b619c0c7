import { describe, expect, it } from "vitest";
import { buildListing } from "../../src/listing/buildListing.js";
import { channelSettings } from "../../src/listing/channelProfile.js";
import { darazProfile, footballProduct } from "../support/catalogFixtures.js";

const longTitle = "Hand-Stitched Match Football Size 5 Official Weight Butyl Bladder Thermo Bonded Training Ball";

describe("buildListing: shaping per channel", () => {
  it("fits the title to the adapter's limit at a word boundary and returns a warning", () => {
    const p = footballProduct();
    p.content[0]!.title = longTitle;
    const r = buildListing(p, darazProfile, undefined, { capabilities: { maxTitleLength: 40 } });
    if (!r.ok) throw new Error(JSON.stringify(r.holds));
    expect(r.listing.title).toBe("Hand-Stitched Match Football Size 5");
    expect(r.warnings).toEqual([expect.objectContaining({ field: "title" })]);
  });

  it("lets an account setting make the limit stricter, never looser", () => {
    const p = footballProduct();
    p.content[0]!.title = longTitle;
    const stricter = buildListing(p, { ...darazProfile, maxTitleLength: 20 }, undefined, {
      capabilities: { maxTitleLength: 40 },
    });
    const looser = buildListing(p, { ...darazProfile, maxTitleLength: 200 }, undefined, {
      capabilities: { maxTitleLength: 40 },
    });
    expect(stricter.ok && stricter.listing.title).toBe("Hand-Stitched Match");
    expect(looser.ok && looser.listing.title).toBe("Hand-Stitched Match Football Size 5");
  });

  it("cuts a Chinese title at the limit", () => {
    const p = footballProduct();
    p.content.push({
      ...p.content[0]!,
      locale: "zh-Hans",
      title: "巴基斯坦锡亚尔科特手工缝制比赛用足球5号标准尺寸官方重量训练球",
    });
    const r = buildListing(p, { ...darazProfile, channel: "jd", locale: "zh-Hans" }, undefined, {
      capabilities: { maxTitleLength: 20 },
    });
    expect(r.ok && Array.from(r.listing.title)).toHaveLength(20);
  });

  it("reduces the description to the channel's HTML and says so", () => {
    const p = footballProduct();
    p.content[0]!.description =
      '<div><p>32 panels</p><script>track()</script><img src="https://images.example.com/x.jpg"></div>';
    const r = buildListing(p, darazProfile);
    if (!r.ok) throw new Error("held");
    expect(r.listing.description).toBe("<p>32 panels</p>");
    expect(r.warnings[0]?.message).toMatch(/<script>.*1 image/);
  });

  it("applies the account's stock buffer per variant (stock 300 here)", () => {
    const units = buildListing(footballProduct(), { ...darazProfile, stockBuffer: { units: 10 } });
    const pct = buildListing(footballProduct(), { ...darazProfile, stockBuffer: { percent: 15 } });
    const all = buildListing(footballProduct(), { ...darazProfile, stockBuffer: { units: 500 } });
    expect(units.ok && units.listing.variants[0]?.quantity).toBe(290);
    expect(pct.ok && pct.listing.variants[0]?.quantity).toBe(255);
    expect(all.ok && all.listing.variants[0]?.quantity).toBe(0);
  });

  it("parses the new account settings and rejects bad ones", () => {
    const s = channelSettings.parse({
      maxTitleLength: 60,
      stockBuffer: { units: 2, percent: 5 },
      descriptionHtml: { tags: ["P", "BR"], imageHosts: ["cdn.example.com"] },
    });
    expect(s).toMatchObject({ maxTitleLength: 60, descriptionHtml: { tags: ["p", "br"] } });
    expect(channelSettings.safeParse({ stockBuffer: { percent: 120 } }).success).toBe(false);
    expect(channelSettings.safeParse({ stockBuffer: { units: -1 } }).success).toBe(false);
  });
});
