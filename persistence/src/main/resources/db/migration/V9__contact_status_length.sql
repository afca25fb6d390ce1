-- Contact states are core's ContactState wire names; no_calling_window has 17 characters and did not
-- fit, which failed the whole claim it came up in. Widening a varchar rewrites nothing.
alter table contact alter column status type varchar(32);
