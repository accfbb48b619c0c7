import type { Prisma } from "../generated/prisma/client.js";

export type OutboxEventType = "product.created" | "product.updated" | "product.deleted";

export interface OutboxWrite {
  aggregateType: "product";
  aggregateId: string;
  eventType: OutboxEventType;
  payload?: Prisma.InputJsonObject;
}

/** Must be called with the transaction that makes the change, so the event exists if and only if the change does. */
export async function writeOutbox(tx: Prisma.TransactionClient, event: OutboxWrite): Promise<void> {
  await tx.outboxEvent.create({
    data: {
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      eventType: event.eventType,
      payload: event.payload ?? {},
    },
  });
}
