CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`server_id` text NOT NULL,
	`action` text NOT NULL,
	`actor_id` text NOT NULL,
	`target_id` text,
	`reason` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`server_id`) REFERENCES `servers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_id_unique` ON `audit_log` (`id`);--> statement-breakpoint
CREATE INDEX `audit_log_server_idx` ON `audit_log` (`server_id`,`seq`);--> statement-breakpoint
CREATE TABLE `embed_images` (
	`message_id` text NOT NULL,
	`image_key` text NOT NULL,
	`image_type` text NOT NULL,
	`image_size` integer NOT NULL,
	PRIMARY KEY(`message_id`, `image_key`)
);
--> statement-breakpoint
CREATE INDEX `embed_images_key_idx` ON `embed_images` (`image_key`);--> statement-breakpoint
CREATE TABLE `link_previews` (
	`url` text PRIMARY KEY NOT NULL,
	`embed` text,
	`fetched_at` text NOT NULL,
	`image_key` text,
	`image_type` text,
	`image_size` integer
);
--> statement-breakpoint
CREATE INDEX `link_previews_image_idx` ON `link_previews` (`image_key`);--> statement-breakpoint
CREATE TABLE `notification_settings` (
	`profile_id` text NOT NULL,
	`room_id` text NOT NULL,
	`level` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`profile_id`, `room_id`),
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `channels` ADD `slowmode_seconds` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `direct_messages` ADD `pinned_at` text;--> statement-breakpoint
ALTER TABLE `direct_messages` ADD `embeds` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
CREATE INDEX `direct_messages_pinned_idx` ON `direct_messages` (`conversation_id`,`pinned_at`) WHERE pinned_at IS NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `pinned_at` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `embeds` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
CREATE INDEX `messages_pinned_idx` ON `messages` (`channel_id`,`pinned_at`) WHERE pinned_at IS NOT NULL;