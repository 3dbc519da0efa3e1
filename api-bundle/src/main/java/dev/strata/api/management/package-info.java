/**
 * The management model shared by the runtime, the console and the CLI: MXBean interfaces under the JMX domain
 * {@value dev.strata.api.management.ObjectNames#DOMAIN}, and the job model (state, progress, result). The console and
 * the CLI compile against this package and JMX only.
 */
@Export
@Version("0.2.0")
package dev.strata.api.management;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
