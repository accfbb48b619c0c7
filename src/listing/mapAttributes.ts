import type { RemoteAttribute } from "../../adapters/core/types.js";
import { type ChannelReadiness, mappedKey, normaliseName } from "./readiness.js";

export interface AttributeGap {
  field: string;
  message: string;
}

export interface MappedAttributes {
  attributes: Record<string, string>;
  /** Per variant, in catalog order. */
  variantOptions: Record<string, string>[];
  gaps: AttributeGap[];
}

interface Input {
  channel: string;
  categoryId: string;
  categoryPath: string;
  attributes: { key: string; value: string }[];
  /** Catalog fields offered as attributes (place_of_origin...): used when a channel attribute or a mapping asks. */
  implicit?: { key: string; value: string }[];
  defaults: Record<string, string>;
  variants: { sellerSku: string; options: Record<string, string> }[];
}

/**
 * Pure: the product's attributes and variant options in the channel's vocabulary for one category, and every gap
 * that would make the channel refuse it (a required attribute nobody supplies, a value outside the channel's list).
 * Without stored attributes for the category only the user's key and value maps apply.
 */
export function mapAttributes(input: Input, readiness: ChannelReadiness): MappedAttributes {
  const remote = readiness.attributes.get(input.categoryId);
  return remote ? mapToTaxonomy(input, readiness, remote) : mapWithoutTaxonomy(input, readiness);
}

function mapWithoutTaxonomy(input: Input, readiness: ChannelReadiness): MappedAttributes {
  const rename = (key: string) => mappedKey(readiness, input.categoryId, key) ?? key;
  const value = (key: string, v: string) => lookupValue(readiness, key, v) ?? v;
  const attributes: Record<string, string> = { ...input.defaults };
  const explicitlyMapped = (input.implicit ?? []).filter((a) => mappedKey(readiness, input.categoryId, a.key));
  for (const a of [...explicitlyMapped, ...input.attributes]) {
    const key = rename(a.key);
    attributes[key] = value(key, a.value);
  }
  const variantOptions = input.variants.map((v) =>
    Object.fromEntries(
      Object.entries(v.options).map(([k, val]) => {
        const key = rename(k);
        return [key, value(key, val)];
      }),
    ),
  );
  return { attributes, variantOptions, gaps: [] };
}

function mapToTaxonomy(
  input: Input,
  readiness: ChannelReadiness,
  remote: readonly RemoteAttribute[],
): MappedAttributes {
  const { byKey, byName, nameWords } = indexOf(remote);
  /**
   * The user's map first; then the channel attribute whose key or label reads the same as the master key; then the
   * only one whose name contains it as a word ("color" finds "color_family", never a guess between two).
   */
  const target = (masterKey: string): RemoteAttribute | undefined => {
    const mapped = mappedKey(readiness, input.categoryId, masterKey);
    if (mapped !== undefined) return byKey.get(mapped);
    const exact = byKey.get(masterKey) ?? byName.get(normaliseName(masterKey));
    if (exact) return exact;
    const word = normaliseName(masterKey);
    const containing = nameWords.filter((n) => n.words.has(word)).map((n) => n.attr);
    return containing.length === 1 ? containing[0] : undefined;
  };
  const gaps: AttributeGap[] = [];
  /** Channel keys that have a value the channel would refuse: already a gap, not also "missing". */
  const refused = new Set<string>();
  const convert = (attr: RemoteAttribute, raw: string, field: string): string | undefined => {
    const result = channelValue(readiness, attr, raw);
    if (result.ok) return result.value;
    refused.add(attr.key);
    gaps.push({ field, message: `${input.channel} ${attr.label}: ${result.reason}` });
    return undefined;
  };

  const attributes: Record<string, string> = {};
  for (const [key, raw] of Object.entries(input.defaults)) {
    const attr = byKey.get(key);
    if (!attr) {
      // Not a category attribute: an account-level value for the adapter itself (JD brandId), passed through.
      attributes[key] = raw;
      continue;
    }
    const v = convert(attr, raw, `settings.defaultAttributes.${key}`);
    if (v !== undefined) attributes[attr.key] = v;
  }
  for (const a of [...(input.implicit ?? []), ...input.attributes]) {
    const attr = target(a.key);
    if (!attr || attr.fromListing || attr.variant) continue;
    const v = convert(attr, a.value, `attributes.${a.key}`);
    if (v !== undefined) attributes[attr.key] = v;
  }
  const variantOptions = input.variants.map((variant) => {
    const options: Record<string, string> = {};
    for (const [k, raw] of Object.entries(variant.options)) {
      const attr = target(k);
      if (!attr || attr.fromListing) continue;
      const v = convert(attr, raw, `variants.${variant.sellerSku}.options.${k}`);
      if (v !== undefined) options[attr.key] = v;
    }
    return options;
  });

  for (const attr of remote) {
    if (!attr.required || attr.fromListing || refused.has(attr.key)) continue;
    const where = `${input.channel} category "${input.categoryPath}"`;
    if (attr.variant) {
      const missing = input.variants.filter((_, i) => variantOptions[i]?.[attr.key] === undefined);
      if (missing.length > 0) {
        gaps.push({
          field: `variants.${missing.map((m) => m.sellerSku).join(",")}.options.${attr.key}`,
          message: `${where} requires ${attr.label} on every variant; map a variant option to ${attr.key}`,
        });
      }
    } else if (attributes[attr.key] === undefined) {
      gaps.push({
        field: `attributes.${attr.key}`,
        message: `${where} requires ${attr.label}; add the attribute or map a master attribute to ${attr.key}`,
      });
    }
  }
  return { attributes, variantOptions, gaps };
}

