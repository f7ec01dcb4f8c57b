package dev.vigil.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.RuleLevel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inventory's optional alert rules, and peers from before them. */
class AlertRulesFieldTest {
  private static final String INVENTORY =
      "\"hostname\":\"web-01\",\"os\":\"Debian\",\"kernel\":\"6.1\",\"architecture\":\"amd64\","
          + "\"cpuModel\":\"Xeon\",\"physicalCores\":2,\"logicalCores\":4,"
          + "\"memoryTotalBytes\":1024,\"ipAddresses\":[],\"agentVersion\":\"0.1.0\","
          + "\"allowedCommands\":[]";

  private static Inventory decode(String extra) throws ProtocolException {
    String json = "{\"type\":\"inventory\",\"body\":{" + INVENTORY + extra + "}}";
    return (Inventory) MessageCodec.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Inventory inventory(List<RuleLevel> rules) {
    return new Inventory(
        "web-01", "Debian", "6.1", "amd64", "Xeon", 2, 4, 1024, List.of(), "0.1.0", List.of(),
        rules);
  }

  @Test
  void rulesRoundTripAndALevelThatIsOffIsNotWritten() throws Exception {
    RuleLevel cpu = new RuleLevel("cpu", 80.0, 90.0, 70, 30_000);
    RuleLevel disk = new RuleLevel("disk", null, 95.0, 85.5, 0);
    byte[] wire = MessageCodec.encode(inventory(List.of(cpu, disk)));
    assertThat(new String(wire, StandardCharsets.UTF_8))
        .contains("{\"metric\":\"disk\",\"critical\":95.0,\"clear\":85.5,\"holdMillis\":0}");
    assertThat(((Inventory) MessageCodec.decode(wire)).alertRules()).containsExactly(cpu, disk);
  }

  @Test
  void anOlderAgentsInventoryWithoutThemIsReadWithNone() throws Exception {
    Inventory old = decode("");
    assertThat(old.alertRules()).isEmpty();
    assertThat(old.hostname()).isEqualTo("web-01");
  }

  @Test
  void aRuleWithNeitherTriggerIsRefusedNamingTheField() {
    assertThatThrownBy(
            () -> decode(",\"alertRules\":[{\"metric\":\"cpu\",\"clear\":70,\"holdMillis\":0}]"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("alertRules[0]: a rule needs a warning or a critical level");
  }

  @Test
  void moreRulesThanTheLimitAreRefused() {
    String rule = "{\"metric\":\"cpu\",\"warning\":1,\"clear\":0,\"holdMillis\":0}";
    String many = String.join(",", java.util.Collections.nCopies(17, rule));
    assertThatThrownBy(() -> decode(",\"alertRules\":[" + many + "]"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("alertRules lists more than 16 entries");
  }
}
