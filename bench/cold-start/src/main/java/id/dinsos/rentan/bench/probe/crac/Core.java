package id.dinsos.rentan.bench.probe.crac;

import java.util.ArrayList;
import java.util.List;

/**
 * What the Lambda runtime does around a SnapStart snapshot, in the order its documentation gives:
 * {@code beforeCheckpoint} in the reverse order of registration, the snapshot, then
 * {@code afterRestore} in the order of registration. {@link #checkpoint()} and {@link #restore()} are
 * separate so that the probe can stop between them and be measured from the restore on.
 */
public final class Core {
    private static final Global GLOBAL = new Global();

    private Core() {
    }

    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    /** org.crac calls this for {@code Core.checkpointRestore()}. */
    public static void checkpointRestore() throws CheckpointException, RestoreException {
        checkpoint();
        restore();
    }

    public static void checkpoint() throws CheckpointException {
        GLOBAL.beforeCheckpoint(GLOBAL);
    }

    public static void restore() throws RestoreException {
        GLOBAL.afterRestore(GLOBAL);
    }

    public static int registered() {
        synchronized (GLOBAL.resources) {
            return GLOBAL.resources.size();
        }
    }

    private static final class Global extends Context<Resource> {
        private final List<Resource> resources = new ArrayList<>();

        @Override
        public void register(Resource resource) {
            synchronized (resources) {
                resources.add(resource);
            }
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
            List<Resource> order;
            synchronized (resources) {
                order = new ArrayList<>(resources);
            }
            for (int i = order.size() - 1; i >= 0; i--) {
                try {
                    order.get(i).beforeCheckpoint(this);
                } catch (Exception e) {
                    throw new CheckpointException(e);
                }
            }
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) throws RestoreException {
            List<Resource> order;
            synchronized (resources) {
                order = new ArrayList<>(resources);
            }
            for (Resource resource : order) {
                try {
                    resource.afterRestore(this);
                } catch (Exception e) {
                    throw new RestoreException(e);
                }
            }
        }
    }
}
