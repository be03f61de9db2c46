package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.kit.KitException;
import io.github.kvkit.validator.kit.KitFolder;
import io.github.kvkit.validator.kit.KitZip;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * What every {@code kvkit kit} command does around writing its kit: stages it, publishes it whole or not at all,
 * says what it wrote in one line, and turns whatever stopped it into one line on stderr and {@link ExitCode#USAGE}.
 */
final class KitOutput {

    /** Writes a kit's files into a folder. */
    @FunctionalInterface
    interface Writer {
        /** Writes the kit into {@code folder}; returns what it holds, for the summary line. */
        String writeInto(Path folder) throws KitException, IOException;
    }

    private final PrintWriter out;
    private final PrintWriter err;

    KitOutput(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Writes the kit to the folder {@code output} and {@code output.zip} ({@link KitFolder}); returns the exit code. */
    int toFolder(Path output, Writer writer) {
        KitFolder folder;
        try {
            folder = KitFolder.stage(output);
        } catch (IOException e) {
            return refused(output, "cannot be written (" + reason(e) + "); expected a folder kvkit can create");
        }
        try (folder) {
            String contents = writer.writeInto(folder.staging());
            folder.publish();
            out.println("wrote " + output + " and " + output + ".zip (" + megabytes(folder.zip()) + "): " + contents);
            return ExitCode.PASSED;
        } catch (KitException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (IOException e) {
            return refused(output, "the kit cannot be written (" + reason(e) + "); expected a folder kvkit can write");
        }
    }

    /**
     * Writes the kit to the zip {@code output}, every entry at its root and {@code executables} marked executable
     * ({@link KitZip}); returns the exit code.
     */
    int toZip(Path output, Set<String> executables, Writer writer) {
        KitZip zip;
        try {
            zip = KitZip.stage(output);
        } catch (IOException e) {
            return refused(output, "cannot be written (" + reason(e) + "); expected a .zip file kvkit can create");
        }
        try (zip) {
            String contents = writer.writeInto(zip.staging());
            zip.publish(executables);
            out.println("wrote " + output + " (" + megabytes(zip.zip()) + "): " + contents);
            return ExitCode.PASSED;
        } catch (KitException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (FileAlreadyExistsException e) {
            return refused(output, "appeared while the kit was written; expected a new .zip file");
        } catch (IOException e) {
            return refused(output, "the kit cannot be written (" + reason(e) + "); expected a .zip file kvkit can "
                    + "write");
        }
    }

    private int refused(Path output, String why) {
        err.println("error: --output " + output + ": " + why);
        return ExitCode.USAGE;
    }

    /** What went wrong with a file, in words: "permission denied on /x", "/x/a.txt is a file". */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied on " + a.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is a file";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String megabytes(Path file) throws IOException {
        return String.format(Locale.ROOT, "%.1f MB", Files.size(file) / 1e6);
    }
}
