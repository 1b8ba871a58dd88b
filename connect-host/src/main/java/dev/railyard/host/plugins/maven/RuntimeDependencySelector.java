package dev.railyard.host.plugins.maven;

import java.util.Set;
import org.eclipse.aether.collection.DependencyCollectionContext;
import org.eclipse.aether.collection.DependencySelector;
import org.eclipse.aether.graph.Dependency;

/**
 * Keeps only the dependencies a plugin needs at run time, at every depth including the plugin's
 * own: no test, provided or system scope, nothing optional. Maven itself keeps a project's direct
 * optional dependencies, but an installed plugin is a dependency, not a project.
 */
enum RuntimeDependencySelector implements DependencySelector {
  INSTANCE;

  private static final Set<String> NOT_AT_RUN_TIME = Set.of("test", "provided", "system");

  @Override
  public boolean selectDependency(Dependency dependency) {
    return !dependency.isOptional() && !NOT_AT_RUN_TIME.contains(dependency.getScope());
  }

  @Override
  public DependencySelector deriveChildSelector(DependencyCollectionContext context) {
    return this;
  }
}
