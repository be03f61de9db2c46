package io.github.kvkit.validator.load;

import io.github.kvkit.harness.Contract;
import io.github.kvkit.harness.TrackHarness;
import io.github.kvkit.validator.compile.CompilationResult;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Loads a compiled candidate in a fresh, isolated class loader and checks its structure against its track's
 * {@link Contract}: exactly one public top-level class implements the contract's interface, and it is a
 * concrete class with the contract's public constructor (kv-attention: {@code (int dModel, int numHeads,
 * int maxCacheLen)}).
 *
 * <p>Each {@code load} call creates a new {@link CandidateClassLoader} whose parent is a new
 * {@link IsolatingClassLoader} over the base loader, so the reference solution
 * ({@code io.github.kvkit.attention}) and the validator are invisible to the candidate, and two loads never
 * share classes. No candidate code runs here (classes are loaded but not initialized); run
 * {@link LoadedCandidate#probe()} for that.
 */
public final class CandidateLoader {

    private final TrackHarness harness;
    private final Contract contract;
    private final ClassLoader base;

    /** Loads candidates of {@code harness}'s track against the loader that defines its contract (the validator's). */
    public CandidateLoader(TrackHarness harness) {
        this(harness, harness.contract().type().getClassLoader());
    }

    /**
     * Loads against {@code base}, e.g. the system loader of a child JVM. {@code base} must resolve the contract's
     * interface to the same class as this validator, or the loaded candidate could not be used here.
     */
    public CandidateLoader(TrackHarness harness, ClassLoader base) {
        this.harness = Objects.requireNonNull(harness, "harness");
        this.contract = harness.contract();
        this.base = Objects.requireNonNull(base, "base");
    }

    /**
     * Loads the classes of a successful compilation.
     *
     * @param compiled   a result with {@code success() == true}
     * @param sourceFile the candidate's file, named in messages as given
     * @throws ContractViolation        when the classes break the contract
     * @throws IllegalArgumentException when the compilation failed
     */
    public LoadedCandidate load(CompilationResult compiled, Path sourceFile) throws ContractViolation {
        if (!compiled.success()) {
            throw new IllegalArgumentException("cannot load " + sourceFile + ": it did not compile");
        }
        return load(compiled.classes(), sourceFile);
    }

    /**
     * Loads classes given as binary name ({@code a.b.Outer$Inner}) to class-file bytes, all compiled from
     * {@code sourceFile}.
     */
    public LoadedCandidate load(Map<String, byte[]> classes, Path sourceFile) throws ContractViolation {
        Objects.requireNonNull(classes, "classes");
        String file = sourceFile == null ? "<candidate>" : sourceFile.toString();
        IsolatingClassLoader isolating = new IsolatingClassLoader(base);
        requireSharedContract(isolating);
        CandidateClassLoader loader = new CandidateClassLoader(classes, isolating, location(sourceFile));

        // every class of the file, loaded (not initialized), sorted by name for stable messages
        Map<String, Class<?>> loaded = new TreeMap<>();
        for (String name : classes.keySet()) {
            try {
                loaded.put(name, Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ContractViolation(ContractViolation.Kind.LOAD_FAILED, name, file + ": class "
                        + name + " could not be loaded: " + LoadedCandidate.describe(e), e);
            }
        }

        Class<?> type = contract.type();
        String name = type.getName();
        String simpleType = type.getSimpleName();
        String signature = contract.namedSignature();
        List<Class<?>> topLevel = new ArrayList<>();
        List<Class<?>> nestedImplementations = new ArrayList<>();
        try {
            for (Class<?> c : loaded.values()) {
                if (c.getEnclosingClass() == null) {
                    topLevel.add(c);
                } else if (type.isAssignableFrom(c) && !c.isInterface()) {
                    nestedImplementations.add(c);
                }
            }
        } catch (LinkageError e) {
            throw new ContractViolation(ContractViolation.Kind.LOAD_FAILED, null, file
                    + ": the classes of the file could not be loaded: " + LoadedCandidate.describe(e), e);
        }
        List<Class<?>> publicTopLevel = topLevel.stream().filter(c -> Modifier.isPublic(c.getModifiers())).toList();
        List<Class<?>> implementations = publicTopLevel.stream()
                .filter(type::isAssignableFrom).toList();

        if (publicTopLevel.isEmpty()) {
            Class<?> hidden = topLevel.stream().filter(type::isAssignableFrom).findFirst().orElse(null);
            if (hidden != null) {
                throw new ContractViolation(ContractViolation.Kind.NO_PUBLIC_CLASS, hidden.getName(), file
                        + ": class " + hidden.getSimpleName() + " implements " + name + " but is not public"
                        + " (expected: public class " + hidden.getSimpleName() + " implements " + simpleType + ")");
            }
            throw new ContractViolation(ContractViolation.Kind.NO_PUBLIC_CLASS, null, file
                    + ": no public top-level class (expected: one public class implementing " + name
                    + " with a public constructor " + signature + ")");
        }
        if (implementations.isEmpty()) {
            Class<?> c = publicTopLevel.get(0);
            String hint = nestedImplementations.isEmpty() ? "" : "; the nested class "
                    + displayName(nestedImplementations.get(0)) + " does, but the candidate must be the public"
                    + " top-level class";
            throw new ContractViolation(ContractViolation.Kind.NOT_CACHED_ATTENTION, c.getName(), file + ": "
                    + kindOf(c) + " " + c.getSimpleName() + " does not implement " + name + hint
                    + " (expected: public class " + c.getSimpleName() + " implements " + simpleType + ")");
        }
        if (implementations.size() > 1) {
            String names = implementations.stream().map(Class::getSimpleName).collect(Collectors.joining(", "));
            throw new ContractViolation(ContractViolation.Kind.AMBIGUOUS, implementations.get(0).getName(), file
                    + ": " + implementations.size() + " public classes implement " + name + " (" + names
                    + ") (expected: exactly one)");
        }

        Class<?> c = implementations.get(0);
        String simple = c.getSimpleName();
        if (c.isInterface() || c.isEnum()) {
            throw new ContractViolation(ContractViolation.Kind.NOT_A_CLASS, c.getName(), file + ": " + simple
                    + " is " + (c.isAnnotation() ? "an annotation" : c.isInterface() ? "an interface" : "an enum")
                    + ", which cannot be constructed (expected: public class " + simple
                    + " implements " + simpleType + ")");
        }
        if (Modifier.isAbstract(c.getModifiers())) {
            throw new ContractViolation(ContractViolation.Kind.ABSTRACT, c.getName(), file + ": class " + simple
                    + " is abstract, so it cannot be constructed (expected: a concrete public class " + simple
                    + " implements " + simpleType + ")");
        }
        Constructor<?> constructor;
        try {
            constructor = c.getConstructor(contract.parameterArray());
        } catch (NoSuchMethodException e) {
            throw new ContractViolation(ContractViolation.Kind.NO_CONSTRUCTOR, c.getName(), file + ": class "
                    + simple + " has no public constructor " + simple + signature
                    + " (found: " + constructors(c) + ")");
        } catch (LinkageError e) {
            throw new ContractViolation(ContractViolation.Kind.LOAD_FAILED, c.getName(), file + ": class "
                    + simple + " could not be linked: " + LoadedCandidate.describe(e), e);
        }
        return new LoadedCandidate(c, constructor, loader, file, harness);
    }

    /** {@code Outer.Inner} for {@code a.b.Outer$Inner}. */
    private static String displayName(Class<?> c) {
        String name = c.getName();
        return name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
    }

    private static String kindOf(Class<?> c) {
        return c.isAnnotation() ? "annotation" : c.isInterface() ? "interface" : c.isEnum() ? "enum"
                : c.isRecord() ? "record" : "class";
    }

    /** {@code "public Foo(int, int), private Foo(int, int, int)"}, or {@code "no constructors"}. */
    private static String constructors(Class<?> c) {
        Constructor<?>[] all;
        try {
            all = c.getDeclaredConstructors();
        } catch (LinkageError e) {
            return "unknown";
        }
        if (all.length == 0) {
            return "no constructors";
        }
        return Arrays.stream(all).map(k -> {
            String mods = Modifier.toString(k.getModifiers() & Modifier.constructorModifiers());
            String params = Arrays.stream(k.getParameterTypes()).map(Class::getSimpleName)
                    .collect(Collectors.joining(", "));
            return (mods.isEmpty() ? "package-private" : mods) + " " + c.getSimpleName() + "(" + params + ")";
        }).collect(Collectors.joining(", "));
    }

    private void requireSharedContract(ClassLoader isolating) {
        String name = contract.type().getName();
        Class<?> seen;
        try {
            seen = Class.forName(name, false, isolating);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("the base class loader cannot load " + name, e);
        }
        if (seen != contract.type()) {
            throw new IllegalArgumentException("the base class loader defines its own copy of " + name
                    + "; it must delegate to the validator's");
        }
    }

    private static URL location(Path sourceFile) {
        if (sourceFile == null) {
            return null;
        }
        try {
            return sourceFile.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException | RuntimeException e) {
            return null;
        }
    }
}
