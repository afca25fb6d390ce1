-- A campaign is not completed while a contact upload into it is still running (its next batch
-- would land in a finished campaign): the dialer looks for running jobs of the campaign.
create index job_running_by_campaign on job (campaign_id) where status = 'running';
