package id.dinsos.rentan.config;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lambda SnapStart (template.yaml: {@code SnapStart: ApplyOn: PublishedVersions}): when a version is
 * published, Lambda makes the handler once, runs the before-checkpoint hooks, snapshots the memory,
 * and starts every later execution environment from that snapshot, running the after-restore hooks
 * first. The hooks are CRaC's ({@code org.crac}), which the Lambda runtime implements.
 *
 * <ul>
 *   <li>{@link #beforeSnapshot}: priming. Work done here is in the snapshot, so no caller ever waits
 *       for it: each function sends its routes read-only requests through its own handler, which
 *       loads and links the classes, builds Jackson's serialisers and the SDK's request pipeline,
 *       and resolves credentials once (a cold start's first request otherwise pays all of that).</li>
 *   <li>{@link #afterRestore}: what must not come from a snapshot shared by many environments:
 *       connections and credentials (AwsClients renews both) and random seeds (dynamodb.Backoff).</li>
 * </ul>
 *
 * A hook that fails is logged, never thrown: priming only saves time, and a failed restore hook
 * would fail the invocation. On a JVM without CRaC (tests, the local runner) org.crac keeps no
 * registrations and no hook ever runs.
 */
public final class SnapStart {
    private static final System.Logger LOG = System.getLogger(SnapStart.class.getName());
    /** org.crac refers to registered resources weakly: these references keep them alive. */
    private static final List<Resource> HOOKS = new CopyOnWriteArrayList<>();

    private SnapStart() {
    }

    /** Runs {@code priming} before the snapshot is taken. */
    public static void beforeSnapshot(String what, Runnable priming) {
        register(new Hook(what, priming, null));
    }

    /** Runs {@code renewal} after the environment is restored from the snapshot, before its first request. */
    public static void afterRestore(String what, Runnable renewal) {
        register(new Hook(what, null, renewal));
    }

    private static void register(Hook hook) {
        HOOKS.add(hook);
        Core.getGlobalContext().register(hook);
    }

    private record Hook(String what, Runnable before, Runnable after) implements Resource {
        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            run(before == null ? null : () -> AwsClients.outsideAnyTrace(before), "before the snapshot");
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            run(after, "after the restore");
        }

        private void run(Runnable action, String when) {
            if (action == null) {
                return;
            }
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "SnapStart: " + what + " failed " + when + "; going on without it", e);
            }
        }
    }
}
