package io.github.kvkit.tracks.gpt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.gpt.plan.GptPlan;
import io.github.kvkit.validator.cases.CaseFileException;
import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.cases.CaseWriter;
import io.github.kvkit.validator.cases.TestCase;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Freezes a tiny-gpt case: the case as written plus the reference's outcome of every call in an {@code expected}
 * block, so that it grades without {@code solution/} (a student kit's visible cases). The planned numbers need no
 * freezing: they follow from the seed on every platform.
 */
final class GptMaterializer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GptMaterializer() {
    }

    static TestCase materialize(TestCase tc, GptTrack track, Path target) throws IOException, CaseFileException {
        ObjectNode root = (ObjectNode) JSON.readTree(tc.source().toFile());
        root.remove("expected");
        GptPlan plan = track.plan(tc);
        List<CallOutcome> outcomes = track.expected(plan);
        ArrayNode frozen = root.putArray("expected");
        for (int i = 0; i < outcomes.size(); i++) {
            ObjectNode node = frozen.addObject().put("call", i);
            if (outcomes.get(i) instanceof CallOutcome.NotRun n) {
                node.put("notRun", n.why());
            } else if (outcomes.get(i) instanceof CallOutcome.Returned r) {
                ObjectNode arrays = node.putObject("arrays");
                for (Map.Entry<String, Tensor> a : r.arrays().entrySet()) {
                    arrays.set(a.getKey(), CaseWriter.tensor(a.getValue()));
                }
                ObjectNode numbers = node.putObject("numbers");
                for (Map.Entry<String, long[]> n : r.numbers().entrySet()) {
                    ArrayNode values = numbers.putArray(n.getKey());
                    for (long v : n.getValue()) {
                        values.add(v);
                    }
                }
            }
        }
        CaseWriter.write(root, target);
        return new CaseLoader(List.of(track), track).load(target);
    }
}
