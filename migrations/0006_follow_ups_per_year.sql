-- A follow-up belongs to the school and the Stockholm year it is made in, not to one version of
-- the agreement text: rebuilt by hand, since the new key needs the school from the agreement.
CREATE TABLE `__new_follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`school_id` integer NOT NULL,
	`agreement_id` integer NOT NULL,
	`district_id` integer NOT NULL,
	`year` integer NOT NULL,
	`school` text,
	`district` text,
	`school_submitted_at` text,
	`district_submitted_at` text,
	`reminded_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT OR IGNORE INTO `__new_follow_ups` (`id`, `school_id`, `agreement_id`, `district_id`, `year`, `school`, `district`, `school_submitted_at`, `district_submitted_at`, `reminded_at`, `updated_at`)
	SELECT f.`id`, a.`school_id`, f.`agreement_id`, f.`district_id`,
		CAST(strftime('%Y', coalesce(f.`school_submitted_at`, f.`district_submitted_at`, f.`updated_at`)) AS integer),
		f.`school`, f.`district`, f.`school_submitted_at`, f.`district_submitted_at`, f.`reminded_at`, f.`updated_at`
	FROM `follow_ups` f JOIN `agreements` a ON a.`id` = f.`agreement_id`
	ORDER BY (f.`school_submitted_at` IS NOT NULL) + (f.`district_submitted_at` IS NOT NULL) DESC, f.`id`;
--> statement-breakpoint
DROP TABLE `follow_ups`;--> statement-breakpoint
ALTER TABLE `__new_follow_ups` RENAME TO `follow_ups`;--> statement-breakpoint
CREATE UNIQUE INDEX `follow_ups_school_year` ON `follow_ups` (`school_id`,`year`);--> statement-breakpoint
CREATE INDEX `follow_ups_district_year_idx` ON `follow_ups` (`district_id`,`year`);--> statement-breakpoint
ALTER TABLE `agreements` ADD `replaced_at` text;--> statement-breakpoint
ALTER TABLE `agreements` ADD `replaced_by` integer;
