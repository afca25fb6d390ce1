/**
 * Stats arithmetic in one place: the counts a campaign's stats are built from and the formulas for
 * human answer rate, average call duration and elapsed time, with their rounding rules.
 */
package io.outdial.core.stats;
