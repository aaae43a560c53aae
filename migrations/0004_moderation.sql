CREATE TABLE `sign_in_failures` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_failures_email_at_idx` ON `sign_in_failures` (`email`,`at`);--> statement-breakpoint
CREATE TABLE `bans` (
	`server_id` text NOT NULL,
	`profile_id` text NOT NULL,
	`reason` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`server_id`, `profile_id`),
	FOREIGN KEY (`server_id`) REFERENCES `servers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bans_server_created_idx` ON `bans` (`server_id`,`created_at`);--> statement-breakpoint
DROP INDEX `uploads_profile_idx`;--> statement-breakpoint
CREATE INDEX `uploads_profile_idx` ON `uploads` (`profile_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `servers` ADD `invite_expires_at` text;--> statement-breakpoint
ALTER TABLE `servers` ADD `invite_max_uses` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `servers` ADD `invite_uses` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `direct_messages_rate_idx` ON `direct_messages` (`conversation_id`,`member_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_rate_idx` ON `messages` (`channel_id`,`member_id`,`created_at`);