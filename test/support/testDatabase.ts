import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type Db } from "../../src/db.js";
import { adminUrl, databaseName, dropDatabase, withDatabase } from "../../src/services.js";

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** A private copy of the migrated template database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject("templateDatabaseUrl");
  const name = `${databaseName(template)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl(template) });
  await admin.connect();
  try {
    // Two files cloning the template at the same instant collide ("being accessed by other users"): retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${databaseName(template)}"`);
        break;
      } catch (err) {
        if (attempt >= 30 || !String(err).includes("being accessed")) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(template, name);
  const db = createDb(url, 5);
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await dropDatabase(url);
    },
  };
}

/** A queue prefix private to one test. */
export function testQueuePrefix(label: string): string {
  return `${inject("queuePrefix")}-${label}-${randomBytes(3).toString("hex")}`;
}
