CREATE TABLE `principal_handovers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`school_id` integer NOT NULL,
	`started_by` integer NOT NULL,
	`new_name` text NOT NULL,
	`new_email` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`closed_at` text,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `principal_handovers_one_pending` ON `principal_handovers` (`school_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE TABLE `write_guards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ok` integer NOT NULL,
	CONSTRAINT "expected_state" CHECK("write_guards"."ok" = 1)
);
--> statement-breakpoint
ALTER TABLE `agreements` ADD `version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `agreements_one_open_per_school` ON `agreements` (`school_id`) WHERE status in ('draft', 'awaiting', 'returned');--> statement-breakpoint
ALTER TABLE `sign_in_tokens` ADD `handover_id` integer REFERENCES principal_handovers(id);