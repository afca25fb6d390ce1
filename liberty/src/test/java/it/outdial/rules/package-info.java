/**
 * Integration tests of a campaign's own rules: scheduled start, retry policy, progress fields and
 * paging with page and pageSize.
 */
package it.outdial.rules;
