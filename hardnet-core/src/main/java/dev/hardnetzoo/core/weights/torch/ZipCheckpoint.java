package dev.hardnetzoo.core.weights.torch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code torch.save}'s zip format (PyTorch 1.6+): {@code <archive>/data.pkl} holds the object,
 * {@code <archive>/data/<key>} each storage's raw little-endian bytes. Every entry name is
 * checked before anything is read, and every size against the file's length before allocating.
 */
final class ZipCheckpoint implements StorageSource {
    private final Path file;
    private final ZipFile zip;
    private final String prefix;
    private final long fileLength;
    /**
     * torch.save stores storages uncompressed, so their bytes add up to less than the file; a
     * re-zipped file may compress them. Beyond this ratio it is a zip bomb (entries that
     * inflate hugely, or many entries sharing one stretch of data).
     */
    private static final long MAX_EXPANSION = 16;
    private long inflated;

    private ZipCheckpoint(Path file, ZipFile zip, String prefix) throws IOException {
        this.file = file;
        this.zip = zip;
        this.prefix = prefix;
        this.fileLength = Files.size(file);
    }

    static ZipCheckpoint open(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw new CheckpointException(file + ": not a readable zip checkpoint (" + e.getMessage() + ")", e);
        }
        try {
            String prefix = null;
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                String name = en.nextElement().getName();
                if (name.startsWith("/") || name.contains("\\") || name.contains("..") || name.indexOf(':') >= 0) {
                    throw new CheckpointException(file + ": zip entry '" + name + "' has an unsafe path");
                }
                String top = name.contains("/") ? name.substring(0, name.indexOf('/') + 1) : "";
                if (top.isEmpty()) throw new CheckpointException(file + ": zip entry '" + name + "' is outside the archive folder");
                if (prefix != null && !prefix.equals(top)) {
                    throw new CheckpointException(file + ": zip entries under both '" + prefix + "' and '" + top + "'");
                }
                prefix = top;
            }
            if (prefix == null) throw new CheckpointException(file + ": empty zip");
            ZipCheckpoint c = new ZipCheckpoint(file, zip, prefix);
            c.checkByteOrder();
            return c;
        } catch (RuntimeException | IOException e) {
            zip.close();
            throw e;
        }
    }

    /** The pickled object's stream, limited to {@code maxBytes}. */
    InputStream pickle(long maxBytes) throws IOException {
        ZipEntry e = entry("data.pkl");
        if (e.getSize() > maxBytes) throw new CheckpointException(file + ": data.pkl is " + e.getSize() + " bytes, over the limit");
        return new LimitedInputStream(zip.getInputStream(e), maxBytes, file + ": data.pkl");
    }

    @Override
    public ByteBuffer read(String key, StorageType type, long numel) throws IOException {
        if (!key.matches("[A-Za-z0-9_]+")) throw new CheckpointException(file + ": storage key '" + key + "' is not a plain name");
        ZipEntry e = entry("data/" + key);
        long need = Math.multiplyExact(numel, type.dtype.size());
        if (e.getSize() > fileLength) {
            throw new CheckpointException(file + ": storage " + key + " inflates to " + e.getSize() + " bytes from a file of "
                    + fileLength + " (a zip bomb?)");
        }
        if (e.getSize() < need) {
            throw new CheckpointException(file + ": storage " + key + " holds " + e.getSize() + " bytes, expected " + need);
        }
        if (need > Integer.MAX_VALUE - 8) throw new CheckpointException(file + ": storage " + key + " is larger than 2 GiB");
        inflated += need;
        if (inflated > MAX_EXPANSION * fileLength) {
            throw new CheckpointException(file + ": storages inflate to more than " + inflated + " bytes, " + MAX_EXPANSION
                    + " times the file's " + fileLength + " bytes (a zip bomb?)");
        }
        try (InputStream in = zip.getInputStream(e)) {
            byte[] bytes = in.readNBytes((int) need);
            if (bytes.length != need) throw new CheckpointException(file + ": storage " + key + " is truncated");
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException ex) { // corrupt deflate data, or an entry whose local header lies outside the file
            throw new CheckpointException(file + ": storage " + key + " is unreadable (" + ex + ")", ex);
        }
    }

    private void checkByteOrder() throws IOException {
        ZipEntry e = zip.getEntry(prefix + "byteorder");
        if (e == null) return; // written only by newer PyTorch; older files are little-endian
        String order;
        try (InputStream in = zip.getInputStream(e)) {
            order = new String(in.readNBytes(16), StandardCharsets.US_ASCII).strip();
        } catch (IOException ex) {
            throw new CheckpointException(file + ": byteorder entry is unreadable (" + ex + ")", ex);
        }
        if (!order.equals("little")) throw new CheckpointException(file + ": byte order '" + Pickles.brief(order) + "' is not supported");
    }

    private ZipEntry entry(String name) {
        ZipEntry e = zip.getEntry(prefix + name);
        if (e == null) throw new CheckpointException(file + ": zip checkpoint has no " + prefix + name);
        return e;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
