CREATE TABLE `rate_events` (
	`id` text PRIMARY KEY NOT NULL,
	`bucket` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_events_bucket_at_idx` ON `rate_events` (`bucket`,`at`);--> statement-breakpoint
ALTER TABLE `sign_in_failures` ADD `address` text;--> statement-breakpoint
CREATE INDEX `sign_in_failures_address_at_idx` ON `sign_in_failures` (`address`,`at`);