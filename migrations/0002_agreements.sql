CREATE TABLE `agreements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`school_id` integer NOT NULL,
	`district_id` integer NOT NULL,
	`district_name` text NOT NULL,
	`template_version` integer NOT NULL,
	`revision_of` integer,
	`status` text NOT NULL,
	`additions` text NOT NULL,
	`return_comment` text,
	`verification_code` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`signed_at` text,
	`confirmed_at` text,
	`valid_from` text,
	`valid_to` text,
	`re_sign_by` text,
	`reminded_30_at` text,
	`reminded_7_at` text,
	`district_reminded_at` text,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreements_verification_code_unique` ON `agreements` (`verification_code`);--> statement-breakpoint
CREATE INDEX `agreements_school_idx` ON `agreements` (`school_id`);--> statement-breakpoint
CREATE INDEX `agreements_district_status_idx` ON `agreements` (`district_id`,`status`,`signed_at`);--> statement-breakpoint
CREATE INDEX `agreements_status_valid_to_idx` ON `agreements` (`status`,`valid_to`);--> statement-breakpoint
CREATE TABLE `signatures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`party` text NOT NULL,
	`user_id` integer NOT NULL,
	`email` text NOT NULL,
	`full_name` text NOT NULL,
	`statement` text NOT NULL,
	`signed_at` text NOT NULL,
	`document_sha256` text NOT NULL,
	`document_text` text NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `signatures_agreement_idx` ON `signatures` (`agreement_id`);--> statement-breakpoint
CREATE TABLE `template_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`content` text NOT NULL,
	`canonical_text` text NOT NULL,
	`sha256` text NOT NULL,
	`published_at` text NOT NULL,
	`published_by` integer,
	`re_sign_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `template_versions_version_unique` ON `template_versions` (`version`);