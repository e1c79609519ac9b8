package io.quartermaster.testing;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A screenshot for the documentation, written only when it shows something new: the picture is
 * compared with the one in the repository pixel by pixel, leaving out the regions that show what
 * differs on every run (generated names, ids and times). Rewriting an unchanged picture on every
 * test run would churn git with binary noise; a change of layout, colour or wording is rewritten.
 */
public final class DocScreenshot {

  /**
   * Pixels that may differ outside the masks, as a share of the picture: next to nothing. Runs of
   * the same code drew the README's pictures identically outside the masks (0 pixels of about a
   * million), while one changed glyph is some 500 pixels; this leaves room for a stray pixel of
   * antialiasing only.
   */
  static final double TOLERANCE = 0.0001;

  private DocScreenshot() {}

  /** How the new picture compares with the one on disk. */
  public record Outcome(boolean written, long differingPixels, long comparedPixels) {
    public double share() {
      return comparedPixels == 0 ? 1 : (double) differingPixels / comparedPixels;
    }
  }

  /**
   * Writes {@code png} to {@code file} unless the picture there is the same size and differs from
   * it, outside {@code masks} (in the picture's pixels), in at most {@link #TOLERANCE} of its
   * pixels.
   */
  public static Outcome save(Path file, byte[] png, List<Rectangle> masks) {
    try {
      BufferedImage fresh = ImageIO.read(new ByteArrayInputStream(png));
      if (Files.exists(file)) {
        BufferedImage old = ImageIO.read(file.toFile());
        if (old != null
            && old.getWidth() == fresh.getWidth()
            && old.getHeight() == fresh.getHeight()) {
          Outcome compared = compare(old, fresh, masks);
          if (compared.share() <= TOLERANCE) {
            return compared;
          }
          write(file, png);
          return new Outcome(true, compared.differingPixels(), compared.comparedPixels());
        }
      }
      write(file, png);
      return new Outcome(true, -1, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Outcome compare(BufferedImage a, BufferedImage b, List<Rectangle> masks) {
    long differing = 0;
    long compared = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        if (masked(masks, x, y)) {
          continue;
        }
        compared++;
        if (a.getRGB(x, y) != b.getRGB(x, y)) {
          differing++;
        }
      }
    }
    return new Outcome(false, differing, compared);
  }

  private static boolean masked(List<Rectangle> masks, int x, int y) {
    for (Rectangle mask : masks) {
      if (mask.contains(x, y)) {
        return true;
      }
    }
    return false;
  }

  private static void write(Path file, byte[] png) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, png);
  }
}
