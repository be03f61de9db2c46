package io.github.kvkit.validator.batch;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ShardTest {

    private static final List<String> CLASS = IntStream.range(0, 60).mapToObj(i -> "student" + i).toList();

    @Test
    void everyStudentIsInExactlyOneShard() {
        List<Shard> shards = List.of(new Shard(1, 3), new Shard(2, 3), new Shard(3, 3));

        assertThat(CLASS).allSatisfy(s -> assertThat(shards.stream().filter(sh -> sh.includes(s))).hasSize(1));
    }

    @Test
    void aStudentsShardDependsOnTheNameAloneNotOnWhoElseIsInTheClass() {
        Shard second = new Shard(2, 3);
        List<String> inFullClass = CLASS.stream().filter(second::includes).toList();

        List<String> inHalfClass = CLASS.subList(0, 30).stream().filter(second::includes).toList();

        assertThat(inFullClass).containsAll(inHalfClass);
        assertThat(inFullClass).isNotEmpty().hasSizeLessThan(CLASS.size());
    }

    @Test
    void theFormIsIOverNWithIFromOneToN() {
        assertThat(Shard.parse("2/3")).contains(new Shard(2, 3));
        assertThat(Shard.parse(" 1 / 1 ")).contains(new Shard(1, 1));
        assertThat(Shard.parse("0/3")).isEmpty();
        assertThat(Shard.parse("4/3")).isEmpty();
        assertThat(Shard.parse("2")).isEmpty();
        assertThat(Shard.parse("a/b")).isEmpty();
    }
}
