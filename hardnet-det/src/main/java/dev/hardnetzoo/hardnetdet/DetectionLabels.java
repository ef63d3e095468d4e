package dev.hardnetzoo.hardnetdet;

import dev.hardnetzoo.core.zoo.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Class names for the detectors' outputs, background first: PASCAL VOC's 21, or COCO's 81
 * (the 91-entry category-id list without its unused "N/A" ids, as the reference's COCO
 * dataset maps them). Other counts get "class N".
 */
public final class DetectionLabels {
    private DetectionLabels() {}

    public static List<String> voc() {
        return Labels.resource("voc-21.txt");
    }

    public static List<String> coco() {
        return Labels.resource("coco-91.txt").stream().filter(name -> !name.equals("N/A")).toList();
    }

    public static List<String> forClasses(int classes) {
        if (classes == 21) return voc();
        if (classes == 81) return coco();
        List<String> names = new ArrayList<>();
        names.add("__background__");
        for (int c = 1; c < classes; c++) names.add("class " + c);
        return List.copyOf(names);
    }
}
