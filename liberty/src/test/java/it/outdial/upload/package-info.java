/** Integration tests of CSV and Excel contact uploads, hostile files included. */
package it.outdial.upload;
