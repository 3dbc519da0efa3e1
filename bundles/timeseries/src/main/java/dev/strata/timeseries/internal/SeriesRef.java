package dev.strata.timeseries.internal;

import dev.strata.api.timeseries.Series;

/** A stored series and its dictionary id. */
record SeriesRef(long id, Series series) {
}
