package io.github.kvkit.validator.cases;

import org.nd4j.linalg.api.buffer.DataType;

/** The floating point type a case's arrays are given to the candidate in. */
public enum Dtype {
    FLOAT32("float32", DataType.FLOAT), FLOAT64("float64", DataType.DOUBLE);

    private final String id;
    private final DataType nd4j;

    Dtype(String id, DataType nd4j) {
        this.id = id;
        this.nd4j = nd4j;
    }

    public String id() {
        return id;
    }

    public DataType nd4j() {
        return nd4j;
    }

    public static Dtype of(String id) {
        for (Dtype d : values()) {
            if (d.id.equals(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dtype " + id);
    }
}
