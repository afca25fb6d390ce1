/**
 * The persistence unit's life: Flyway migrations at start, one Hibernate {@code
 * EntityManagerFactory} for the application, and an {@code EntityManager} per JTA transaction.
 */
package io.outdial.persistence.jpa;
