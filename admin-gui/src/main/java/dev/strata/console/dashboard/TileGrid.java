package dev.strata.console.dashboard;

import java.util.List;

import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;

/**
 * Which tile an arrow key moves to in the flowing rows of tiles: left and right to the previous and next tile (across
 * a row's end), up and down to the tile of the row above or below nearest in x. The tiles' rows depend on the
 * window's width, so they are read from where the tiles are laid out, not from a fixed column count.
 */
public final class TileGrid {

    private static final double SAME_ROW = 0.5;

    private TileGrid() {
    }

    /**
     * @param corners the tiles' top-left corners, in the order they flow
     * @return the index to move to; {@code from} itself when there is none that way (the first, the last, the top
     *         or the bottom row), or -1 for a key that is not an arrow
     */
    public static int neighbour(List<Point2D> corners, int from, KeyCode key) {
        return switch (key) {
            case LEFT, KP_LEFT -> Math.max(0, from - 1);
            case RIGHT, KP_RIGHT -> Math.min(corners.size() - 1, from + 1);
            case UP, KP_UP -> nearestInRow(corners, from, -1);
            case DOWN, KP_DOWN -> nearestInRow(corners, from, 1);
            default -> -1;
        };
    }

    /** The tile nearest in x in the next row that way ({@code direction} -1 up, 1 down). */
    private static int nearestInRow(List<Point2D> corners, int from, int direction) {
        Point2D here = corners.get(from);
        double rowY = Double.NaN;
        for (Point2D corner : corners) { // the row just above or below: the closest y beyond this row
            double dy = (corner.getY() - here.getY()) * direction;
            if (dy > SAME_ROW && (Double.isNaN(rowY) || dy < (rowY - here.getY()) * direction)) {
                rowY = corner.getY();
            }
        }
        if (Double.isNaN(rowY)) {
            return from;
        }
        int best = from;
        double bestDx = Double.MAX_VALUE;
        for (int i = 0; i < corners.size(); i++) {
            Point2D corner = corners.get(i);
            double dx = Math.abs(corner.getX() - here.getX());
            if (Math.abs(corner.getY() - rowY) <= SAME_ROW && dx < bestDx) {
                best = i;
                bestDx = dx;
            }
        }
        return best;
    }
}
