/** Architecture rules that span modules, checked with ArchUnit against the production classes. */
package io.outdial.architecture;
