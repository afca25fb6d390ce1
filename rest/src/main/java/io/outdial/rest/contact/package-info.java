/**
 * Contact uploads into a campaign. Each upload is a job: good rows are kept, bad ones counted with
 * their row numbers, duplicates (within the upload or against the campaign) skipped.
 */
package io.outdial.rest.contact;
