package dev.retailsync.erp.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Atomic file hand-off: the content goes to a hidden temporary name in the target's own directory,
 * is forced to disk, then renamed in one step, so a reader of the directory sees the whole file or
 * none of it, never a half-written one.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes a file atomically.
   *
   * @param target the file to create; it must not exist
   * @param content the bytes
   * @param modified the last-modified time to give it, or {@code null} to leave the file system's
   * @throws FileAlreadyExistsException if the target exists
   * @throws IOException if the directory cannot be written
   */
  public static void write(Path target, byte[] content, Instant modified) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    try {
      if (modified != null) {
        Files.setLastModifiedTime(tmp, FileTime.from(modified));
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /**
   * Tells whether a directory entry is a hand-off in progress or a hidden file, which readers skip.
   *
   * @param name the file name
   * @return {@code true} for names starting with a dot or ending with {@code .tmp} or {@code .part}
   */
  public static boolean inProgress(String name) {
    return name.startsWith(".") || name.endsWith(".tmp") || name.endsWith(".part");
  }
}
