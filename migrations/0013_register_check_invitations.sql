CREATE TABLE `unit_invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`school_unit_code` text NOT NULL,
	`sent_at` text NOT NULL,
	`sent_by` integer,
	FOREIGN KEY (`sent_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `unit_invitations_code_sent_idx` ON `unit_invitations` (`school_unit_code`,`sent_at`);--> statement-breakpoint
ALTER TABLE `schools` ADD `register_check` text DEFAULT 'unverified' NOT NULL;--> statement-breakpoint
CREATE INDEX `schools_register_check_idx` ON `schools` (`register_check`);