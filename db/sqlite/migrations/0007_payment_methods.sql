PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_topups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference_id` text NOT NULL,
	`request_key` text NOT NULL,
	`merchant_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`currency` text DEFAULT 'IDR' NOT NULL,
	`channel_code` text DEFAULT 'ID_OVO' NOT NULL,
	`phone` text,
	`status` text NOT NULL,
	`charge_id` text,
	`failure_code` text,
	`flag` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`check_at` integer,
	`check_attempts` integer DEFAULT 0 NOT NULL,
	`claimed_until` integer,
	`paid_at` integer,
	`finalized_at` integer,
	`pay_code` text,
	`expires_at` integer,
	`prompt_message_id` integer,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_topups`("id", "reference_id", "request_key", "merchant_id", "amount", "currency", "channel_code", "phone", "status", "charge_id", "failure_code", "flag", "created_at", "updated_at", "check_at", "check_attempts", "claimed_until", "paid_at", "finalized_at") SELECT "id", "reference_id", "request_key", "merchant_id", "amount", "currency", "channel_code", "phone", "status", "charge_id", "failure_code", "flag", "created_at", "updated_at", "check_at", "check_attempts", "claimed_until", "paid_at", "finalized_at" FROM `topups`;--> statement-breakpoint
DROP TABLE `topups`;--> statement-breakpoint
ALTER TABLE `__new_topups` RENAME TO `topups`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `topups_reference_id_unique` ON `topups` (`reference_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `topups_request_key_unique` ON `topups` (`request_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `topups_charge_id_unique` ON `topups` (`charge_id`);--> statement-breakpoint
CREATE INDEX `topups_merchant_created` ON `topups` (`merchant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `topups_status_check` ON `topups` (`status`,`check_at`);--> statement-breakpoint
CREATE INDEX `topups_phone_created` ON `topups` (`phone`,`created_at`);--> statement-breakpoint
CREATE INDEX `topups_created` ON `topups` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `topups_finalized` ON `topups` (`finalized_at`);