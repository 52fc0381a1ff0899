package id.dinsos.rentan.local;

import id.dinsos.rentan.devkit.ProjectFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository stands alone: no file links to a place outside it or to a file that does not
 * exist, no file names a Markdown document the repository does not hold, and every rule id cited
 * in code, tests and documents is a rule of the project's own rulebook, docs/rules.md.
 */
class RepositoryLinksTest {
    private static final Path ROOT = ProjectFiles.root();
    private static final Path RULEBOOK = ROOT.resolve("docs").resolve("rules.md");
    /** Build output, version control and editor folders: never part of the repository's text. */
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", ".idea", ".vscode", "node_modules", "local-data");

    /** The briefing folder beside a checkout; spelled as a pattern so this file does not contain it. */
    private static final Pattern SHARED_FOLDER = Pattern.compile("\\.\\./shared");
    /** An inline link or image: bracketed text, then the target (and an optional title) in parentheses. */
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]\\n]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)");
    /** A reference definition: a bracketed label, a colon, the target. */
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern CODE_SPAN = Pattern.compile("`+[^`\\n]*`+");
    /** A Markdown file named in prose or code, e.g. {@code events/README.md}. */
    private static final Pattern MARKDOWN_FILE_NAME = Pattern.compile("(?<![\\w./-])((?:[\\w.-]+/)*[\\w-][\\w.-]*\\.md)(?![\\w])");
    private static final Pattern RULE_ID = Pattern.compile("(?<![A-Za-z0-9-])R-(\\d{2})(?!\\d)");
    private static final Pattern RULE_HEADING = Pattern.compile("^###\\s+(R-\\d{2})\\s");

    @Test
    void noFileLinksOutsideTheRepository() {
        List<String> problems = new ArrayList<>();
        for (Path file : textFiles()) {
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (SHARED_FOLDER.matcher(lines.get(i)).find()) {
                    problems.add(where(file, i) + " points at the briefing folder outside the repository: " + lines.get(i).trim());
                }
            }
            for (Link link : markdownLinks(file, lines)) {
                String problem = problemWith(file, link.target());
                if (problem != null) {
                    problems.add(where(file, link.line()) + " links to " + link.target() + ": " + problem);
                }
            }
        }
        assertThat(problems).as("links that leave the repository or lead nowhere").isEmpty();
    }

    @Test
    void everyMarkdownFileNamed_existsInTheRepository() {
        List<Path> files = textFiles();
        Set<String> markdownNames = files.stream().map(f -> f.getFileName().toString())
                .filter(n -> n.endsWith(".md")).collect(Collectors.toSet());
        Set<String> problems = new LinkedHashSet<>();
        for (Path file : files) {
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = MARKDOWN_FILE_NAME.matcher(lines.get(i));
                while (m.find()) {
                    String name = m.group(1);
                    boolean exists = name.contains("/")
                            ? isInsideAndExists(file.getParent().resolve(name)) || isInsideAndExists(ROOT.resolve(name))
                            : markdownNames.contains(name);
                    if (!exists) {
                        problems.add(where(file, i) + " names " + name + ", which is not in the repository");
                    }
                }
            }
        }
        assertThat(problems).as("Markdown files named but not in the repository").isEmpty();
    }

    @Test
    void everyRuleIdCited_isDefinedInTheRulebook() {
        Set<String> defined = definedRuleIds();
        assertThat(defined).as("rule headings '### R-nn ...' in docs/rules.md").isNotEmpty().contains("R-01", "R-38");

        List<String> problems = new ArrayList<>();
        for (Path file : textFiles()) {
            if (file.equals(RULEBOOK)) {
                continue;
            }
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = RULE_ID.matcher(lines.get(i));
                while (m.find()) {
                    if (!defined.contains(m.group())) {
                        problems.add(where(file, i) + " cites " + m.group() + ", which docs/rules.md does not define");
                    }
                }
            }
        }
        assertThat(problems).as("rule ids cited but not in the rulebook").isEmpty();
    }

    @Test
    void everyRuleOfTheRulebook_isDefinedOnce_inIdOrder() {
        List<String> headings = new ArrayList<>();
        for (String line : lines(RULEBOOK)) {
            Matcher m = RULE_HEADING.matcher(line);
            if (m.find()) {
                headings.add(m.group(1));
            }
        }
        assertThat(headings).as("rule headings in docs/rules.md").doesNotHaveDuplicates().isSortedAccordingTo(String::compareTo);
    }

    private record Link(int line, String target) {
    }

    /** Where links can be written: Markdown files, YAML descriptions (CommonMark), Java comments. */
    private static List<Link> markdownLinks(Path file, List<String> lines) {
        String name = file.getFileName().toString();
        boolean markdown = name.endsWith(".md");
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        boolean java = name.endsWith(".java");
        if (!markdown && !yaml && !java) {
            return List.of();
        }
        List<Link> links = new ArrayList<>();
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (markdown && line.stripLeading().startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            if (java && !isJavaComment(line)) {
                continue;
            }
            // A code span is not a link, but a link whose text is a code span is: drop only the code.
            String text = CODE_SPAN.matcher(line).replaceAll("``");
            Matcher inline = INLINE_LINK.matcher(text);
            while (inline.find()) {
                links.add(new Link(i, inline.group(1)));
            }
            if (markdown) {
                Matcher reference = REFERENCE_DEFINITION.matcher(text);
                if (reference.find()) {
                    links.add(new Link(i, reference.group(1)));
                }
            }
        }
        return links;
    }

    private static boolean isJavaComment(String line) {
        String t = line.stripLeading();
        return t.startsWith("*") || t.startsWith("//") || t.startsWith("/*");
    }

    /** Null when the link is fine: a URL, an anchor in the same file, or an existing path inside the repository. */
    private static String problemWith(Path file, String target) {
        if (URL_SCHEME.matcher(target).find() || target.startsWith("#") || target.startsWith("//")) {
            return null;
        }
        String path = target.replaceFirst("[#?].*$", "");
        path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        Path resolved = path.startsWith("/") ? ROOT.resolve(path.substring(1)) : file.getParent().resolve(path);
        resolved = resolved.normalize();
        if (!resolved.startsWith(ROOT)) {
            return "resolves outside the repository, to " + resolved;
        }
        if (!Files.exists(resolved)) {
            return "no such file in the repository";
        }
        return null;
    }

    private static boolean isInsideAndExists(Path path) {
        Path p = path.normalize();
        return p.startsWith(ROOT) && Files.exists(p);
    }

    private static Set<String> definedRuleIds() {
        Set<String> ids = new TreeSet<>();
        for (String line : lines(RULEBOOK)) {
            Matcher m = RULE_HEADING.matcher(line);
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    /**
     * The repository's text: README.md, docs/, openapi.yaml, template.yaml, events/, .ci/, every
     * Markdown and Java file and every pom.xml, outside build output and version control.
     */
    private static List<Path> textFiles() {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return !dir.equals(ROOT) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && isRepositoryText(file)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    private static boolean isRepositoryText(Path file) {
        Path relative = ROOT.relativize(file);
        String first = relative.getName(0).toString();
        String name = file.getFileName().toString();
        return first.equals("docs") || first.equals("events") || first.equals(".ci")
                || relative.toString().equals("openapi.yaml") || relative.toString().equals("template.yaml")
                || name.endsWith(".md") || name.endsWith(".java") || name.equals("pom.xml");
    }

    private static List<String> lines(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String where(Path file, int lineIndex) {
        return ROOT.relativize(file) + ":" + (lineIndex + 1);
    }
}
