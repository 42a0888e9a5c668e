CREATE INDEX `topups_created` ON `topups` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `topups_finalized` ON `topups` (`finalized_at`);