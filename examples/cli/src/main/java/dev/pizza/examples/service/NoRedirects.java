package dev.pizza.examples.service;

import java.io.File;
import java.io.IOException;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Turns off JGit's HTTP redirects for this JVM ({@code http.followRedirects=false} on top of the
 * system config): by default JGit follows a redirect of the first request to any host, which would
 * let a bake URL's server send the service to an address {@link UrlPolicy} refused. A user or
 * repository config setting it again would win; the service's mirrors set nothing.
 */
final class NoRedirects {
  private NoRedirects() {}

  /** Installs the setting for this JVM (once is enough; twice is harmless). */
  static synchronized void install() {
    SystemReader current = SystemReader.getInstance();
    SystemReader.setInstance(
        new SystemReader.Delegate(current) {
          @Override
          public FileBasedConfig openSystemConfig(Config parent, FS fs) {
            FileBasedConfig inner = super.openSystemConfig(parent, fs);
            File file = inner.getFile();
            return new FileBasedConfig(parent, file, fs) {
              @Override
              public void load() throws IOException, ConfigInvalidException {
                if (file != null) {
                  inner.load();
                  fromText(inner.toText());
                }
                setString("http", null, "followRedirects", "false");
              }

              @Override
              public boolean isOutdated() {
                return file != null && inner.isOutdated();
              }
            };
          }
        });
  }
}
