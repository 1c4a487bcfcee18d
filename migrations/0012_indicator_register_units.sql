ALTER TABLE `indicator_snapshots` ADD `register_units` integer;--> statement-breakpoint
ALTER TABLE `indicator_snapshots` ADD `register_with_valid_agreement` integer;