package io.fedgate.api.codec;

import java.util.List;

/**
 * A document (JSON wire document or topology file) that cannot be accepted. Carries every problem
 * found, each with its field path; the message lists them all, one per line.
 *
 * <p>It is an {@link IllegalArgumentException} because the input, not the program, is at fault: edges
 * turn it into HTTP 400, a Kubernetes condition or the CLI's usage exit code.
 */
public final class InvalidDocumentException extends IllegalArgumentException {
    private final String document;
    private final transient List<Problem> problems;
    private final int omittedProblems;

    /**
     * @param document        what was read ({@code ClusterInventory}, {@code topology})
     * @param problems        what is wrong, at least one
     * @param omittedProblems problems found beyond {@link Problems#DEFAULT_MAX_PROBLEMS} and not listed
     */
    public InvalidDocumentException(String document, List<Problem> problems, int omittedProblems) {
        super(message(document, problems, omittedProblems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid document needs at least one problem");
        }
        this.document = document;
        this.problems = List.copyOf(problems);
        this.omittedProblems = omittedProblems;
    }

    /** A document refused for a single reason that concerns it as a whole (too large, not JSON). */
    public static InvalidDocumentException of(String document, String path, String message) {
        return new InvalidDocumentException(document, List.of(new Problem(path, message)), 0);
    }

    /** What was read ({@code ClusterInventory}, {@code topology}). */
    public String document() {
        return document;
    }

    /** Every problem found, in document order (at most {@link Problems#DEFAULT_MAX_PROBLEMS}). */
    public List<Problem> problems() {
        return problems;
    }

    /** How many further problems were found but not listed. */
    public int omittedProblems() {
        return omittedProblems;
    }

    private static String message(String document, List<Problem> problems, int omitted) {
        int total = problems.size() + omitted;
        StringBuilder text = new StringBuilder()
                .append(document).append(" has ").append(total).append(total == 1 ? " problem:" : " problems:");
        problems.forEach(p -> text.append("\n  ").append(p));
        if (omitted > 0) {
            text.append("\n  ... and ").append(omitted).append(" more");
        }
        return text.toString();
    }
}
