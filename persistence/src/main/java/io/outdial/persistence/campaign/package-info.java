/**
 * Campaigns and their contacts in PostgreSQL: creation with bulk contact insertion (duplicates
 * refused by a unique constraint), tenant-scoped look-ups, lifecycle transitions under a row lock,
 * and the counters behind campaign stats.
 */
package io.outdial.persistence.campaign;
