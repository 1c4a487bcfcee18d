import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

// The whole D1 schema. Change it here, then `npm run db:generate` writes the migration.

/**
 * A stadsdelsnämnd/stadsdelsförvaltning. Districts merge over time, so they are data with a
 * validity period and a link to their successor, never code.
 */
export const districts = sqliteTable(
  'districts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    /** ISO date (YYYY-MM-DD) the district came into being, or the earliest date we know it. */
    validFrom: text('valid_from').notNull(),
    /** ISO date of the last day it existed; null while it still exists. */
    validTo: text('valid_to'),
    successorId: integer('successor_id').references((): AnySQLiteColumn => districts.id),
    /** The district's contact function (a function, never a named person); null until filled in. */
    contactFunction: text('contact_function'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    contactHours: text('contact_hours'),
    contactChangedAt: text('contact_changed_at'),
    createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index('districts_valid_to_idx').on(t.validTo)],
);

export type District = typeof districts.$inferSelect;
