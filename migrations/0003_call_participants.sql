CREATE TABLE `call_participants` (
	`room_id` text NOT NULL,
	`profile_id` text NOT NULL,
	`joined_at` text NOT NULL,
	PRIMARY KEY(`room_id`, `profile_id`),
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `call_participants_profile_idx` ON `call_participants` (`profile_id`);