package org.convscope.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Seeded mutations of a file's bytes, in the manner of AFL's havoc stage: bit flips, "interesting"
 * integers (0, −1, 2³¹−1, sizes just past a boundary) written over header-sized fields in both byte
 * orders, deletions, duplications, insertions, truncation and splicing with another seed. Two kinds of
 * file get mutations that look inside them, because byte noise alone rarely gets past their outer layer:
 * JSON text (numbers swapped for extreme ones, values and brackets dropped) and zip containers (one entry
 * is unpacked, mutated the same way, and packed again with a valid checksum).
 */
final class Mutations {
    private static final int[] INTERESTING = {0, 1, -1, 2, 3, 7, 8, 16, 28, 255, 256, 0x7fff, 0xffff, 0x10000,
            0x7fffffff, 0x80000000, 1 << 30, 100_000, 1_000_000};
    private static final String[] NUMBERS = {"0", "-1", "1", "2", "-2147483648", "2147483648", "1e9", "1e309", "-1e309",
            "0.5", "NaN", "99999999999999999999", "\"x\"", "null", "[]", "{}", "true"};
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern STRING = Pattern.compile("\"[^\"\\\\]*\"");

    private final SplittableRandom random;

    Mutations(long seed) {
        random = new SplittableRandom(seed);
    }

    /** A mutant of {@code input}, with {@code others} as material for splicing. Neither is modified. */
    byte[] mutate(byte[] input, List<byte[]> others) {
        if (isZip(input) && random.nextInt(3) > 0) {
            byte[] repacked = mutateZipEntry(input, others);
            if (repacked != null) return repacked;
        }
        String text = utf8(input);
        if (text != null && looksLikeJson(text) && random.nextBoolean()) {
            return mutateJson(text).getBytes(StandardCharsets.UTF_8);
        }
        byte[] out = input.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) out = havoc(out, others);
        return out;
    }

    private byte[] havoc(byte[] b, List<byte[]> others) {
        if (b.length == 0) return new byte[] {(byte) random.nextInt(256)};
        int at = random.nextInt(b.length);
        switch (random.nextInt(8)) {
            case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> b[at] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
            case 2 -> writeInt(b, at, INTERESTING[random.nextInt(INTERESTING.length)], random.nextBoolean());
            case 3 -> {
                int len = 1 + random.nextInt(Math.min(64, b.length - at));
                return concat(slice(b, 0, at), slice(b, at + len, b.length));
            }
            case 4 -> {
                int len = 1 + random.nextInt(Math.min(64, b.length - at));
                return concat(slice(b, 0, at + len), slice(b, at, b.length));
            }
            case 5 -> {
                byte[] noise = new byte[1 + random.nextInt(16)];
                random.nextBytes(noise);
                return concat(concat(slice(b, 0, at), noise), slice(b, at, b.length));
            }
            case 6 -> {
                return slice(b, 0, at);
            }
            default -> {
                byte[] other = others.get(random.nextInt(others.size()));
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                return concat(slice(b, 0, at), slice(other, from, other.length));
            }
        }
        return b;
    }

    private String mutateJson(String text) {
        Pattern target = random.nextInt(3) == 0 ? STRING : NUMBER;
        List<int[]> spans = new ArrayList<>();
        Matcher m = target.matcher(text);
        while (m.find()) spans.add(new int[] {m.start(), m.end()});
        if (spans.isEmpty() || random.nextInt(5) == 0) {
            // drop a bracket or a comma: structure errors
            int at = random.nextInt(Math.max(1, text.length()));
            int cut = indexOfAny(text, at, "{}[],:");
            return cut < 0 ? text.substring(0, at) : text.substring(0, cut) + text.substring(cut + 1);
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        String replacement = target == NUMBER ? NUMBERS[random.nextInt(NUMBERS.length)]
                : random.nextBoolean() ? "\"\"" : NUMBERS[random.nextInt(NUMBERS.length)];
        return text.substring(0, span[0]) + replacement + text.substring(span[1]);
    }

    private byte[] mutateZipEntry(byte[] zip, List<byte[]> others) {
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                contents.add(in.readAllBytes());
            }
        } catch (IOException | IllegalArgumentException e) {
            return null; // not a readable zip (a mutant of one): mutate its bytes instead
        }
        if (names.isEmpty()) return null;
        int pick = random.nextInt(names.size());
        contents.set(pick, mutate(contents.get(pick), others));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i < names.size(); i++) {
                out.putNextEntry(new ZipEntry(names.get(i)));
                out.write(contents.get(i));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing a zip in memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static boolean isZip(byte[] b) {
        return b.length > 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    private static boolean looksLikeJson(String text) {
        String t = text.strip();
        return t.startsWith("{") || t.startsWith("[");
    }

    private static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) if (chars.indexOf(s.charAt(i)) >= 0) return i;
        return -1;
    }

    private static void writeInt(byte[] b, int at, int v, boolean bigEndian) {
        for (int i = 0; i < 4 && at + i < b.length; i++) {
            int shift = bigEndian ? 24 - 8 * i : 8 * i;
            b[at + i] = (byte) (v >>> shift);
        }
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, Math.max(from, to));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
