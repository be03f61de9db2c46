package io.github.kvkit.harness;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a candidate class of a track must be: public, top level, concrete, implementing {@code type}, with a
 * public constructor taking {@code parameters}. Before any case the validator runs its static initializer and
 * constructs it once with {@code probeArguments}, named {@code probeNames} in messages.
 *
 * @param type           the interface a candidate implements
 * @param parameters     the public constructor's parameter types
 * @param probeArguments the arguments the probe constructs it with
 * @param probeNames     the parameters' names, for messages ("dModel=16, numHeads=4, maxCacheLen=32")
 */
public record Contract(Class<?> type, List<Class<?>> parameters, List<Object> probeArguments, List<String> probeNames) {

    public Contract {
        parameters = List.copyOf(parameters);
        probeArguments = List.copyOf(probeArguments);
        probeNames = List.copyOf(probeNames);
    }

    /** {@code "new C(16, 4, 32)"}. */
    public String probeCall(String simpleName) {
        return "new " + simpleName + "(" + probeArguments.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + ")";
    }

    /** {@code "dModel=16, numHeads=4, maxCacheLen=32"}. */
    public String probeWords() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < probeArguments.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(probeNames.get(i)).append('=').append(probeArguments.get(i));
        }
        return sb.toString();
    }

    /** {@code "(int dModel, int numHeads, int maxCacheLen)"}. */
    public String namedSignature() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < parameters.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(parameters.get(i).getSimpleName()).append(' ').append(probeNames.get(i));
        }
        return sb.append(')').toString();
    }

    public Class<?>[] parameterArray() {
        return parameters.toArray(Class<?>[]::new);
    }

    @Override
    public String toString() {
        return type.getName() + Arrays.toString(parameterArray());
    }
}
