import { z } from "zod";
import type { RemoteAttribute } from "../../adapters/core/types.js";
import type { Prisma } from "../generated/prisma/client.js";

const options = z.array(z.object({ value: z.string(), label: z.string() })).catch([]);
const attributeType = z.enum(["text", "number", "single_select", "multi_select", "rich_text", "date"]).catch("text");

type AttributeRow = Prisma.ChannelAttributeGetPayload<object>;

/** A stored channel attribute as the adapters describe it. */
export function toRemoteAttribute(row: AttributeRow): RemoteAttribute {
  return {
    key: row.key,
    label: row.label,
    required: row.required,
    type: attributeType.parse(row.type),
    options: options.parse(row.options),
    variant: row.variant,
    fromListing: row.fromListing,
    allowsCustomValue: row.allowsCustomValue,
    ...(row.unit ? { unit: row.unit } : {}),
  };
}
