PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`links` text NOT NULL,
	`created_at` text NOT NULL,
	`sent_at` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`claim` text,
	`claimed_at` text,
	`last_error` text,
	CONSTRAINT "outbox_status" CHECK("__new_outbox"."status" in ('queued', 'sent', 'failed', 'discarded'))
);
--> statement-breakpoint
INSERT INTO `__new_outbox`("id", "to", "subject", "body", "links", "created_at", "sent_at", "status") SELECT "id", "to", "subject", "body", "links", "created_at", "sent_at", case when "sent_at" is null then 'queued' else 'sent' end FROM `outbox`;--> statement-breakpoint
DROP TABLE `outbox`;--> statement-breakpoint
ALTER TABLE `__new_outbox` RENAME TO `outbox`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `outbox_created_idx` ON `outbox` (`created_at`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);