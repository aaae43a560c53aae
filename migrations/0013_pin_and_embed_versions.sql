-- A pin, an unpin and a filled link preview raise the message's `version` too, as an edit does, so `after=` catch-up
-- brings them: the update triggers of migration 0001 now also watch `pinned_at` and `embeds`.
DROP TRIGGER `messages_version_update`;
--> statement-breakpoint
CREATE TRIGGER `messages_version_update` AFTER UPDATE OF `content`, `file_url`, `deleted`, `pinned_at`, `embeds` ON `messages` BEGIN
  UPDATE `message_versions` SET `value` = `value` + 1 WHERE `id` = 1;
  UPDATE `messages` SET `version` = (SELECT `value` FROM `message_versions` WHERE `id` = 1) WHERE `seq` = NEW.`seq`;
END;
--> statement-breakpoint
DROP TRIGGER `direct_messages_version_update`;
--> statement-breakpoint
CREATE TRIGGER `direct_messages_version_update` AFTER UPDATE OF `content`, `file_url`, `deleted`, `pinned_at`, `embeds` ON `direct_messages` BEGIN
  UPDATE `message_versions` SET `value` = `value` + 1 WHERE `id` = 1;
  UPDATE `direct_messages` SET `version` = (SELECT `value` FROM `message_versions` WHERE `id` = 1) WHERE `seq` = NEW.`seq`;
END;
