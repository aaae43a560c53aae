-- The database keeps what depends on a message current by itself, in the write's own transaction:
-- a reaction that comes or goes raises its message's `version` (so `after=` catch-up brings it), and the full-text
-- index holds the current text of every message that is not deleted (so an edit is found by its new text only).
CREATE TRIGGER `message_reactions_version_insert` AFTER INSERT ON `message_reactions` BEGIN
  UPDATE `message_versions` SET `value` = `value` + 1 WHERE `id` = 1;
  UPDATE `messages` SET `version` = (SELECT `value` FROM `message_versions` WHERE `id` = 1) WHERE `id` = NEW.`message_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `message_reactions_version_delete` AFTER DELETE ON `message_reactions` BEGIN
  UPDATE `message_versions` SET `value` = `value` + 1 WHERE `id` = 1;
  UPDATE `messages` SET `version` = (SELECT `value` FROM `message_versions` WHERE `id` = 1) WHERE `id` = OLD.`message_id`;
END;
--> statement-breakpoint
-- words are matched case- and accent-blind: unicode61 folds case and, with remove_diacritics 2, every accent
CREATE VIRTUAL TABLE `messages_fts` USING fts5(`content`, content='messages', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO `messages_fts` (`rowid`, `content`) SELECT `seq`, `content` FROM `messages` WHERE `deleted` = 0;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_insert` AFTER INSERT ON `messages` WHEN NEW.`deleted` = 0 BEGIN
  INSERT INTO `messages_fts` (`rowid`, `content`) VALUES (NEW.`seq`, NEW.`content`);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF `content`, `deleted` ON `messages` BEGIN
  INSERT INTO `messages_fts` (`messages_fts`, `rowid`, `content`) SELECT 'delete', OLD.`seq`, OLD.`content` WHERE OLD.`deleted` = 0;
  INSERT INTO `messages_fts` (`rowid`, `content`) SELECT NEW.`seq`, NEW.`content` WHERE NEW.`deleted` = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages` WHEN OLD.`deleted` = 0 BEGIN
  INSERT INTO `messages_fts` (`messages_fts`, `rowid`, `content`) VALUES ('delete', OLD.`seq`, OLD.`content`);
END;
--> statement-breakpoint
CREATE TRIGGER `direct_message_reactions_version_insert` AFTER INSERT ON `direct_message_reactions` BEGIN
  UPDATE `message_versions` SET `value` = `value` + 1 WHERE `id` = 1;
  UPDATE `direct_messages` SET `version` = (SELECT `value` FROM `message_versions` WHERE `id` = 1) WHERE `id` = NEW.`message_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `direct_message_reactions_version_delete` AFTER DELETE ON `direct_message_reactions` BEGIN
  UPDATE `message_versions` SET `value` = `value` + 1 WHERE `id` = 1;
  UPDATE `direct_messages` SET `version` = (SELECT `value` FROM `message_versions` WHERE `id` = 1) WHERE `id` = OLD.`message_id`;
END;
--> statement-breakpoint
-- words are matched case- and accent-blind: unicode61 folds case and, with remove_diacritics 2, every accent
CREATE VIRTUAL TABLE `direct_messages_fts` USING fts5(`content`, content='direct_messages', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO `direct_messages_fts` (`rowid`, `content`) SELECT `seq`, `content` FROM `direct_messages` WHERE `deleted` = 0;
--> statement-breakpoint
CREATE TRIGGER `direct_messages_fts_insert` AFTER INSERT ON `direct_messages` WHEN NEW.`deleted` = 0 BEGIN
  INSERT INTO `direct_messages_fts` (`rowid`, `content`) VALUES (NEW.`seq`, NEW.`content`);
END;
--> statement-breakpoint
CREATE TRIGGER `direct_messages_fts_update` AFTER UPDATE OF `content`, `deleted` ON `direct_messages` BEGIN
  INSERT INTO `direct_messages_fts` (`direct_messages_fts`, `rowid`, `content`) SELECT 'delete', OLD.`seq`, OLD.`content` WHERE OLD.`deleted` = 0;
  INSERT INTO `direct_messages_fts` (`rowid`, `content`) SELECT NEW.`seq`, NEW.`content` WHERE NEW.`deleted` = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `direct_messages_fts_delete` AFTER DELETE ON `direct_messages` WHEN OLD.`deleted` = 0 BEGIN
  INSERT INTO `direct_messages_fts` (`direct_messages_fts`, `rowid`, `content`) VALUES ('delete', OLD.`seq`, OLD.`content`);
END;
