/** Types shared by every feature of the domain, such as the domain exceptions. */
package io.outdial.core;
