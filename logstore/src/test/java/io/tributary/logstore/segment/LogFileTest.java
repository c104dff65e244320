package io.tributary.logstore.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.logstore.io.FileOps;
import io.tributary.logstore.record.LogSlice;
import io.tributary.logstore.testing.ScratchDirs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogFileTest {
    private static final int BUFFER = 8192;

    private Path dir;
    private final WriteBufferPool pool = new WriteBufferPool(BUFFER, 4);
    private final ChunkWriters writers = new ChunkWriters(1);
    /** Full buffers written by a writer thread, as the broker's log manager does by default. */
    private final WriteBufferPool behind = new WriteBufferPool(BUFFER, 4, writers);

    @BeforeEach
    void setUp() throws IOException {
        dir = ScratchDirs.create("logfile");
    }

    @AfterEach
    void tearDown() throws IOException {
        writers.close();
        FileOps.deleteRecursively(dir);
    }

    private static ByteBuffer bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return ByteBuffer.wrap(b);
    }

    @Test
    void smallAppendsStayBufferedUntilAPageAlignedChunkIsFull() throws IOException {
        LogFile f = LogFile.open(dir.resolve("a.log"), pool);
        f.append(bytes(3000, 1));
        f.append(bytes(3000, 2));
        assertThat(f.size()).isEqualTo(6000);
        assertThat(f.writtenSize()).isZero();
        assertThat(Files.size(f.file())).isZero();
        f.append(bytes(3000, 3));
        // the first chunk ends at the buffer's size, the rest waits
        assertThat(f.writtenSize()).isEqualTo(BUFFER);
        assertThat(Files.size(f.file())).isEqualTo(BUFFER);
        assertThat(f.size()).isEqualTo(9000);
        f.close();
    }

    @Test
    void readsOfTheBufferedTailWriteItOutFirst() throws IOException {
        LogFile f = LogFile.open(dir.resolve("a.log"), pool);
        ByteBuffer a = bytes(5000, 1);
        f.append(a);
        ByteBuffer dst = ByteBuffer.allocate(100);
        f.readFully(dst, 4900);
        assertThat(dst.array()).isEqualTo(Arrays.copyOfRange(a.array(), 4900, 5000));
        assertThat(f.writtenSize()).isEqualTo(5000);

        ByteBuffer b = bytes(2000, 2);
        f.append(b);
        LogSlice slice = f.slice(5000, 2000);
        ByteBuffer viaChannel = ByteBuffer.allocate(2000);
        slice.channel().read(viaChannel, slice.position());
        assertThat(viaChannel.array()).isEqualTo(b.array());
        f.close();
    }

    @Test
    void readsBelowTheWrittenSizeLeaveTheBufferAlone() throws IOException {
        LogFile f = LogFile.open(dir.resolve("a.log"), pool);
        f.append(bytes(BUFFER, 1));
        f.append(bytes(100, 2));
        assertThat(f.writtenSize()).isEqualTo(BUFFER);
        f.readFully(ByteBuffer.allocate(10), 0);
        f.slice(0, BUFFER);
        assertThat(f.writtenSize()).isEqualTo(BUFFER);
        f.close();
    }

    @Test
    void afterAShortWriteTheNextChunkEndsOnAPageBoundaryAgain() throws IOException {
        LogFile f = LogFile.open(dir.resolve("a.log"), pool);
        f.append(bytes(1000, 1));
        f.flush(); // an fsync writes out the 1000 buffered bytes
        assertThat(f.writtenSize()).isEqualTo(1000);
        assertThat(pool.idleBuffers()).isEqualTo(1);
        f.append(bytes(BUFFER, 2));
        assertThat(f.writtenSize()).isEqualTo(BUFFER);
        f.append(bytes(BUFFER, 3));
        assertThat(f.writtenSize()).isEqualTo(2 * BUFFER);
        assertThat(f.size()).isEqualTo(1000 + 2 * BUFFER);
        f.close();
        assertThat(Files.size(f.file())).isEqualTo(1000 + 2 * BUFFER);
    }

    @Test
    void aBatchOfWholeChunksIsWrittenFromItsOwnBufferAndOnlyItsRestIsBuffered() throws IOException {
        LogFile f = LogFile.open(dir.resolve("a.log"), pool);
        f.append(bytes(1000, 1));
        f.flush();
        ByteBuffer large = bytes(2 * BUFFER, 2);
        f.append(large);
        assertThat(large.remaining()).isEqualTo(2 * BUFFER); // the caller's buffer is not moved
        // up to the next page boundary and one more whole chunk went to the file; 1000 bytes wait
        assertThat(f.writtenSize()).isEqualTo(2 * BUFFER);
        assertThat(f.size()).isEqualTo(1000 + 2 * BUFFER);
        ByteBuffer tail = ByteBuffer.allocate(1000);
        f.readFully(tail, 2 * BUFFER);
        assertThat(tail.array()).isEqualTo(java.util.Arrays.copyOfRange(large.array(), 2 * BUFFER - 1000, 2 * BUFFER));
        f.close();
    }

    @ParameterizedTest(name = "writer thread: {0}")
    @ValueSource(booleans = {false, true})
    void everyByteReachesTheFileInOrder(boolean writerThread) throws IOException {
        LogFile f = LogFile.open(dir.resolve("a.log"), writerThread ? behind : pool);
        Random rnd = new Random(7);
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 500; i++) {
            ByteBuffer b = bytes(1 + rnd.nextInt(3 * BUFFER), i);
            expected.write(b.array(), 0, b.remaining());
            f.append(b);
            if (rnd.nextInt(10) == 0) {
                f.flush();
            } else if (rnd.nextInt(10) == 0) {
                f.readFully(ByteBuffer.allocate(1), f.size() - 1);
            }
        }
        f.flush();
        f.close();
        assertThat(Files.readAllBytes(f.file())).isEqualTo(expected.toByteArray());
    }

    @ParameterizedTest(name = "writer thread: {0}")
    @ValueSource(booleans = {false, true})
    void truncationWritesOutTheBufferAndCuts(boolean writerThread) throws IOException {
        LogFile f = LogFile.open(dir.resolve("a.log"), writerThread ? behind : pool);
        ByteBuffer a = bytes(3000, 1);
        f.append(a);
        f.append(bytes(3000, 2));
        assertThat(f.truncateTo(3000)).isEqualTo(3000);
        assertThat(f.size()).isEqualTo(3000);
        assertThat(f.writtenSize()).isEqualTo(3000);
        f.append(bytes(10, 3));
        f.close();
        byte[] onDisk = Files.readAllBytes(f.file());
        assertThat(onDisk).hasSize(3010);
        assertThat(Arrays.copyOf(onDisk, 3000)).isEqualTo(a.array());
    }

    @Test
    void unbufferedAppendsAreWrittenAtOnce() throws IOException {
        LogFile f = LogFile.open(dir.resolve("a.log"));
        f.append(bytes(100, 1));
        assertThat(f.writtenSize()).isEqualTo(100);
        assertThat(Files.size(f.file())).isEqualTo(100);
        f.close();
    }

    @Test
    void whenEveryBufferIsInUseAppendsGoToTheFileAtOnce() throws IOException {
        WriteBufferPool one = new WriteBufferPool(BUFFER, 4, BUFFER);
        LogFile a = LogFile.open(dir.resolve("a.log"), one);
        LogFile b = LogFile.open(dir.resolve("b.log"), one);
        a.append(bytes(100, 1));
        assertThat(a.writtenSize()).isZero();
        b.append(bytes(100, 2));
        b.append(bytes(100, 3));
        assertThat(b.writtenSize()).isEqualTo(200);
        a.flush(); // gives the buffer back: b buffers from now on
        b.append(bytes(100, 4));
        assertThat(b.writtenSize()).isEqualTo(200);
        assertThat(b.size()).isEqualTo(300);
        a.close();
        b.close();
        assertThat(Files.size(b.file())).isEqualTo(300);
        assertThat(one.buffersInUse()).isZero();
    }

    @ParameterizedTest(name = "writer thread: {0}")
    @ValueSource(booleans = {false, true})
    void concurrentReadsBelowTheSizeSeeTheAppendedBytes(boolean writerThread) throws Exception {
        LogFile f = LogFile.open(dir.resolve("a.log"), writerThread ? behind : pool);
        int total = 4 << 20;
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread reader = new Thread(() -> {
            Random rnd = new Random(3);
            try {
                while (f.size() < total && failure.get() == null) {
                    int size = f.size();
                    if (size == 0) {
                        continue;
                    }
                    int from = rnd.nextInt(size);
                    int length = Math.min(size - from, 1 + rnd.nextInt(20_000));
                    ByteBuffer dst = ByteBuffer.allocate(length);
                    if (rnd.nextBoolean()) {
                        f.readFully(dst, from);
                    } else {
                        LogSlice slice = f.slice(from, length);
                        while (dst.hasRemaining()) {
                            slice.channel().read(dst, slice.position() + dst.position());
                        }
                    }
                    for (int i = 0; i < length; i++) {
                        if (dst.get(i) != patternAt(from + i)) {
                            throw new AssertionError("byte " + (from + i) + " read " + dst.get(i) + ", appended " + patternAt(from + i));
                        }
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        Random rnd = new Random(5);
        int pos = 0;
        while (pos < total) {
            int n = Math.min(total - pos, 1 + rnd.nextInt(3 * BUFFER));
            ByteBuffer b = ByteBuffer.allocateDirect(n);
            for (int i = 0; i < n; i++) {
                b.put(i, patternAt(pos + i));
            }
            f.append(b);
            pos += n;
            if (rnd.nextInt(50) == 0) {
                f.flush();
            }
        }
        reader.join(30_000);
        f.close();
        assertThat(failure.get()).isNull();
    }

    @Test
    void aFullBufferIsWrittenByTheWriterThreadAndReadsOfItWaitForIt() throws IOException {
        LogFile f = LogFile.open(dir.resolve("a.log"), behind);
        ByteBuffer a = bytes(BUFFER + 100, 1);
        appendInPieces(f, a);
        assertThat(f.size()).isEqualTo(BUFFER + 100);
        // the first chunk reaches the file without any call on this file: the writer thread wrote it
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> f.writtenSize() == BUFFER && Files.size(f.file()) == BUFFER);
        ByteBuffer tail = ByteBuffer.allocate(200);
        f.readFully(tail, BUFFER - 100);
        assertThat(tail.array()).isEqualTo(Arrays.copyOfRange(a.array(), BUFFER - 100, BUFFER + 100));
        f.close();
        assertThat(Files.readAllBytes(f.file())).isEqualTo(a.array());
        assertThat(behind.buffersInUse()).isZero();
    }

    @Test
    void aFileHasAtMostTwoChunksInFlightAndAFlushWritesThemAll() throws Exception {
        LogFile f = LogFile.open(dir.resolve("a.log"), behind);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        writers.submit(f, () -> awaitQuietly(release)); // holds the writer thread: chunks queue behind it
        ByteBuffer a = bytes(2 * BUFFER, 1);
        appendInPieces(f, a); // two full chunks, both handed over
        assertThat(f.writtenSize()).isZero();
        ByteBuffer b = bytes(BUFFER, 2);
        Thread appender = new Thread(() -> {
            try {
                appendInPieces(f, b); // a third full chunk: waits for the first to be written
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        appender.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> appender.getState() == Thread.State.WAITING);
            // the appender filled the third chunk and waits in its last append: nothing was written meanwhile
            assertThat(f.size()).isBetween(2 * BUFFER, 3 * BUFFER - 1);
            assertThat(f.writtenSize()).isZero();
        } finally {
            release.countDown();
        }
        appender.join(10_000);
        f.flush();
        assertThat(f.writtenSize()).isEqualTo(3 * BUFFER);
        f.close();
        byte[] expected = Arrays.copyOf(a.array(), 3 * BUFFER);
        System.arraycopy(b.array(), 0, expected, 2 * BUFFER, BUFFER);
        assertThat(Files.readAllBytes(f.file())).isEqualTo(expected);
    }

    @Test
    void aFailedWriteOnTheWriterThreadFailsTheNextFlushAndEveryLaterWrite() throws Exception {
        LogFile f = LogFile.open(dir.resolve("a.log"), behind);
        f.channel().close(); // the writer thread's write of the next full chunk fails
        appendInPieces(f, bytes(BUFFER, 1));
        assertThatThrownBy(f::writeOut).isInstanceOf(IOException.class).hasMessageContaining("an earlier write to");
        assertThat(f.writtenSize()).isZero();
        assertThatThrownBy(() -> appendInPieces(f, bytes(BUFFER, 2))).isInstanceOf(IOException.class);
        assertThatThrownBy(f::flush).isInstanceOf(IOException.class);
    }

    /** Appends {@code b} 1,000 bytes at a time, so that it is copied into the buffer (not written whole from its own). */
    private static void appendInPieces(LogFile f, ByteBuffer b) throws IOException {
        for (int from = 0; from < b.limit(); from += 1000) {
            f.append(b.duplicate().position(from).limit(Math.min(b.limit(), from + 1000)));
        }
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte patternAt(int position) {
        return (byte) (position * 31 + (position >>> 12));
    }

    @Test
    void poolSizesAreWholePages() {
        assertThat(new WriteBufferPool(1, 1).bufferBytes()).isEqualTo(4096);
        assertThat(new WriteBufferPool(65_536, 1).bufferBytes()).isEqualTo(65_536);
        assertThat(new WriteBufferPool(0, 1).enabled()).isFalse();
    }
}
