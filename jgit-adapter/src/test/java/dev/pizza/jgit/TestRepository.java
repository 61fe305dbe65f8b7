package dev.pizza.jgit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * Builds repositories for tests straight through JGit's object inserter: commits with chosen
 * parents, people and dates, and refs set or moved at will (including force-moves).
 */
public final class TestRepository implements AutoCloseable {
  private final Repository repository;
  private final ObjectId emptyTree;
  private int counter;

  private TestRepository(Repository repository) throws IOException {
    this.repository = repository;
    try (ObjectInserter ins = repository.newObjectInserter()) {
      emptyTree = ins.insert(new TreeFormatter());
      ins.flush();
    }
  }

  /** Creates a bare repository at {@code dir}. */
  public static TestRepository createBare(Path dir) throws Exception {
    Git git = Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.toFile()).call();
    return new TestRepository(git.getRepository());
  }

  /** Opens the existing bare repository at {@code dir}. */
  public static TestRepository open(Path dir) throws Exception {
    return new TestRepository(Git.open(dir.toFile()).getRepository());
  }

  /** Creates a non-bare repository (with a work tree) at {@code dir}. */
  static TestRepository createWithWorkTree(Path dir) throws Exception {
    Git git = Git.init().setInitialBranch("main").setDirectory(dir.toFile()).call();
    return new TestRepository(git.getRepository());
  }

  public Repository repository() {
    return repository;
  }

  public static PersonIdent person(String name, String email, long epochSecond, String zone) {
    return new PersonIdent(name, email, Instant.ofEpochSecond(epochSecond), ZoneId.of(zone));
  }

  /** Inserts a commit of the empty tree with a unique message; returns its id. */
  public ObjectId commit(long epochSecond, ObjectId... parents) throws IOException {
    PersonIdent who = person("A U Thor", "author@example.com", epochSecond, "+02:00");
    return commit(who, who, "commit " + (++counter) + "\n", List.of(parents));
  }

  ObjectId commit(PersonIdent author, PersonIdent committer, String message, List<ObjectId> parents)
      throws IOException {
    CommitBuilder cb = new CommitBuilder();
    cb.setTreeId(emptyTree);
    cb.setParentIds(parents);
    cb.setAuthor(author);
    cb.setCommitter(committer);
    cb.setMessage(message);
    try (ObjectInserter ins = repository.newObjectInserter()) {
      ObjectId id = ins.insert(cb);
      ins.flush();
      return id;
    }
  }

  /** Inserts an annotated tag object naming {@code target}; returns the tag object's id. */
  ObjectId annotatedTag(String name, ObjectId target, int type) throws IOException {
    TagBuilder tb = new TagBuilder();
    tb.setTag(name);
    tb.setObjectId(target, type);
    tb.setTagger(person("Tagger", "tagger@example.com", 1_600_000_000L, "UTC"));
    tb.setMessage("tag " + name + "\n");
    try (ObjectInserter ins = repository.newObjectInserter()) {
      ObjectId id = ins.insert(tb);
      ins.flush();
      return id;
    }
  }

  ObjectId emptyTree() {
    return emptyTree;
  }

  /** Points {@code ref} (full name) at {@code id}, forcing the move. */
  void setRef(String ref, ObjectId id) throws IOException {
    RefUpdate u = repository.updateRef(ref);
    u.setNewObjectId(id);
    u.setForceUpdate(true);
    RefUpdate.Result r = u.update();
    if (r != RefUpdate.Result.NEW
        && r != RefUpdate.Result.FORCED
        && r != RefUpdate.Result.NO_CHANGE
        && r != RefUpdate.Result.FAST_FORWARD) {
      throw new IOException("cannot set " + ref + ": " + r);
    }
  }

  public void branch(String name, ObjectId id) throws IOException {
    setRef(Constants.R_HEADS + name, id);
  }

  void tag(String name, ObjectId id) throws IOException {
    setRef(Constants.R_TAGS + name, id);
  }

  void deleteRef(String ref) throws IOException {
    RefUpdate u = repository.updateRef(ref);
    u.setForceUpdate(true);
    u.delete();
  }

  @Override
  public void close() {
    repository.close();
  }
}
