CREATE TABLE `profiles` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`image_url` text,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `profiles_email_unique` ON `profiles` (`email`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`profile_id` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_profile_idx` ON `sessions` (`profile_id`);--> statement-breakpoint
CREATE TABLE `channels` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text DEFAULT 'TEXT' NOT NULL,
	`profile_id` text NOT NULL,
	`server_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`server_id`) REFERENCES `servers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `channels_server_idx` ON `channels` (`server_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`role` text DEFAULT 'GUEST' NOT NULL,
	`profile_id` text NOT NULL,
	`server_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`server_id`) REFERENCES `servers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_server_profile_idx` ON `members` (`server_id`,`profile_id`);--> statement-breakpoint
CREATE INDEX `members_profile_idx` ON `members` (`profile_id`);--> statement-breakpoint
CREATE TABLE `servers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`image_url` text,
	`invite_code` text NOT NULL,
	`profile_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `servers_invite_code_unique` ON `servers` (`invite_code`);--> statement-breakpoint
CREATE INDEX `servers_profile_idx` ON `servers` (`profile_id`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`member_one_id` text NOT NULL,
	`member_two_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_one_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_two_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversations_pair_idx` ON `conversations` (`member_one_id`,`member_two_id`);--> statement-breakpoint
CREATE INDEX `conversations_member_two_idx` ON `conversations` (`member_two_id`);--> statement-breakpoint
CREATE TABLE `direct_messages` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`content` text NOT NULL,
	`file_url` text,
	`deleted` integer DEFAULT false NOT NULL,
	`conversation_id` text NOT NULL,
	`member_id` text NOT NULL,
	`nonce` text,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `direct_messages_id_unique` ON `direct_messages` (`id`);--> statement-breakpoint
CREATE INDEX `direct_messages_conversation_seq_idx` ON `direct_messages` (`conversation_id`,`seq`);--> statement-breakpoint
CREATE INDEX `direct_messages_conversation_version_idx` ON `direct_messages` (`conversation_id`,`version`);--> statement-breakpoint
CREATE INDEX `direct_messages_member_idx` ON `direct_messages` (`member_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `direct_messages_nonce_idx` ON `direct_messages` (`conversation_id`,`member_id`,`nonce`);--> statement-breakpoint
CREATE TABLE `message_versions` (
	`id` integer PRIMARY KEY NOT NULL,
	`value` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`content` text NOT NULL,
	`file_url` text,
	`deleted` integer DEFAULT false NOT NULL,
	`channel_id` text NOT NULL,
	`member_id` text NOT NULL,
	`nonce` text,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_id_unique` ON `messages` (`id`);--> statement-breakpoint
CREATE INDEX `messages_channel_seq_idx` ON `messages` (`channel_id`,`seq`);--> statement-breakpoint
CREATE INDEX `messages_channel_version_idx` ON `messages` (`channel_id`,`version`);--> statement-breakpoint
CREATE INDEX `messages_member_idx` ON `messages` (`member_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_nonce_idx` ON `messages` (`channel_id`,`member_id`,`nonce`);