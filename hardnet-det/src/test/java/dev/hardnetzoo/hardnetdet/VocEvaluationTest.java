package dev.hardnetzoo.hardnetdet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocEvaluationTest {

    @Test
    void averagePrecisionOfAKnownCurve() {
        // points (p, r): (1, .5), (.5, .5), (2/3, 1)
        double[] recall = {0.5, 0.5, 1};
        double[] precision = {1, 0.5, 2.0 / 3};
        // 11-point: recall levels 0..0.5 see precision 1, levels 0.6..1 see 2/3 -> (6 + 5 * 2/3) / 11
        assertThat(AveragePrecision.elevenPoint(recall, precision)).isCloseTo((6 + 10.0 / 3) / 11, within(1e-12));
        // area: 0.5 * 1 + 0.5 * 2/3
        assertThat(AveragePrecision.area(recall, precision)).isCloseTo(0.5 + 1.0 / 3, within(1e-12));
        assertThat(AveragePrecision.area(new double[0], new double[0])).isZero();
    }

    @Test
    void evaluatorMatchesDetectionsToGroundTruthOnce() {
        VocEvaluator eval = new VocEvaluator(List.of("cat", "dog", "bird"));
        GroundTruth cat = new GroundTruth("cat", false, 1, 1, 10, 10);
        // image 0: a hit (VOC box 1..10 is pixels 0..9) and a duplicate of it (false positive)
        eval.add(List.of(det("cat", 0.9f, 0, 0, 9, 9), det("cat", 0.8f, 0, 0, 9, 9)), List.of(cat));
        // image 1: a hit on a difficult box (ignored), a hit, and a dog that was not found
        eval.add(List.of(det("cat", 0.7f, 19, 19, 29, 29), det("cat", 0.6f, 0, 0, 9, 9)),
                List.of(cat, new GroundTruth("cat", true, 20, 20, 30, 30), new GroundTruth("dog", false, 40, 40, 60, 60)));
        VocResult area = eval.result(false);
        assertThat(area.averagePrecision()).containsOnlyKeys("cat", "dog"); // no bird ground truth: not averaged
        assertThat(area.averagePrecision().get("cat")).isCloseTo(0.5 + 1.0 / 3, within(1e-9));
        assertThat(area.averagePrecision().get("dog")).isZero();
        assertThat(area.meanAveragePrecision()).isCloseTo((0.5 + 1.0 / 3) / 2, within(1e-9));
        assertThat(eval.result(true).averagePrecision().get("cat")).isCloseTo((6 + 10.0 / 3) / 11, within(1e-9));
    }

    @Test
    void vocIouUsesInclusivePixels() {
        // detection pixels 0..9 -> VOC 1..10 (10x10); ground truth 6..15 (10x10): overlap 6..10 = 5x10 -> 50 / 150
        assertThat(VocEvaluator.vocIou(det("cat", 1, 0, 0, 9, 9), new GroundTruth("cat", false, 6, 1, 15, 10)))
                .isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void readsVocXmlAndRefusesDoctypes(@TempDir Path tmp) throws Exception {
        Path xml = tmp.resolve("000001.xml");
        Files.writeString(xml, """
                <annotation><filename>000001.jpg</filename>
                  <object><name>dog</name><pose>Left</pose><truncated>1</truncated><difficult>0</difficult>
                    <bndbox><xmin>48</xmin><ymin>240</ymin><xmax>195</xmax><ymax>371</ymax></bndbox></object>
                  <object><name>person</name><difficult>1</difficult>
                    <bndbox><xmin>8.0</xmin><ymin>12</ymin><xmax>352</xmax><ymax>498</ymax></bndbox></object>
                </annotation>""");
        assertThat(VocAnnotations.read(xml)).containsExactly(new GroundTruth("dog", false, 48, 240, 195, 371),
                new GroundTruth("person", true, 8, 12, 352, 498));
        Path evil = tmp.resolve("evil.xml");
        Files.writeString(evil, "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><annotation>&x;</annotation>");
        assertThatThrownBy(() -> VocAnnotations.read(evil)).hasMessageContaining(evil.toString());
        Path broken = tmp.resolve("broken.xml");
        Files.writeString(broken, "<annotation><object><name>cat</name></object></annotation>");
        assertThatThrownBy(() -> VocAnnotations.read(broken)).hasMessageContaining("object 1 has no <bndbox>");
    }

    private static Detection det(String cls, float score, float x1, float y1, float x2, float y2) {
        return new Detection(1, cls, score, x1, y1, x2, y2);
    }
}
