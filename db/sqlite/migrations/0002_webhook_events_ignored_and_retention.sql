PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_webhook_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`received_at` integer NOT NULL,
	`event` text,
	`charge_id` text,
	`reference_id` text,
	`status` text,
	`outcome` text NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
-- Edited by hand: drizzle-kit selected the new "event" column from the old table. Until now only
-- ewallet.capture callbacks were recorded.
INSERT INTO `__new_webhook_events`("id", "received_at", "event", "charge_id", "reference_id", "status", "outcome", "body") SELECT "id", "received_at", 'ewallet.capture', "charge_id", "reference_id", "status", "outcome", "body" FROM `webhook_events`;--> statement-breakpoint
DROP TABLE `webhook_events`;--> statement-breakpoint
ALTER TABLE `__new_webhook_events` RENAME TO `webhook_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `webhook_events_received` ON `webhook_events` (`received_at`);--> statement-breakpoint
-- Added by hand: bodies stored so far keep the OVO number masked as maskPhone does (0812****7890).
UPDATE `webhook_events` SET `body` = json_set(`body`, '$.data.channel_properties.mobile_number',
	substr(CASE WHEN json_extract(`body`, '$.data.channel_properties.mobile_number') LIKE '+62%'
		THEN '0' || substr(json_extract(`body`, '$.data.channel_properties.mobile_number'), 4)
		ELSE json_extract(`body`, '$.data.channel_properties.mobile_number') END, 1, 4)
	|| '****' || substr(json_extract(`body`, '$.data.channel_properties.mobile_number'), -4))
WHERE json_valid(`body`) AND json_type(`body`, '$.data.channel_properties.mobile_number') = 'text';
