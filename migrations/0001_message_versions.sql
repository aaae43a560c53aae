-- The database raises `version` on every create, edit and delete of a message, in commit order: SQLite runs
-- writes one at a time, so the shared counter can never hand two writes the same number or commit them out of order.
INSERT INTO `message_versions` (`id`, `value`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `messages_version_insert` AFTER INSERT ON `messages` BEGIN
  UPDATE `message_versions` SET `value` = `value` + 1 WHERE `id` = 1;
  UPDATE `messages` SET `version` = (SELECT `value` FROM `message_versions` WHERE `id` = 1) WHERE `seq` = NEW.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `messages_version_update` AFTER UPDATE OF `content`, `file_url`, `deleted` ON `messages` BEGIN
  UPDATE `message_versions` SET `value` = `value` + 1 WHERE `id` = 1;
  UPDATE `messages` SET `version` = (SELECT `value` FROM `message_versions` WHERE `id` = 1) WHERE `seq` = NEW.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `direct_messages_version_insert` AFTER INSERT ON `direct_messages` BEGIN
  UPDATE `message_versions` SET `value` = `value` + 1 WHERE `id` = 1;
  UPDATE `direct_messages` SET `version` = (SELECT `value` FROM `message_versions` WHERE `id` = 1) WHERE `seq` = NEW.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `direct_messages_version_update` AFTER UPDATE OF `content`, `file_url`, `deleted` ON `direct_messages` BEGIN
  UPDATE `message_versions` SET `value` = `value` + 1 WHERE `id` = 1;
  UPDATE `direct_messages` SET `version` = (SELECT `value` FROM `message_versions` WHERE `id` = 1) WHERE `seq` = NEW.`seq`;
END;
