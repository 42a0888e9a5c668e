CREATE TABLE `broadcast_recipients` (
	`broadcast_id` integer NOT NULL,
	`merchant_id` integer NOT NULL,
	`chat_id` integer NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`error` text,
	`sent_at` integer,
	PRIMARY KEY(`broadcast_id`, `merchant_id`),
	FOREIGN KEY (`broadcast_id`) REFERENCES `broadcasts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `broadcast_recipients_status` ON `broadcast_recipients` (`broadcast_id`,`status`);--> statement-breakpoint
CREATE TABLE `broadcasts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`admin_id` integer NOT NULL,
	`admin_chat_id` integer NOT NULL,
	`source_chat_id` integer NOT NULL,
	`source_message_id` integer NOT NULL,
	`audience` text NOT NULL,
	`status` text NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`progress_message_id` integer,
	`progress_at` integer,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer
);
--> statement-breakpoint
CREATE TABLE `conversation_states` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `invoice_counters` (
	`period` text PRIMARY KEY NOT NULL,
	`last_value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topup_id` integer NOT NULL,
	`merchant_id` integer NOT NULL,
	`number` text NOT NULL,
	`issued_at` integer NOT NULL,
	`content` text NOT NULL,
	`telegram_file_id` text,
	FOREIGN KEY (`topup_id`) REFERENCES `topups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_topup_id_unique` ON `invoices` (`topup_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_number_unique` ON `invoices` (`number`);--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`merchant_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`kind` text NOT NULL,
	`topup_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`topup_id`) REFERENCES `topups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_topup_id_unique` ON `ledger_entries` (`topup_id`);--> statement-breakpoint
CREATE TABLE `merchants` (
	`id` integer PRIMARY KEY NOT NULL,
	`chat_id` integer NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text,
	`username` text,
	`language` text,
	`telegram_language` text,
	`store_name` text,
	`last_phone` text,
	`blocked_at` integer,
	`muted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`chat_id` integer NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `topups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference_id` text NOT NULL,
	`request_key` text NOT NULL,
	`merchant_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`currency` text DEFAULT 'IDR' NOT NULL,
	`channel_code` text DEFAULT 'ID_OVO' NOT NULL,
	`phone` text NOT NULL,
	`status` text NOT NULL,
	`charge_id` text,
	`failure_code` text,
	`flag` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`check_at` integer,
	`check_attempts` integer DEFAULT 0 NOT NULL,
	`paid_at` integer,
	`finalized_at` integer,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topups_reference_id_unique` ON `topups` (`reference_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `topups_request_key_unique` ON `topups` (`request_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `topups_charge_id_unique` ON `topups` (`charge_id`);--> statement-breakpoint
CREATE INDEX `topups_merchant_created` ON `topups` (`merchant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `topups_status_check` ON `topups` (`status`,`check_at`);--> statement-breakpoint
CREATE INDEX `topups_phone_created` ON `topups` (`phone`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`received_at` integer NOT NULL,
	`charge_id` text NOT NULL,
	`reference_id` text NOT NULL,
	`status` text NOT NULL,
	`outcome` text NOT NULL,
	`body` text NOT NULL
);
