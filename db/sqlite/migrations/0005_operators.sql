CREATE TABLE `adjustments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`merchant_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`reason` text NOT NULL,
	`actor_id` integer NOT NULL,
	`actor_name` text NOT NULL,
	`request_key` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `adjustments_request_key_unique` ON `adjustments` (`request_key`);--> statement-breakpoint
CREATE INDEX `adjustments_merchant_created` ON `adjustments` (`merchant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `adjustments_created` ON `adjustments` (`created_at`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`key` text PRIMARY KEY NOT NULL,
	`raised_at` integer,
	`cleared_at` integer
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`actor_name` text,
	`action` text NOT NULL,
	`object_type` text,
	`object_id` text,
	`reason` text,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `exceptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`topup_id` integer,
	`outbox_id` integer,
	`reason` text NOT NULL,
	`opened_at` integer NOT NULL,
	`resolved_at` integer,
	`resolution` text,
	`resolved_by` integer,
	`resolution_reason` text,
	FOREIGN KEY (`topup_id`) REFERENCES `topups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exceptions_key_unique` ON `exceptions` (`key`);--> statement-breakpoint
CREATE INDEX `exceptions_open` ON `exceptions` (`resolved_at`,`opened_at`);--> statement-breakpoint
CREATE INDEX `exceptions_topup` ON `exceptions` (`topup_id`);--> statement-breakpoint
CREATE TABLE `scheduled_runs` (
	`job` text NOT NULL,
	`period` text NOT NULL,
	`claimed_until` integer NOT NULL,
	`finished_at` integer,
	PRIMARY KEY(`job`, `period`)
);
--> statement-breakpoint
ALTER TABLE `ledger_entries` ADD `adjustment_id` integer REFERENCES adjustments(id);--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_adjustment_id_unique` ON `ledger_entries` (`adjustment_id`);--> statement-breakpoint
-- What was flagged or undeliverable before exceptions had a table of their own is open for an operator now.
INSERT INTO `exceptions` (`key`, `kind`, `topup_id`, `reason`, `opened_at`) SELECT 'flagged:' || `id`, 'flagged', `id`, `flag`, `updated_at` FROM `topups` WHERE `flag` IS NOT NULL;--> statement-breakpoint
INSERT INTO `exceptions` (`key`, `kind`, `outbox_id`, `reason`, `opened_at`) SELECT 'undeliverable:' || `id`, 'undeliverable', `id`, coalesce(`last_error`, 'undeliverable'), `next_attempt_at` FROM `outbox` WHERE `status` = 'dead';
