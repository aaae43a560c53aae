ALTER TABLE `members` ADD `left` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `profiles_image_idx` ON `profiles` (`image_url`);--> statement-breakpoint
CREATE INDEX `servers_image_idx` ON `servers` (`image_url`);--> statement-breakpoint
CREATE INDEX `direct_messages_file_idx` ON `direct_messages` (`file_url`);--> statement-breakpoint
CREATE INDEX `messages_file_idx` ON `messages` (`file_url`);