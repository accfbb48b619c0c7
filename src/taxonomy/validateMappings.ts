import type { RemoteAttribute } from "../../adapters/core/types.js";
import { type KnownCategory, normaliseName } from "../listing/readiness.js";
import type { MappingSet } from "./mappingFile.js";

export interface MappingContext {
  channel: string;
  /** Master category codes that exist. */
  masterCodes: ReadonlySet<string>;
  /** The stored tree, or null when the channel has none (ids are then taken as given). */
  tree: ReadonlyMap<string, KnownCategory> | null;
  /** Fetched attributes per category. */
  attributes: ReadonlyMap<string, readonly RemoteAttribute[]>;
}

export interface MappingIssue {
  field: string;
  message: string;
}

/**
 * Pure: checks a set of mappings against the master catalog and the channel's stored taxonomy, and turns value
 * labels into the values the wire carries (a JD colour written as "红色" becomes its value id). Every problem is
 * reported with its place in the set ("values[3].channel"), so a file import can be fixed in one pass.
 */
export function validateMappings(set: MappingSet, ctx: MappingContext): { set: MappingSet; issues: MappingIssue[] } {
  const issues: MappingIssue[] = [];
  const seen = new Set<string>();
  const dup = (key: string, field: string) => {
    if (seen.has(key)) issues.push({ field, message: "appears twice" });
    seen.add(key);
  };
  set.categories.forEach((m, i) => {
    dup(`c:${m.master}`, `categories[${i}].master`);
    if (!ctx.masterCodes.has(m.master)) {
      issues.push({ field: `categories[${i}].master`, message: `no master category "${m.master}"` });
    }
    if (!ctx.tree) return;
    const known = ctx.tree.get(m.channel);
    if (!known || known.removed) {
      issues.push({ field: `categories[${i}].channel`, message: `${ctx.channel} has no category ${m.channel}` });
    } else if (!known.leaf) {
      issues.push({
        field: `categories[${i}].channel`,
        message: `${ctx.channel} category ${m.channel} "${known.path}" is not a leaf; listings need a leaf category`,
      });
    }
  });

  const allByKey = new Map<string, RemoteAttribute>();
  for (const list of ctx.attributes.values()) for (const a of list) if (!allByKey.has(a.key)) allByKey.set(a.key, a);
  set.attributes.forEach((m, i) => {
    dup(`a:${m.category ?? ""}:${m.master}`, `attributes[${i}].master`);
    const scope = m.category ? ctx.attributes.get(m.category) : undefined;
    if (m.category && ctx.tree && !ctx.tree.get(m.category)) {
      issues.push({ field: `attributes[${i}].category`, message: `${ctx.channel} has no category ${m.category}` });
      return;
    }
    const attr = scope ? scope.find((a) => a.key === m.channel) : allByKey.get(m.channel);
    const known = scope !== undefined || allByKey.size > 0;
    if (known && !attr) {
      issues.push({
        field: `attributes[${i}].channel`,
        message: `${ctx.channel} has no attribute "${m.channel}"${m.category ? ` in category ${m.category}` : " in any fetched category"}`,
      });
    } else if (attr?.fromListing) {
      issues.push({
        field: `attributes[${i}].channel`,
        message: `"${m.channel}" is filled from the listing itself (title, brand, price...) and cannot be mapped`,
      });
    }
  });

  // One key can carry different options in different categories (Daraz "size"): a value is fine if any has it.
  const optionsByKey = new Map<string, RemoteAttribute["options"]>();
  for (const list of ctx.attributes.values()) {
    for (const a of list) optionsByKey.set(a.key, [...(optionsByKey.get(a.key) ?? []), ...a.options]);
  }
  const values = set.values.map((m, i) => {
    dup(`v:${m.attribute}:${normaliseName(m.master)}`, `values[${i}].master`);
    const attr = allByKey.get(m.attribute);
    if (!attr) {
      if (allByKey.size > 0) {
        issues.push({ field: `values[${i}].attribute`, message: `${ctx.channel} has no attribute "${m.attribute}"` });
      }
      return m;
    }
    const options = optionsByKey.get(m.attribute) ?? [];
    if (options.length === 0) return m;
    const wanted = normaliseName(m.channel);
    const option = options.find((o) => o.value === m.channel) ?? options.find((o) => normaliseName(o.label) === wanted);
    if (!option) {
      issues.push({
        field: `values[${i}].channel`,
        message: `"${m.channel}" is not a value of ${ctx.channel} ${attr.label} (${[
          ...new Set(options.map((o) => o.label)),
        ]
          .slice(0, 12)
          .join(", ")}${options.length > 12 ? ", ..." : ""})`,
      });
      return m;
    }
    return { ...m, channel: option.value, channelLabel: option.label };
  });
  return { set: { ...set, values }, issues };
}
