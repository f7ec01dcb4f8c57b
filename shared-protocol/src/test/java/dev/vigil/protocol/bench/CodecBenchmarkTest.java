package dev.vigil.protocol.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.protocol.frame.MessageCodec;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** One short, in-process iteration of every codec benchmark: they run and produce a figure. */
class CodecBenchmarkTest {
  @Test
  void everyBenchmarkRuns() throws Exception {
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .include(CodecBenchmark.class.getName())
                    .forks(0)
                    .warmupIterations(1)
                    .warmupTime(TimeValue.milliseconds(100))
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(200))
                    .shouldFailOnError(true)
                    .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                    .build())
            .run();
    assertThat(results).hasSize(4);
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    // The figure behind "bytes per stats message" in docs/performance.md.
    assertThat(MessageCodec.encode(CodecBenchmark.typicalStats()).length).isBetween(300, 1200);
  }
}
