DROP INDEX `memberships_unique`;--> statement-breakpoint
-- Databases seeded more than once hold duplicate officer and coordinator roles (NULLs never
-- collided in the old index): keep the oldest of each before the new index forbids them.
DELETE FROM `memberships` WHERE `id` NOT IN (SELECT min(`id`) FROM `memberships` GROUP BY `user_id`, `role`, (case when school_id is null then 0 else school_id end), (case when district_id is null then 0 else district_id end));--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_one_role` ON `memberships` (`user_id`,`role`,(case when school_id is null then 0 else school_id end),(case when district_id is null then 0 else district_id end));
