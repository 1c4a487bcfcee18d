ALTER TABLE `audit_events` ADD `data_hash` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `redacted_at` text;--> statement-breakpoint
CREATE INDEX `audit_events_unredacted_at_idx` ON `audit_events` (`at`) WHERE "audit_events"."redacted_at" is null;--> statement-breakpoint
ALTER TABLE `signatures` ADD `audit_hash` text;