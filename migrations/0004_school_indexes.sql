DROP INDEX `schools_district_idx`;--> statement-breakpoint
CREATE INDEX `schools_district_name_idx` ON `schools` (`district_id`,`name`);--> statement-breakpoint
CREATE INDEX `schools_status_id_idx` ON `schools` (`status`,`id`);