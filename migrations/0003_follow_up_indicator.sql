CREATE TABLE `follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`district_id` integer NOT NULL,
	`year` integer NOT NULL,
	`school` text,
	`district` text,
	`school_submitted_at` text,
	`district_submitted_at` text,
	`reminded_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `follow_ups_agreement_id_unique` ON `follow_ups` (`agreement_id`);--> statement-breakpoint
CREATE INDEX `follow_ups_district_year_idx` ON `follow_ups` (`district_id`,`year`);--> statement-breakpoint
CREATE TABLE `indicator_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`taken_on` text NOT NULL,
	`year` integer NOT NULL,
	`district_id` integer,
	`district_name` text NOT NULL,
	`kind` text NOT NULL,
	`registered` integer NOT NULL,
	`with_valid_agreement` integer NOT NULL,
	`awaiting` integer NOT NULL,
	`follow_ups_done` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_snapshots_unique` ON `indicator_snapshots` (`taken_on`,`district_name`,`kind`);--> statement-breakpoint
CREATE INDEX `indicator_snapshots_year_idx` ON `indicator_snapshots` (`year`,`taken_on`);