type ValueResult = { ok: true; value: string } | { ok: false; reason: string };

function channelValue(readiness: ChannelReadiness, attr: RemoteAttribute, raw: string): ValueResult {
  const trimmed = raw.trim();
  if (attr.type === "number") {
    const match = /^-?\d+(\.\d+)?/.exec(trimmed);
    return match ? { ok: true, value: match[0] } : { ok: false, reason: `"${raw}" is not a number` };
  }
  if (attr.options.length === 0) return { ok: true, value: trimmed };
  const parts = attr.type === "multi_select" ? trimmed.split(/\s*[,;]\s*/).filter(Boolean) : [trimmed];
  const values: string[] = [];
  for (const part of parts) {
    const found = optionFor(readiness, attr, part);
    if (found !== undefined) values.push(found);
    else if (attr.allowsCustomValue) values.push(part);
    else {
      const shown = attr.options
        .slice(0, 8)
        .map((o) => o.label)
        .join(", ");
      const closest = closestOption(attr, part);
      return {
        ok: false,
        reason: `"${part}" is not one of its values (${shown}${attr.options.length > 8 ? ", ..." : ""})${
          closest ? `; closest: "${closest}"` : ""
        }; add a value mapping`,
      };
    }
  }
  return { ok: true, value: values.join(",") };
}

function optionFor(readiness: ChannelReadiness, attr: RemoteAttribute, raw: string): string | undefined {
  const options = optionIndexOf(attr);
  const mapped = lookupValue(readiness, attr.key, raw);
  // A map written before the attribute's values were known may hold the label rather than the value id.
  if (mapped !== undefined) return options.byValue.has(mapped) ? mapped : options.byName.get(normaliseName(mapped));
  return options.byName.get(normaliseName(raw));
}

interface AttributeIndex {
  byKey: Map<string, RemoteAttribute>;
  byName: Map<string, RemoteAttribute>;
  nameWords: { attr: RemoteAttribute; words: Set<string> }[];
}

// Built once per stored attribute list (a ReadinessCache entry lives until the taxonomy or mappings change), not per
// product: normalising every name on every lookup was most of the cost of a build.
const attributeIndexes = new WeakMap<readonly RemoteAttribute[], AttributeIndex>();
const optionIndexes = new WeakMap<RemoteAttribute, { byValue: Set<string>; byName: Map<string, string> }>();

function indexOf(remote: readonly RemoteAttribute[]): AttributeIndex {
  let index = attributeIndexes.get(remote);
  if (!index) {
    const byName = new Map<string, RemoteAttribute>();
    for (const a of remote) {
      byName.set(normaliseName(a.key), a);
      byName.set(normaliseName(a.label), a);
    }
    index = {
      byKey: new Map(remote.map((a) => [a.key, a])),
      byName,
      nameWords: remote
        .filter((a) => !a.fromListing)
        .map((attr) => ({
          attr,
          words: new Set([attr.key, attr.label].flatMap((n) => normaliseName(n).split(" "))),
        })),
    };
    attributeIndexes.set(remote, index);
  }
  return index;
}

function optionIndexOf(attr: RemoteAttribute) {
  let index = optionIndexes.get(attr);
  if (!index) {
    const byName = new Map<string, string>();
    // Labels win over values that happen to read the same.
    for (const o of attr.options) if (!byName.has(normaliseName(o.value))) byName.set(normaliseName(o.value), o.value);
    for (const o of attr.options) byName.set(normaliseName(o.label), o.value);
    index = { byValue: new Set(attr.options.map((o) => o.value)), byName };
    optionIndexes.set(attr, index);
  }
  return index;
}

function lookupValue(readiness: ChannelReadiness, remoteKey: string, raw: string): string | undefined {
  return readiness.valueMap.get(remoteKey)?.get(normaliseName(raw));
}

/** The option a person most likely meant ("Navy" -> "Navy Blue", "5" -> "5号"), only when one reads that close. */
function closestOption(attr: RemoteAttribute, raw: string): string | undefined {
  const wanted = normaliseName(raw);
  if (wanted === "") return undefined;
  const containing = attr.options
    .filter((o) => {
      const label = normaliseName(o.label);
      return label.includes(wanted) || (label.length >= 2 && wanted.includes(label));
    })
    .sort((a, b) => a.label.length - b.label.length);
  if (containing.length > 0) return containing[0]?.label;
  let best: { label: string; score: number } | undefined;
  const grams = trigramSet(wanted);
  for (const o of attr.options) {
    const other = trigramSet(normaliseName(o.label));
    let shared = 0;
    for (const g of grams) if (other.has(g)) shared += 1;
    const score = (2 * shared) / (grams.size + other.size || 1);
    if (score >= 0.5 && (!best || score > best.score)) best = { label: o.label, score };
  }
  return best?.label;
}

function trigramSet(text: string): Set<string> {
  const s = ` ${text} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) grams.add(s.slice(i, i + 3));
  return grams;
}
