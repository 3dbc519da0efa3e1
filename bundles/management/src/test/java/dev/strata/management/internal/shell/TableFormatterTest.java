package dev.strata.management.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class TableFormatterTest {

    @Test
    void columnsAreAsWideAsTheirWidestCellAndLinesHaveNoTrailingBlanks() {
        String table = TableFormatter.table(List.of("A", "LONG HEADER", "C"),
                List.of(List.of("wide cell", "x", ""), Arrays.asList("y", null, "last")));
        assertEquals("""
                A          LONG HEADER  C
                ---------  -----------  ----
                wide cell  x
                y                       last""", table);
    }

    @Test
    void controlCharactersInCellsCannotBreakTheLayout() {
        assertEquals("H\n----\na\\nb", TableFormatter.table(List.of("H"), List.of(List.of("a\nb"))));
    }
}
