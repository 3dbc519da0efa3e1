/**
 * The management model shared by the runtime, the console and the CLI: MXBean interfaces under the JMX domain
 * {@value dev.strata.api.management.ObjectNames#DOMAIN}, and the job model (state, progress, result). The console and
 * the CLI compile against this package and JMX only.
 * <p>
 * 0.2.0 adds, beside the MXBeans, the job service ({@link dev.strata.api.management.JobService}), its typed
 * requests and {@link dev.strata.api.management.MigrationTransform}, and widens
 * {@link dev.strata.api.management.JobInfo} (its 0.1 constructor and accessors are kept).
 * <p>
 * 0.3.0 adds the document layer's bean for the console's data browser
 * ({@link dev.strata.api.management.DocumentsMXBean}, {@link dev.strata.api.management.ObjectNames#documents()}),
 * the data browser and backend beans ({@link dev.strata.api.management.DataBrowserMXBean},
 * {@link dev.strata.api.management.BackendMXBean}), store forms from the metatype
 * ({@link dev.strata.api.management.SettingInfo}), store health ({@link dev.strata.api.management.StoreHealth}), the
 * EventAdmin topics ({@link dev.strata.api.management.StorageEvents}), and operator actions on a store
 * ({@link dev.strata.api.management.StoreControl#close}, {@code checkpoint}, {@code compact}), and
 * {@link dev.strata.api.management.EngineMigrationRequest} (a store moved to another engine in place) with
 * {@link dev.strata.api.management.JobService#confirm}.
 * <p>
 * 0.5.0 adds the fallback replay: {@link dev.strata.api.management.StoreFallback} (offered by core) and
 * {@link dev.strata.api.management.FallbackReplayRequest}, the job that replays a fallback journal.
 * <p>
 * 0.6.0 adds {@link dev.strata.api.management.StoreStatusListener}, core's whiteboard for store status changes.
 * <p>
 * 0.7.0 adds each store's figures per kind of operation and its errors by type to
 * {@link dev.strata.api.management.StoreMXBean} ({@code getOperations}, {@code getErrors}), and the key-value index
 * operations of {@link dev.strata.api.management.DocumentsMXBean} (list, find by index, create, drop) with
 * {@link dev.strata.api.management.DocumentKeyValueIndexInfo}.
 */
@Export
@Version("0.8.0")
package dev.strata.api.management;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
