package io.github.kvkit.validator.sandbox;

/** No sandbox: the child runs as the validator's user, with the environment and directory of its spec. */
public final class Unconfined implements Sandbox {

    @Override
    public String mechanism() {
        return "none";
    }

    @Override
    public Confined confine(ChildSpec spec) {
        return () -> Processes.builder(spec.command(), spec);
    }
}
