package dev.hydra.services.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JPEG carries A1111 parameters in the EXIF UserComment ("UNICODE\0" + UTF-16, as A1111 writes it). */
class ExifUserCommentTest {

    private static final String PARAMETERS = "a red fox in snow\nNegative prompt: blurry\nSteps: 25, Sampler: Euler a, "
            + "CFG scale: 6.5, Seed: 4242424242, Size: 640x480, Model: dreamshaper_8";

    @Test
    void aJpegsUserCommentIsParsedAsParameters() {
        ImageMetadata read = new MetadataReader().read(jpeg(PARAMETERS, 640, 480));

        assertThat(read.status()).as(read.problems().toString()).isEqualTo(ReadStatus.OK);
        assertThat(read.format()).isEqualTo("jpeg");
        assertThat(read.imageWidth()).isEqualTo(640);
        assertThat(read.imageHeight()).isEqualTo(480);
        assertThat(read.source()).isEqualTo(MetadataSource.A1111);
        assertThat(read.rawText()).containsEntry("UserComment", PARAMETERS);
        SamplerPass pass = read.finalPass().orElseThrow();
        assertThat(pass.seed()).hasToString("4242424242");
        assertThat(pass.cfg()).isEqualTo(6.5);
        assertThat(pass.negativeText()).isEqualTo("blurry");
        assertThat(pass.model()).isEqualTo("dreamshaper_8");
    }

    @Test
    void userCommentEncodings() {
        assertThat(MetadataReader.userComment(concat("ASCII\0\0\0".getBytes(StandardCharsets.ISO_8859_1),
                "plain".getBytes(StandardCharsets.US_ASCII)))).isEqualTo("plain");
        assertThat(MetadataReader.userComment(concat("UNICODE\0".getBytes(StandardCharsets.ISO_8859_1),
                "テスト".getBytes(StandardCharsets.UTF_16LE)))).isEqualTo("テスト");
    }

    /** A minimal JPEG: SOI, APP1 Exif (IFD0 → Exif IFD → UserComment), SOF0 with the size, EOI. */
    static byte[] jpeg(String comment, int width, int height) {
        byte[] text = concat("UNICODE\0".getBytes(StandardCharsets.ISO_8859_1),
                comment.getBytes(StandardCharsets.UTF_16BE));
        ByteBuffer tiff = ByteBuffer.allocate(8 + 18 + 18 + text.length).order(ByteOrder.BIG_ENDIAN);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(26).putInt(0);
        tiff.putShort((short) 1).putShort((short) 0x9286).putShort((short) 7).putInt(text.length).putInt(44).putInt(0);
        tiff.put(text);
        byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff.array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd8});
        segment(out, 0xe1, exif);
        segment(out, 0xc0, new byte[] {8, (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width, 1, 1,
                0x11, 0});
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd9});
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] body) {
        out.write(0xff);
        out.write(marker);
        out.write((body.length + 2) >> 8);
        out.write((body.length + 2) & 0xff);
        out.writeBytes(body);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
