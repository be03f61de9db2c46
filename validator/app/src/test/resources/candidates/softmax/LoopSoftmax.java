import io.github.kvkit.example.softmax.api.StableSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A correct softmax in plain loops, written differently from the reference. */
public class LoopSoftmax implements StableSoftmax {

    @Override
    public INDArray softmax(INDArray x) {
        if (x == null || x.rank() != 2) {
            throw new IllegalArgumentException("x must be rank 2, got " + (x == null ? "null" : x.rank()));
        }
        int rows = (int) x.size(0);
        int cols = (int) x.size(1);
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, x.getDouble(r, c));
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                out[r][c] = Math.exp(x.getDouble(r, c) - max);
                sum += out[r][c];
            }
            for (int c = 0; c < cols; c++) {
                out[r][c] /= sum;
            }
        }
        return Nd4j.createFromArray(out).castTo(x.dataType());
    }
}
