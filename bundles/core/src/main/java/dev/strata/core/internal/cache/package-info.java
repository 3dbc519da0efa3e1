/** Core's read cache: a decorator of the engine, coherent with commits and snapshot isolation. */
package dev.strata.core.internal.cache;
