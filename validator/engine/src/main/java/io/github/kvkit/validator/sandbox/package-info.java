/**
 * What a candidate's child JVM can reach on the grader's machine: nothing but its class path, its work directory
 * and the system's libraries, when a sandbox is available. {@link io.github.kvkit.validator.sandbox.Sandboxes}
 * chooses the mechanism for a {@link io.github.kvkit.validator.sandbox.SandboxMode}: {@link
 * io.github.kvkit.validator.sandbox.Bubblewrap} (namespaces: no network, no other processes, no files but those
 * bound), {@link io.github.kvkit.validator.sandbox.SetprivUser} (a throwaway unprivileged user, for root in a
 * container that refuses namespaces) or {@link io.github.kvkit.validator.sandbox.Unconfined} (the plain child).
 * {@code docs/isolation.md} says what each leaves within reach. This package knows nothing of how a child is run:
 * the {@code run} package hands it a {@link io.github.kvkit.validator.sandbox.ChildSpec}.
 */
package io.github.kvkit.validator.sandbox;
