package dev.strata.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;

import org.junit.jupiter.api.Test;

import dev.strata.console.dashboard.TileGrid;

/** The arrow keys between the dashboard's tiles, in rows of four and a last row of two. */
class TileGridTest {

    /** 10 tiles 200 wide and 90 high, 6 apart: rows 0-3, 4-7, 8-9. */
    private static List<Point2D> rows() {
        List<Point2D> corners = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            corners.add(new Point2D((i % 4) * 206, (i / 4) * 96));
        }
        return corners;
    }

    @Test
    void leftAndRightFollowTheFlowAcrossARowsEndAndStopAtTheEnds() {
        assertEquals(4, TileGrid.neighbour(rows(), 3, KeyCode.RIGHT), "the end of a row goes on to the next");
        assertEquals(3, TileGrid.neighbour(rows(), 4, KeyCode.LEFT));
        assertEquals(0, TileGrid.neighbour(rows(), 0, KeyCode.LEFT), "the first stays");
        assertEquals(9, TileGrid.neighbour(rows(), 9, KeyCode.RIGHT), "the last stays");
    }

    @Test
    void upAndDownGoToTheNearestTileOfTheNextRow() {
        assertEquals(6, TileGrid.neighbour(rows(), 2, KeyCode.DOWN));
        assertEquals(1, TileGrid.neighbour(rows(), 5, KeyCode.UP));
        assertEquals(9, TileGrid.neighbour(rows(), 7, KeyCode.DOWN), "a shorter last row: its nearest tile");
        assertEquals(5, TileGrid.neighbour(rows(), 9, KeyCode.UP));
        assertEquals(2, TileGrid.neighbour(rows(), 2, KeyCode.UP), "the top row stays");
        assertEquals(8, TileGrid.neighbour(rows(), 8, KeyCode.DOWN), "the bottom row stays");
        assertEquals(-1, TileGrid.neighbour(rows(), 2, KeyCode.ENTER), "not an arrow");
    }
}
