CREATE TABLE `callback_repeats` (
	`reference_id` text NOT NULL,
	`charge_id` text NOT NULL,
	`event` text NOT NULL,
	`status` text NOT NULL,
	`outcome` text NOT NULL,
	`count` integer NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	PRIMARY KEY(`reference_id`, `charge_id`, `event`, `status`)
);
--> statement-breakpoint
CREATE INDEX `callback_repeats_last` ON `callback_repeats` (`last_at`);