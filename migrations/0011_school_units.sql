CREATE TABLE `register_syncs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ran_at` text NOT NULL,
	`municipality_code` text NOT NULL,
	`outcome` text NOT NULL,
	`units_seen` integer NOT NULL,
	`added` integer NOT NULL,
	`changed` integer NOT NULL,
	`closed` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `register_syncs_outcome_idx` ON `register_syncs` (`outcome`,`id`);--> statement-breakpoint
CREATE TABLE `school_units` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`organizer_name` text NOT NULL,
	`organizer_type` text NOT NULL,
	`org_number` text,
	`municipality_code` text NOT NULL,
	`status` text NOT NULL,
	`forms` text NOT NULL,
	`street_address` text,
	`postcode` text,
	`postal_town` text,
	`email` text,
	`content_hash` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`synced_at` text NOT NULL,
	`closed_at` text,
	CONSTRAINT "school_units_closed_at" CHECK(("school_units"."status" = 'closed') = ("school_units"."closed_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `school_units_status_type_idx` ON `school_units` (`status`,`organizer_type`,`code`);