package io.github.kvkit.validator.kit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The repository's Maven modules as its root pom lists them: which artifact each one is, which of kvkit's own
 * artifacts it depends on, and where its classes were built ({@code target/classes}, by {@code mvn install} or
 * {@code mvn test}).
 */
final class Modules {

    /** One module: its artifact, its folder and its pom. */
    record Module(String artifactId, Path dir, Pom pom) {

        Path classes() {
            return dir.resolve("target").resolve("classes");
        }
    }

    private final SourceTree tree;
    private final Pom parent;
    private final Map<String, Module> byArtifact;

    private Modules(SourceTree tree, Pom parent, Map<String, Module> byArtifact) {
        this.tree = tree;
        this.parent = parent;
        this.byArtifact = byArtifact;
    }

    static Modules read(SourceTree tree) throws KitException {
        Pom parent = Pom.read(tree.rootPom());
        Map<String, Module> byArtifact = new LinkedHashMap<>();
        for (String name : parent.modules()) {
            Path dir = tree.root().resolve(name).normalize();
            Pom pom = Pom.read(dir.resolve("pom.xml"));
            byArtifact.put(pom.artifactId(), new Module(pom.artifactId(), dir, pom));
        }
        return new Modules(tree, parent, byArtifact);
    }

    /** The root pom: the parent of every module. */
    Pom parent() {
        return parent;
    }

    String groupId() {
        return parent.groupId();
    }

    String version() {
        return parent.text("version");
    }

    /** The module whose built classes hold {@code type}. */
    Module holding(Class<?> type) throws KitException {
        String classFile = type.getName().replace('.', '/') + ".class";
        for (Module m : byArtifact.values()) {
            if (Files.isRegularFile(m.classes().resolve(classFile))) {
                return m;
            }
        }
        throw new KitException(tree.relative(parent.file()) + ": no module has " + classFile + " in its target/classes; "
                + "expected it in a module of this repository, built (mvn -B -DskipTests install)");
    }

    /** The roots and every module of the repository they depend on, directly or not, each once, roots first. */
    List<Module> closure(List<Module> roots) throws KitException {
        Set<Module> out = new LinkedHashSet<>();
        Deque<Module> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Module m = todo.removeFirst();
            if (!out.add(m)) {
                continue;
            }
            for (String artifactId : m.pom().dependenciesIn(groupId())) {
                Module dependency = byArtifact.get(artifactId);
                if (dependency == null) {
                    throw new KitException(tree.relative(m.pom().file()) + ": depends on " + artifactId
                            + ", which is no module of " + tree.relative(parent.file())
                            + "; expected kvkit's own dependencies to be its modules");
                }
                todo.addLast(dependency);
            }
        }
        for (Module m : out) {
            if (!Files.isDirectory(m.classes())) {
                throw new KitException(tree.relative(m.classes()) + ": not built; expected the repository built first "
                        + "(mvn -B -DskipTests install)");
            }
        }
        return new ArrayList<>(out);
    }
}
