package io.tributary.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of valid inputs, as coverage-blind fuzzers do: flip bits, overwrite bytes with
 * boundary values, insert, delete, duplicate or truncate ranges, splice two seeds. The same seed
 * gives the same inputs, so a failure is reproduced by its seed and index.
 */
public final class Mutator {
    private static final byte[] INTERESTING = {0, 1, -1, 0x7f, (byte) 0x80, 0x40, 0x20, 0x10};

    private final Random random;
    private final List<byte[]> seeds;

    public Mutator(long seed, List<byte[]> seeds) {
        this.random = new Random(seed);
        this.seeds = seeds;
    }

    public byte[] next() {
        byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            b = mutate(b);
        }
        return b;
    }

    /** {@code base} mutated one to four times (base itself is not changed). */
    public byte[] mutated(byte[] base) {
        byte[] b = base.clone();
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            b = mutate(b);
        }
        return b;
    }

    private byte[] mutate(byte[] b) {
        if (b.length == 0) {
            return new byte[] {(byte) random.nextInt()};
        }
        int at = random.nextInt(b.length);
        switch (random.nextInt(8)) {
            case 0:
                b[at] ^= (byte) (1 << random.nextInt(8));
                return b;
            case 1:
                b[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                return b;
            case 2: {
                int n = Math.min(4, b.length - at);
                for (int i = 0; i < n; i++) {
                    b[at + i] = random.nextBoolean() ? (byte) 0xff : (byte) 0x7f;
                }
                return b;
            }
            case 3: {
                byte[] ins = new byte[1 + random.nextInt(16)];
                random.nextBytes(ins);
                byte[] out = new byte[b.length + ins.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(ins, 0, out, at, ins.length);
                System.arraycopy(b, at, out, at + ins.length, b.length - at);
                return out;
            }
            case 4: {
                int n = 1 + random.nextInt(Math.min(32, b.length - at));
                byte[] out = new byte[b.length - n];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + n, out, at, b.length - at - n);
                return out;
            }
            case 5:
                return Arrays.copyOf(b, at);
            case 6: {
                int n = 1 + random.nextInt(Math.min(64, b.length - at));
                byte[] out = Arrays.copyOf(b, b.length + n);
                System.arraycopy(b, at, out, b.length, n);
                return out;
            }
            default: {
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                byte[] out = Arrays.copyOf(b, at + other.length - from);
                System.arraycopy(other, from, out, at, other.length - from);
                return out;
            }
        }
    }

    public Random random() {
        return random;
    }
}
