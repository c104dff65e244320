package io.tributary.logstore.io;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.MappedByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases memory maps now instead of at some later garbage collection, so that deleted index
 * files free their disk space and the process stays under {@code vm.max_map_count}.
 *
 * <p>The caller must guarantee that nothing touches the buffer afterwards: access to an unmapped
 * buffer crashes the JVM. Indexes unmap only under their own lock, after marking themselves closed.
 */
public final class MappedBuffers {
    private static final Logger LOGGER = LoggerFactory.getLogger(MappedBuffers.class);
    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method invokeCleaner = null;
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            unsafe = f.get(null);
            invokeCleaner = unsafeClass.getMethod("invokeCleaner", java.nio.ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.warn("Memory maps will be released by the garbage collector only: {}", e.toString());
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = invokeCleaner;
    }

    private MappedBuffers() {
    }

    /** Unmaps {@code buffer}; a no-op where the JVM offers no way to. */
    public static void unmap(MappedByteBuffer buffer) {
        if (buffer == null || INVOKE_CLEANER == null) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, buffer);
        } catch (ReflectiveOperationException e) {
            LOGGER.debug("Could not unmap a buffer", e);
        }
    }
}
