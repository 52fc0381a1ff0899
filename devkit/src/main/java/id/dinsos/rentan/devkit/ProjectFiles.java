package id.dinsos.rentan.devkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (where template.yaml lives) from a test or the local runner. */
public final class ProjectFiles {
    private ProjectFiles() {
    }

    public static Path root() {
        String configured = System.getProperty("project.root");
        if (configured != null && Files.isRegularFile(Path.of(configured, "template.yaml"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("functions"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the project root (a folder with template.yaml and functions/) above "
                + Path.of("").toAbsolutePath());
    }

    public static Path template() {
        return root().resolve("template.yaml");
    }

    public static SamTemplate readTemplate() {
        return SamTemplate.read(template());
    }
}
