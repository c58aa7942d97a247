/** Authenticated encryption of the secrets events carry (addresses, links), and their masked form. */
package io.resetflow.schemas.seal;
