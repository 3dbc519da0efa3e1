/**
 * Implementation of the crypto bundle's services (not exported): helpers shared by the cipher, codec and key
 * packages.
 */
package dev.strata.crypto.internal;
