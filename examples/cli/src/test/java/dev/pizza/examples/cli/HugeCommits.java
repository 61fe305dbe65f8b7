package dev.pizza.examples.cli;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;

/** Commits larger than a small heap, for the tests of what a bake does when memory runs out. */
public final class HugeCommits {
  private HugeCommits() {}

  /**
   * Writes a commit whose message is {@code size} bytes of short lines, on top of {@code HEAD}'s
   * commit if there is one, as a loose object (JGit's inserter refuses commits over 5 MiB), and
   * points the loose ref {@code ref} at it; streamed, so the test's heap never holds it.
   */
  public static ObjectId write(Repository repository, String ref, int size) throws Exception {
    ObjectId parent = repository.resolve(Constants.HEAD);
    ObjectId tree;
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      tree = inserter.insert(Constants.OBJ_TREE, new byte[0]);
      inserter.flush();
    }
    String header =
        "tree "
            + tree.name()
            + "\n"
            + (parent == null ? "" : "parent " + parent.name() + "\n")
            + "author Huge <huge@example.com> 1714557600 +0000\n"
            + "committer Huge <huge@example.com> 1714557600 +0000\n"
            + "\nhuge\n\n";
    byte[] head = header.getBytes(StandardCharsets.UTF_8);
    byte[] prefix =
        ("commit " + (head.length + (long) size) + "\0").getBytes(StandardCharsets.US_ASCII);
    MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
    Path temp = Files.createTempFile(repository.getDirectory().toPath(), "huge", ".tmp");
    try (OutputStream out =
        new DigestOutputStream(new DeflaterOutputStream(Files.newOutputStream(temp)), sha1)) {
      out.write(prefix);
      out.write(head);
      byte[] line = new byte[64];
      Arrays.fill(line, (byte) 'x');
      line[63] = '\n';
      for (int left = size; left > 0; left -= line.length) {
        out.write(line, 0, Math.min(left, line.length));
      }
    }
    ObjectId commit = ObjectId.fromRaw(sha1.digest());
    Path object =
        repository
            .getDirectory()
            .toPath()
            .resolve("objects")
            .resolve(commit.name().substring(0, 2))
            .resolve(commit.name().substring(2));
    Files.createDirectories(object.getParent());
    Files.move(temp, object);
    // Written as git writes a loose ref: JGit's RefUpdate parses the commit, 5 MiB at most.
    Files.writeString(repository.getDirectory().toPath().resolve(ref), commit.name() + "\n");
    return commit;
  }
}
