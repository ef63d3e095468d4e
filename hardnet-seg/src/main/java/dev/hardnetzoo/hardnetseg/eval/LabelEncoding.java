package dev.hardnetzoo.hardnetseg.eval;

/** How the label maps of an evaluation set store classes. */
public enum LabelEncoding {
    /** Cityscapes {@code *_gtFine_labelIds.png}: label ids 0..33, mapped to the 19 train ids; the rest ignored. */
    CITYSCAPES_LABEL_IDS("label ids", "_gtFine_labelIds.png"),
    /**
     * Train ids already (0..classes-1), 255 = ignore; in the Cityscapes layout
     * {@code *_gtFine_labelTrainIds.png}, as Cityscapes' {@code createTrainIdLabelImgs.py} names them.
     */
    TRAIN_IDS("train ids", "_gtFine_labelTrainIds.png");

    /** The pixel value that is never counted. */
    public static final int IGNORE = 255;

    /** Cityscapes label ids of the 19 evaluated classes, in train-id order (the official loader's valid_classes). */
    private static final int[] CITYSCAPES_VALID_IDS = {7, 8, 11, 12, 13, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 31, 32, 33};

    private static final int[] CITYSCAPES_TO_TRAIN = new int[256];

    static {
        java.util.Arrays.fill(CITYSCAPES_TO_TRAIN, IGNORE);
        for (int t = 0; t < CITYSCAPES_VALID_IDS.length; t++) CITYSCAPES_TO_TRAIN[CITYSCAPES_VALID_IDS[t]] = t;
    }

    private final String description;
    private final String cityscapesSuffix;

    LabelEncoding(String description, String cityscapesSuffix) {
        this.description = description;
        this.cityscapesSuffix = cityscapesSuffix;
    }

    /** What the stored values are, e.g. "train ids". */
    public String description() {
        return description;
    }

    /** How the label map of Cityscapes' {@code X_leftImg8bit.png} is named: {@code X} and this. */
    public String cityscapesSuffix() {
        return cityscapesSuffix;
    }

    /** The train id of a stored 8-bit value, or {@link #IGNORE}. */
    public int trainId(int stored) {
        if (stored < 0 || stored > 255) throw new IllegalArgumentException("label values are 8-bit, got " + stored);
        return this == CITYSCAPES_LABEL_IDS ? CITYSCAPES_TO_TRAIN[stored] : stored;
    }
}
